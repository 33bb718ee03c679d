"""Cascade economics on the CLIVE test parts: the student scores everything, the teacher re-scores the images whose
student MOS lies within a band of a verdict threshold (the Java `CascadeScorer`'s rule, thresholds 40 / 60).

    python3 bench/cascade.py --protocol training/reports/teacher_protocol.json \
        --latency training/reports/model_latency_cpu.json --latency training/reports/model_latency_gpu.json

For each band width: the fraction of images sent to the teacher, the cascade's compute as a fraction of
teacher-only (per-image model latencies at batch 1 from `bench/model_latency.py`, one figure per device), and the
cascade's SRCC/PLCC beside student-only and teacher-only, as the median over the splits (test parts only: no
image here trained any model or chose a checkpoint). Writes `cascade.json` and `cascade.png` into `--out` (bench/).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from training import metrics, splits  # noqa: E402
from training.plots import plt  # noqa: E402  (matplotlib with the headless backend)

THRESHOLDS = (40.0, 60.0)  # VerdictPolicy.DEFAULT
BANDS = tuple(float(b) for b in range(0, 41, 2))
GOAL = {"cost": 0.20, "srcc": 0.99}  # ≤ 20 % of teacher-only compute at ≥ 99 % of teacher-only SRCC


def borderline(student: np.ndarray, band: float) -> np.ndarray:
    return np.min([np.abs(student - t) for t in THRESHOLDS], axis=0) <= band


def sweep(student: np.ndarray, teacher: np.ndarray, mos: np.ndarray, costs: dict[str, dict]) -> list[dict]:
    rows = []
    for band in BANDS:
        sent = borderline(student, band)
        scores = np.where(sent, teacher, student)
        m = metrics.evaluate_predictions(scores, mos)
        rows.append({"band": band, "to_teacher": float(sent.mean()), "srcc": m["srcc"], "plcc": m["plcc"],
                     **{f"cost_{device}": (c["student"] + sent.mean() * c["teacher"]) / c["teacher"]
                        for device, c in costs.items()}})
    return rows


def per_image_costs(paths: list[Path]) -> dict[str, dict]:
    """{device: {"student": ms, "teacher": ms}} per image at batch 1, from model_latency.py reports."""
    costs = {}
    for path in paths:
        report = json.loads(path.read_text())
        rows = {r["model"].split("_")[1]: r["ms_per_image"] for r in report["rows"] if r["batch"] == 1}
        costs["gpu" if report["device"] != "cpu" else "cpu"] = rows
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--protocol", type=Path, required=True, help="teacher_protocol.json")
    parser.add_argument("--latency", type=Path, action="append", required=True, help="model_latency.py JSON (repeat)")
    parser.add_argument("--student", default="student", help="the protocol model in the student role (e.g. distilled_score_map)")
    parser.add_argument("--teacher", default="teacher0")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent, help="folder for cascade.json/png")
    args = parser.parse_args()
    protocol = json.loads(args.protocol.read_text())
    mos_of = dict(splits.load_clive())
    costs = per_image_costs(args.latency)
    per_split, ends = [], []
    for name, chain in sorted(protocol["chains"].items()):
        if chain["split_seed"] is None:
            continue
        student, teacher = chain["models"][args.student]["test_predictions"], chain["models"][args.teacher]["test_predictions"]
        names = sorted(student)
        s, t = np.array([student[n] for n in names]), np.array([teacher[n] for n in names])
        mos = np.array([mos_of[n] for n in names])
        per_split.append(sweep(s, t, mos, costs))
        ends.append({"student": metrics.evaluate_predictions(s, mos)["srcc"],
                     "teacher": metrics.evaluate_predictions(t, mos)["srcc"]})
    median = [{k: float(np.median([rows[i][k] for rows in per_split])) for k in per_split[0][i]}
              for i in range(len(BANDS))]
    teacher_srcc = float(np.median([e["teacher"] for e in ends]))
    student_srcc = float(np.median([e["student"] for e in ends]))
    for row in median:
        row["srcc_of_teacher"] = row["srcc"] / teacher_srcc
    meets = {device: [r["band"] for r in median if r[f"cost_{device}"] <= GOAL["cost"]
                      and r["srcc_of_teacher"] >= GOAL["srcc"]] for device in costs}
    report = {"thresholds": THRESHOLDS, "student": args.student, "teacher": args.teacher, "costs_ms": costs,
              "splits": len(per_split), "student_only_srcc": student_srcc, "teacher_only_srcc": teacher_srcc,
              "goal": GOAL, "bands_meeting_goal": meets, "median": median}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "cascade.json").write_text(json.dumps(report, indent=2))
    plot(median, costs, student_srcc, teacher_srcc, args.out / "cascade.png")
    print(json.dumps({k: report[k] for k in ("student_only_srcc", "teacher_only_srcc", "bands_meeting_goal", "costs_ms")}))
    for row in median:
        print(json.dumps({k: round(v, 3) for k, v in row.items()}))


def plot(median: list[dict], costs: dict, student_srcc: float, teacher_srcc: float, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for device in costs:
        ax.plot([r[f"cost_{device}"] for r in median], [r["srcc"] for r in median], marker="o", ms=3,
                label=f"cascade, cost on {device}")
    ax.axhline(teacher_srcc, color="C2", ls="--", label=f"teacher only ({teacher_srcc:.3f})")
    ax.axhline(student_srcc, color="C3", ls=":", label=f"student only ({student_srcc:.3f})")
    ax.axhline(GOAL["srcc"] * teacher_srcc, color="grey", lw=0.8, label="99 % of teacher only")
    ax.axvline(GOAL["cost"], color="grey", lw=0.8, ls="-.", label="20 % of teacher-only cost")
    ax.set_xlabel("compute, fraction of teacher-only")
    ax.set_ylabel("SRCC (median over splits)")
    ax.set_title("Cascade: teacher on borderline images (bands 0-40 MOS)")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


if __name__ == "__main__":
    main()
