"""Recipes compared on the same splits from their runs' held-out predictions: per-split figures, medians, the
paired per-split differences against the first recipe, and the average of the recipes' scores (an ensemble).
Reads `<runs>/seed<N>/summary.json` only, or a model of a `training.evaluation.teacher_protocol` report or of an earlier
report of this script (`NAME=REPORT.json:MODEL`): nothing is trained or scored again. The report keeps every
recipe's held-out predictions, so it can be compared again after the runs are gone.

    python3 -m training.scripts.compare_runs shipped=training/runs plain384=training/runs/plain384 \
        --out reports/recipes_compared.json
    python3 -m training.scripts.compare_runs teacher=reports/teacher_protocol.json:teacher0 \
        student=reports/teacher_protocol.json:student
    # a weighted ensemble, and its lead over a model's published per-split figures (a student_protocol eval report)
    python3 -m training.scripts.compare_runs teacher=... plain384=... exposure=... --weights 2,1,1 \
        --against reports/ensemble384_eval.json

Only splits every recipe has finished are compared, and each recipe's summary names its recipe in the report.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from training.data import splits
from training.evaluation import metrics
from training.evaluation.student_protocol import protocol_recipe


def finished(runs: Path) -> dict[int, dict]:
    """{split seed: summary} of the runs under `runs` that were tested (trained on a split, not on all images);
    `runs` may instead name a model of a report, as REPORT.json:MODEL (`reported_finished`)."""
    report, sep, model = str(runs).rpartition(":")
    if sep and report.endswith(".json"):
        return reported_finished(Path(report), model)
    found = {}
    for path in sorted(runs.glob("seed*/summary.json")):
        summary = json.loads(path.read_text())
        if summary.get("split_seed") is not None and "test_predictions" in summary:
            found[summary["split_seed"]] = summary
    return found


def reported_finished(report: Path, model: str) -> dict[int, dict]:
    """{split seed: summary} of `model` in a `training.evaluation.teacher_protocol` report or in a report of this script
    (which keeps every recipe's held-out predictions, so runs need not be kept), shaped as a run's summary."""
    content = json.loads(report.read_text())
    if "chains" in content:
        found = {c["split_seed"]: {"recipe": protocol_recipe(c, model),
                                   "test_predictions": c["models"][model]["test_predictions"]}
                 for c in content["chains"].values()
                 if c["split_seed"] is not None and "test_predictions" in c["models"].get(model, {})}
    else:
        found = {int(seed): {"recipe": content["recipes"][model]["recipe"], "test_predictions": predictions}
                 for seed, predictions in content.get("test_predictions", {}).get(model, {}).items()}
    if not found:
        raise SystemExit(f"{report} has no split with a tested {model!r}")
    return found


def compare(recipes: dict[str, Path], mos: dict[str, float], weights: list[float] | None = None) -> dict:
    """The report for `recipes` ({name: runs folder}, the first the reference), against `mos` ({photo: MOS});
    `weights` (one per recipe) weigh the ensemble's mean."""
    if weights is not None and len(weights) != len(recipes):
        raise SystemExit(f"{len(weights)} weights for {len(recipes)} recipes")
    runs = {name: finished(path) for name, path in recipes.items()}
    seeds = sorted(set.intersection(*(set(r) for r in runs.values())))
    if not seeds:
        raise SystemExit("no split is finished in every one of " + ", ".join(f"{n}={p}" for n, p in recipes.items()))
    first = next(iter(recipes))
    per_split: dict[str, dict[int, dict]] = {name: {} for name in recipes}
    per_split["ensemble"] = {}
    ensemble_predictions = {}
    for seed in seeds:
        names = sorted(runs[first][seed]["test_predictions"])
        truth = [mos[n] for n in names]
        scores = {name: np.array([runs[name][seed]["test_predictions"][n] for n in names]) for name in recipes}
        for name, pred in scores.items():
            per_split[name][seed] = metrics.evaluate_predictions(pred, truth)
        ensemble = metrics.mean_test_figures([runs[name][seed]["test_predictions"] for name in recipes], mos, weights)
        per_split["ensemble"][seed], ensemble_predictions[str(seed)] = ensemble["test"], ensemble["test_predictions"]
    members = {name: runs[name][seeds[0]]["recipe"] for name in recipes}
    return {
        "seeds": seeds,
        "recipes": {**{name: {"runs": str(path), "recipe": members[name]} for name, path in recipes.items()},
                    # a model of this report like the others (`REPORT.json:ensemble`), e.g. a teacher for the cascade
                    "ensemble": {"runs": "the recipes above", "recipe": {"ensemble_of": members,
                                                                         "weights": weights or [1.0] * len(recipes)}}},
        "ensemble": "the mean of the recipes' MOS predictions per photo"
                    + ("" if weights is None else f", weighted {':'.join(f'{w:g}' for w in weights)}"),
        "median": {name: metrics.median_over_seeds(list(rows.values())) for name, rows in per_split.items()},
        "per_split": {name: {str(s): {k: rows[s][k] for k in metrics.REPORTED} for s in seeds}
                      for name, rows in per_split.items()},
        f"srcc_minus_{first}": {name: {str(s): per_split[name][s]["srcc"] - per_split[first][s]["srcc"] for s in seeds}
                                for name in per_split if name != first},
        "test_predictions": {**{name: {str(s): runs[name][s]["test_predictions"] for s in seeds} for name in recipes},
                             "ensemble": ensemble_predictions},
    }


def lead_over(report: dict, reference: Path, model: str = "ensemble") -> dict:
    """`model`'s SRCC and PLCC minus those a `training.evaluation.student_protocol` eval report (`reference`) gives per
    split, on the splits both have: how a candidate stands against a shipped model's published figures."""
    published = {str(row["seed"]): row for row in json.loads(reference.read_text())["student"]["per_seed"]}
    seeds = [str(s) for s in report["seeds"] if str(s) in published]
    if not seeds:
        raise SystemExit(f"{reference} has none of the splits {report['seeds']}")
    rows = {s: {k: report["per_split"][model][s][k] - published[s][k] for k in ("srcc", "plcc")} for s in seeds}
    return {"reference": str(reference), "model": model, "per_split": rows,
            "median": {k: float(np.median([r[k] for r in rows.values()])) for k in ("srcc", "plcc")},
            "splits_ahead": sum(r["srcc"] > 0 for r in rows.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recipes", nargs="+", metavar="NAME=RUNS",
                        help="a name and the folder of its seed<N>/ runs, or REPORT.json:MODEL of a protocol report "
                             "or of an earlier report of this script")
    parser.add_argument("--weights", type=lambda v: [float(w) for w in v.split(",")],
                        help="comma-separated ensemble weights, one per recipe (default: equal)")
    parser.add_argument("--against", type=Path, metavar="EVAL.json",
                        help="also report the ensemble's per-split lead over a student_protocol eval report's figures")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    recipes = {}
    for item in args.recipes:
        name, sep, path = item.partition("=")
        if not sep:
            raise SystemExit(f"{item!r}: expected NAME=RUNS or NAME=REPORT.json:MODEL")
        recipes[name] = Path(path)
    report = compare(recipes, dict(splits.load_clive()), args.weights)
    if args.against:
        report["lead"] = lead_over(report, args.against)
    if args.out:
        args.out.write_text(json.dumps(report, indent=2))
    for name, median in report["median"].items():
        print(f"{name:>12}  SRCC {median['srcc']:.3f}  PLCC {median['plcc']:.3f}  per split SRCC "
              + " ".join(f"{report['per_split'][name][str(s)]['srcc']:.3f}" for s in report["seeds"]))
    if "lead" in report:
        lead = report["lead"]
        print(f"ensemble minus {lead['reference']}: SRCC per split "
              + " ".join(f"{r['srcc']:+.3f}" for r in lead["per_split"].values())
              + f", median {lead['median']['srcc']:+.3f} (PLCC {lead['median']['plcc']:+.3f}),"
              f" ahead on {lead['splits_ahead']} of {len(lead['per_split'])}")


if __name__ == "__main__":
    main()
