"""Split runs re-tested at their last epoch beside the checkpoint the validation part chose: is a difference between
recipes real, or the noise of choosing an epoch on 75 images? (The shipped model, trained on every image, keeps
the last epoch.) Scores each run's `last.pt` on its split's test part; a diagnostic, never a way to choose.

    python3 -m training.scripts.last_epoch training/runs/plain384 training/runs/b384 \
        --out reports/last_epoch_check.json
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

from training.data import splits
from training.evaluation import metrics
from training.models.registry import create_model
from training.recipes.train_student import load_inputs, predict

FIGURES = ("srcc", "plcc")


def last_epoch_figures(run: Path, mos: dict[str, float]) -> dict | None:
    """{best_epoch, best, last} test figures of one split run; None for a run without a test part or `last.pt`."""
    summary_path, last = run / "summary.json", run / "last.pt"
    if not (summary_path.exists() and last.exists()):
        return None
    summary = json.loads(summary_path.read_text())
    if summary.get("split_seed") is None:
        return None
    recipe = summary["recipe"]
    model = create_model(recipe["model"], pretrained=False, **recipe.get("model_overrides", {}))
    model.load_state_dict(torch.load(last, map_location="cpu")["model"])
    test = sorted(summary["test_predictions"])
    inputs = load_inputs(test, model.dpiqa_config["input_size"])
    scored = metrics.evaluate_predictions(predict(model, inputs, test), [mos[n] for n in test])
    return {"split_seed": summary["split_seed"], "best_epoch": summary["best_epoch"],
            "best": {k: summary["test"][k] for k in FIGURES}, "last": {k: scored[k] for k in FIGURES}}


def check(runs: list[Path], mos: dict[str, float]) -> dict:
    """Per runs folder: each split's figures and the medians of both checkpoints over its splits."""
    report = {}
    for folder in runs:
        rows = [r for r in (last_epoch_figures(run, mos) for run in sorted(folder.glob("seed*"))) if r]
        if rows:
            report[str(folder)] = {"splits": rows, "median": {
                which: metrics.median_over_seeds([r[which] for r in rows]) for which in ("best", "last")}}
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=Path, help="folders of seed<N>/ split runs")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    report = check(args.runs, dict(splits.load_clive()))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2))
    for folder, rows in report.items():
        print(f"{folder}: median SRCC chosen epoch {rows['median']['best']['srcc']:.3f}, "
              f"last epoch {rows['median']['last']['srcc']:.3f}; per split (chosen/last) "
              + " ".join(f"{r['best']['srcc']:.3f}/{r['last']['srcc']:.3f}" for r in rows["splits"]))


if __name__ == "__main__":
    main()
