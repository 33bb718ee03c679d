"""Java re-distillation on real labels: does `dpiqa distill` improve a student with photos people rated later?

For each split, the split's student (`<runs>/seed<N>/best.pt`, trained on the split's training part) is exported
into a fresh model cache as the serving version, and the split's test part, which it never saw, arrives as new
labels (`dpiqa distill --labels CSV`). The command does what the CronJob does: holds out its stable hash-chosen
share of the labels, fine-tunes the student on the rest through DJL, and its gate compares both versions on the
held-out part. No teacher: the shipped one trained on every CLIVE photo, so its targets would leak the labels.

    python3 -m training.scripts.java_redistillation --splits 0 1 2 3 4 \
        --out reports/java_redistillation.json [--config dpiqa.distill.epochs=2 ...]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from training.data import splits
from training.export.model_cache import export
from training.paths import REPO_ROOT

MODEL = "dpiqa_student_mobilenetv2"


def redistill(seed: int, runs: Path, work: Path, config: list[str]) -> dict:
    """One split: export its student, write its test part as a labels CSV, run `dpiqa distill`; its report."""
    cache = work / f"cache{seed}"
    export([runs / f"seed{seed}" / "best.pt"], MODEL, "1.0.0", {}, {"data": f"CLIVE split {seed} training part"}, cache)
    mos = dict(splits.load_clive())
    labels = work / f"split{seed}_test.csv"
    with open(labels, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["image", "mos"])
        writer.writerows((name, mos[name]) for name in splits.make_split(list(mos), seed).test)
    env = {**os.environ, "DPIQA_MODELS_CACHE_DIR": str(cache),
           "JAVA_OPTS": " ".join(f"-D{setting}" for setting in config)}
    run = subprocess.run([str(REPO_ROOT / "dpiqa"), "distill", "--labels", str(labels),
                          "--images", str(splits.CLIVE_ROOT / "images")],
                         env=env, cwd=REPO_ROOT, capture_output=True, text=True)
    if run.returncode not in (0, 10):  # promoted or rejected: both are measurements
        raise RuntimeError(f"split {seed}: dpiqa distill exited {run.returncode}\n{run.stderr[-2000:]}")
    report = json.loads(run.stdout.strip().splitlines()[-1])
    print(f"split {seed}: {report['outcome']}, held-out SRCC {report['parent_metrics']['srcc']:.3f} -> "
          f"{report['candidate_metrics']['srcc']:.3f} ({report['data']['held']} photos)", flush=True)
    return {k: report[k] for k in ("outcome", "data", "losses", "parent_metrics", "candidate_metrics", "gate",
                                   "seconds")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", type=int, nargs="+", default=list(splits.DEFAULT_SEEDS))
    parser.add_argument("--runs", type=Path, default=REPO_ROOT / "training" / "runs", help="holds seed<N>/best.pt")
    parser.add_argument("--config", action="append", default=[], metavar="KEY=VALUE",
                        help="a dpiqa setting for the runs, e.g. dpiqa.distill.epochs=2 (repeatable)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        per_split = {seed: redistill(seed, args.runs, Path(work), args.config) for seed in args.splits}
    deltas = {k: [r["candidate_metrics"][k] - r["parent_metrics"][k] for r in per_split.values()]
              for k in ("srcc", "plcc")}
    report = {"definition": __doc__.split("\n\n")[1].replace("\n", " "), "config": args.config,
              "per_split": per_split,
              "median_delta": {k: float(np.median(v)) for k, v in deltas.items()},
              "promoted": sum(r["outcome"] == "promoted" for r in per_split.values())}
    print(json.dumps({k: report[k] for k in ("median_delta", "promoted")}))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
