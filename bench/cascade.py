"""Cascade economics on the CLIVE test parts: the student scores everything, the teacher re-scores the images whose
student MOS lies within a band of a verdict threshold (the Java `CascadeScorer`'s rule, thresholds 40 / 60).

    python3 bench/cascade.py --teacher reports/teacher_protocol.json:teacher0 \
        --student reports/split_runs/plain384_2026-12-03 training/runs/exposure_twins384 \
        --latency reports/model_latency_cpu.json --latency reports/model_latency_gpu.json

For each band width: the fraction of images sent to the teacher, the cascade's compute as a fraction of
teacher-only (per-image model latencies at batch 1 from `bench/model_latency.py`, one figure per device), and the
cascade's SRCC/PLCC and the share of its verdicts (reject / review / accept) that the MOS would give, beside
student-only and teacher-only, as the median over the splits (test parts only: no
image here trained any model or chose a checkpoint). Teacher and student are held-out predictions as
`training.scripts.compare_runs` reads them: a folder of `seed<N>/summary.json` split runs, or `REPORT.json:MODEL` of a
`training.evaluation.teacher_protocol` report or of a `compare_runs` report (its `ensemble` included); several
`--student` sources are averaged per photo, as an ensemble version serves them. Writes `cascade.json` and
`cascade.png` into `--out` (bench/) and its section of `bench/RESULTS.md`: the latencies and the sweep, with the
verdict against the goal.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.sections import date_line, splice  # noqa: E402
from training.data import splits  # noqa: E402
from training.evaluation import metrics  # noqa: E402
from training.evaluation.plots import plt  # noqa: E402  (matplotlib with the headless backend)
from training.scripts.compare_runs import finished  # noqa: E402

THRESHOLDS = (40.0, 60.0)  # dpiqa.scoring.reject-below / accept-from defaults (ScoringConfig; drift-tested)
BANDS = tuple(float(b) for b in range(0, 41, 2))
GOAL = {"cost": 0.30, "srcc": 0.99}  # ≤ 30 % of teacher-only compute at ≥ 99 % of teacher-only SRCC (issue 23)


def borderline(student: np.ndarray, band: float) -> np.ndarray:
    return np.min([np.abs(student - t) for t in THRESHOLDS], axis=0) <= band


def verdicts(scores: np.ndarray) -> np.ndarray:
    """0 reject, 1 review, 2 accept: what a pipeline does with each image at the thresholds."""
    return np.searchsorted(THRESHOLDS, scores, side="right")


def verdict_agreement(scores: np.ndarray, mos: np.ndarray) -> float:
    """Share of images whose verdict from `scores` is the one their MOS gives: the cascade's product value, since it
    spends the teacher exactly where a verdict may flip."""
    return float(np.mean(verdicts(scores) == verdicts(mos)))


def sweep(student: np.ndarray, teacher: np.ndarray, mos: np.ndarray, costs: dict[str, dict],
          routes: dict[str, np.ndarray] | None = None) -> list[dict]:
    """One row per band. `routes` ({name: priority per image}): other ways to choose which images the teacher
    re-scores, each sending as many images as the band does, highest priority first (`srcc_<name>` per row)."""
    rows = []
    for band in BANDS:
        sent = borderline(student, band)
        scores = np.where(sent, teacher, student)
        m = metrics.evaluate_predictions(scores, mos)
        rows.append({"band": band, "to_teacher": float(sent.mean()), "srcc": m["srcc"], "plcc": m["plcc"],
                     "verdicts": verdict_agreement(scores, mos),
                     **{f"cost_{device}": (c["student"] + sent.mean() * c["teacher"]) / c["teacher"]
                        for device, c in costs.items()},
                     **{f"srcc_{name}": metrics.evaluate_predictions(
                         np.where(top(priority, int(sent.sum())), teacher, student), mos)["srcc"]
                        for name, priority in (routes or {}).items()}})
    return rows


def top(priority: np.ndarray, count: int) -> np.ndarray:
    """Mask of the `count` images of highest priority."""
    mask = np.zeros(len(priority), bool)
    mask[np.argsort(-priority, kind="stable")[:count]] = True
    return mask


ROUTE_NOTES = {"disagreement": "*disagreement*, where the student's members differ most",
               "random": "*random*, a seeded draw (the floor any routing should beat)"}


def routes_for(members: list[np.ndarray], seed: int) -> dict[str, np.ndarray]:
    """Routings to compare with the band: the student members' disagreement (their spread per image, the usual
    uncertainty signal of an ensemble; only with several members), and a seeded random choice (the floor)."""
    routes = {"random": np.random.default_rng(seed).random(len(members[0]))}
    if len(members) > 1:
        routes["disagreement"] = np.std(members, axis=0)
    return routes


def held_out(source: Path) -> dict[int, dict[str, float]]:
    """{split seed: {photo: MOS}}: a source's held-out predictions (`compare_runs.finished`: a runs folder or
    REPORT.json:MODEL)."""
    return {seed: summary["test_predictions"] for seed, summary in finished(source).items()}


def mean_held_out(members: list[dict[int, dict[str, float]]]) -> dict[int, dict[str, float]]:
    """`held_out` of several sources averaged per photo (an ensemble, as a version of several members serves), on the
    splits every source has."""
    seeds = sorted(set.intersection(*(set(m) for m in members)))
    return {seed: metrics.mean_predictions([m[seed] for m in members]) for seed in seeds}


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
    parser.add_argument("--teacher", type=Path, default=Path("reports/teacher_protocol.json:teacher0"),
                        metavar="RUNS|REPORT.json:MODEL", help="the teacher's held-out predictions")
    parser.add_argument("--student", type=Path, nargs="+", default=[Path("reports/teacher_protocol.json:student")],
                        metavar="RUNS|REPORT.json:MODEL", help="the student's, averaged per photo when several")
    parser.add_argument("--latency", type=Path, action="append", required=True, help="model_latency.py JSON (repeat)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent, help="folder for cascade.json/png")
    parser.add_argument("--results", type=Path, default=Path(__file__).resolve().parent / "RESULTS.md")
    args = parser.parse_args()
    mos_of = dict(splits.load_clive())
    costs = per_image_costs(args.latency)
    teachers, members = held_out(args.teacher), [held_out(source) for source in args.student]
    students = mean_held_out(members)
    per_split, ends = [], []
    for seed in sorted(set(teachers) & set(students)):
        teacher, student = teachers[seed], students[seed]
        if sorted(student) != sorted(teacher):
            raise SystemExit(f"split {seed}: the student's and the teacher's test parts differ")
        names = sorted(student)
        s, t = np.array([student[n] for n in names]), np.array([teacher[n] for n in names])
        mos = np.array([mos_of[n] for n in names])
        per_split.append(sweep(s, t, mos, costs, routes_for([np.array([m[seed][n] for n in names]) for m in members],
                                                            seed)))
        ends.append({"student": metrics.evaluate_predictions(s, mos)["srcc"],
                     "teacher": metrics.evaluate_predictions(t, mos)["srcc"],
                     "student_verdicts": verdict_agreement(s, mos), "teacher_verdicts": verdict_agreement(t, mos)})
    median = [{k: float(np.median([rows[i][k] for rows in per_split])) for k in per_split[0][i]}
              for i in range(len(BANDS))]
    teacher_srcc = float(np.median([e["teacher"] for e in ends]))
    student_srcc = float(np.median([e["student"] for e in ends]))
    for row in median:
        row["srcc_of_teacher"] = row["srcc"] / teacher_srcc
    meets = {device: [r["band"] for r in median if r[f"cost_{device}"] <= GOAL["cost"]
                      and r["srcc_of_teacher"] >= GOAL["srcc"]] for device in costs}
    if not per_split:
        raise SystemExit(f"no split has predictions from both {args.teacher} and {' '.join(map(str, args.student))}")
    report = {"thresholds": THRESHOLDS, "student": " + ".join(map(str, args.student)), "teacher": str(args.teacher),
              "costs_ms": costs,
              "splits": len(per_split), "student_only_srcc": student_srcc, "teacher_only_srcc": teacher_srcc,
              **{f"{m}_only_verdicts": float(np.median([e[f"{m}_verdicts"] for e in ends])) for m in ("student", "teacher")},
              "goal": GOAL, "bands_meeting_goal": meets, "median": median}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "cascade.json").write_text(json.dumps(report, indent=2))
    plot(median, costs, student_srcc, teacher_srcc, args.out / "cascade.png")
    splice(args.results, "<!-- bench/cascade.py: generated section begins -->",
           "<!-- bench/cascade.py: generated section ends -->", section(report, args, [json.loads(p.read_text()) for p in args.latency]))
    print(json.dumps({k: report[k] for k in ("student_only_srcc", "teacher_only_srcc", "bands_meeting_goal", "costs_ms")}))
    for row in median:
        print(json.dumps({k: round(v, 3) for k, v in row.items()}))


def section(report: dict, args, latency: list[dict]) -> str:
    """RESULTS.md's generated part: model-only latencies, the band sweep, and the verdict, from the figures."""
    devices = " and ".join(d.upper() for d in report["costs_ms"])
    lines = [f"### Model only: student and teacher, {devices}", "", date_line(),
             f"- Command: `python3 bench/model_latency.py --device cpu|cuda --out <json>` (reports: "
             f"{', '.join(f'`{p}`' for p in args.latency)})", "",
             "| device | runtime | CPU threads | model | batch | ms per batch | ms per image |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['device']} | torch {r['torch']} | {r['threads']} | {row['model']} | {row['batch']} | "
              f"{row['ms_per_batch']} | {row['ms_per_image']} |" for r in latency for row in r["rows"]]
    costs = report["costs_ms"]
    routes = [k[len("srcc_"):] for k in report["median"][0] if k.startswith("srcc_") and k != "srcc_of_teacher"]
    lines += ["", "Student / teacher cost per image at batch 1: " + ", ".join(
        f"{c['student'] / c['teacher']:.3f} ({device})" for device, c in costs.items()) + ".", "",
        "### Cascade by band width", "",
        f"- Command: `python3 bench/cascade.py --teacher {args.teacher} --student {' '.join(map(str, args.student))} "
        + " ".join(f"--latency {p}" for p in args.latency) + "`",
        f"- Student only SRCC {report['student_only_srcc']:.3f}, teacher only {report['teacher_only_srcc']:.3f} "
        f"(medians over {report['splits']} test parts); thresholds {report['thresholds'][0]:.0f} / "
        f"{report['thresholds'][1]:.0f}; verdicts (reject / review / accept) agreeing with the MOS's: student only "
        f"{report['student_only_verdicts']:.1%}, teacher only {report['teacher_only_verdicts']:.1%}", "",
        "| band (MOS) | sent to teacher | " + " | ".join(f"cost, {d}" for d in costs)
        + " | SRCC | PLCC | SRCC / teacher only | verdicts as MOS |"
        + "".join(f" SRCC, same share sent by {name} |" for name in routes),
        "|---|---|" + "---|" * (len(costs) + len(routes)) + "---|---|---|---|"]
    lines += [f"| {r['band']:.0f} | {r['to_teacher']:.2f} | " + " | ".join(f"{r[f'cost_{d}']:.2f}" for d in costs)
              + f" | {r['srcc']:.3f} | {r['plcc']:.3f} | {r['srcc_of_teacher']:.3f} | {r['verdicts']:.1%} |"
              + "".join(f" {r[f'srcc_{name}']:.3f} |" for name in routes)
              for r in report["median"] if r["band"] <= 16]
    if routes:
        lines += ["", "The last columns send the same share of images chosen otherwise: "
                  + "; ".join(ROUTE_NOTES[name] for name in routes) + "."]
    meets = {d: b for d, b in report["bands_meeting_goal"].items() if b}
    goal = f"≤ {report['goal']['cost']:.0%} of teacher-only compute at ≥ {report['goal']['srcc']:.0%} of its SRCC"
    if meets and all(b == [0.0] for b in meets.values()):
        verdict = (f"Goal ({goal}) met by the student alone (band 0): it already scores "
                   f"{report['median'][0]['srcc_of_teacher']:.1%} of the teacher's SRCC. **Recommended default: the "
                   f"cascade off**; the teacher adds cost, not accuracy, until a better teacher is trained.")
    elif meets:
        verdict = ("Goal (" + goal + ") met at bands " + "; ".join(f"{d}: {b}" for d, b in meets.items())
                   + ". **Recommended default: band " + ", ".join(f"{b[-1]:.0f} MOS ({d})" for d, b in meets.items())
                   + "**, the widest that meets it.")
    else:
        reach = next((r for r in report["median"] if r["srcc_of_teacher"] >= report["goal"]["srcc"]), None)
        verdict = (f"**Goal ({goal}) not met on any device: the teacher does not justify a cascade yet. Recommended "
                   f"default: the cascade off, the student alone.**"
                   + (f" Where the teacher's accuracy is worth its cost, the narrowest band reaching "
                      f"{report['goal']['srcc']:.0%} is {reach['band']:.0f} MOS, sending {reach['to_teacher']:.0%} of "
                      f"the images, at " + ", ".join(f"{reach[f'cost_{d}']:.0%} ({d})" for d in costs)
                      + " of teacher-only." if reach else ""))
    return "\n".join(lines + ["", verdict, "", "![cascade](cascade.png)"])


def plot(median: list[dict], costs: dict, student_srcc: float, teacher_srcc: float, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for device in costs:
        ax.plot([r[f"cost_{device}"] for r in median], [r["srcc"] for r in median], marker="o", ms=3,
                label=f"cascade, cost on {device}")
    ax.axhline(teacher_srcc, color="C2", ls="--", label=f"teacher only ({teacher_srcc:.3f})")
    ax.axhline(student_srcc, color="C3", ls=":", label=f"student only ({student_srcc:.3f})")
    ax.axhline(GOAL["srcc"] * teacher_srcc, color="grey", lw=0.8, label="99 % of teacher only")
    ax.axvline(GOAL["cost"], color="grey", lw=0.8, ls="-.", label=f"{GOAL['cost']:.0%} of teacher-only cost")
    ax.set_xlabel("compute, fraction of teacher-only")
    ax.set_ylabel("SRCC (median over splits)")
    ax.set_title("Cascade: teacher on borderline images (bands 0-40 MOS)")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


if __name__ == "__main__":
    main()
