"""The teacher and distillation protocol in one command, for a GPU (about 10 minutes on an H200; days on 2 CPU cores):

    python3 -m training.evaluation.teacher_protocol --device cuda --out training/runs/protocol

One chain per 8:2 CLIVE split (seeds 0-4) and one on all 937 images (the models to ship), run side by side:
1. the shipped student's recipes on labels alone (`training.recipes.train_student.SHIPPED_MEMBERS`), each trained and
   tested, and their mean as the student the others are compared with (what `model-cache` serves);
2. the compact teacher at the student's 384 px, its MobileNetV2 image adapter initialised from the plain member,
   one run per teacher seed;
3. students distilled from the teachers' mean, one per distillation variant: the plain member's recipe with the
   teachers' score (and map) as targets on every photo and on degraded twins of every kind, which only the
   teachers label.
Every model is tested on the split's held-out 20 % (checkpoints chosen on the validation part) and on
degradation chains of that part's best photos. Each chain writes `<out>/<chain>/chain.json`; the parent merges
them into `<out>/protocol.json`, chains still missing at `--deadline` named there, and keeps the final chain's
weights (`final/*/best.pt`).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path
from typing import Sequence

import torch

from . import metrics, robustness
from ..data import splits
from ..models.registry import load_trained
from ..recipes.distill import DISTILLED, TeacherEnsemble
from ..recipes.train_student import PRESETS, SHIPPED_MEMBERS, load_inputs, train
from ..recipes.train_teacher import RECIPES, train_teacher
from .student_protocol import ROBUSTNESS_IMAGES, mean_score_fn, student_score_fn

STUDENTS = {name: PRESETS[name] for name in SHIPPED_MEMBERS}
PLAIN = SHIPPED_MEMBERS[0]  # the member whose recipe distillation builds on and whose backbone the teacher adapts
TEACHER_MODEL = "dpiqa_teacher_compact"
TEACHER = replace(RECIPES[TEACHER_MODEL], epochs=8)
TEACHER_INPUT = STUDENTS[PLAIN].model_overrides["input_size"]
VARIANTS = {"score": replace(DISTILLED, distill_map_weight=0.0), "score_map": DISTILLED}
if {r.model_overrides.get("input_size") for r in (*STUDENTS.values(), *VARIANTS.values())} != {TEACHER_INPUT}:
    raise ValueError("the protocol's students must share one input size: every image is loaded once at it")


def chain_name(split_seed: int | None) -> str:
    return "final" if split_seed is None else f"split{split_seed}"


def run_chain(split_seed: int | None, out: Path, device: str, teacher_seeds: list[int],
              variants: Sequence[str] = tuple(VARIANTS)) -> dict:
    """Student, teachers and distilled students of one split; returns (and writes) the chain's record."""
    mos = dict(splits.load_clive())
    inputs = load_inputs(sorted(mos), TEACHER_INPUT)
    started = time.time()
    record: dict = {"split_seed": split_seed,
                    "student_recipe": {"ensemble_of": {name: asdict(r) for name, r in STUDENTS.items()}},
                    "teacher_recipe": asdict(TEACHER), "variants": {k: asdict(v) for k, v in VARIANTS.items()},
                    "models": {}, "seconds": {}}

    def note(name: str, summary: dict, model: torch.nn.Module | None = None) -> None:
        record["models"][name] = {k: summary[k] for k in ("best_epoch", "test", "test_predictions") if k in summary}
        record["models"][name]["val"] = (summary["history"][summary["best_epoch"] - 1].get("val")
                                         if summary["history"] else None)
        record["seconds"][name] = round(time.time() - started, 1)
        if model is not None and split_seed is not None:
            record["models"][name]["robustness"] = chain_robustness(student_score_fn(model, TEACHER_INPUT), split_seed)
        (out / "chain.json").write_text(json.dumps(record))

    members = {}
    for name, recipe in STUDENTS.items():
        summary = train(recipe, split_seed, out / name, device=device, inputs=inputs)
        members[name] = load_trained(recipe.model, out / name / "best.pt", **recipe.model_overrides).to(device).eval()
        note(name, summary, members[name])
    if split_seed is not None:  # the served student: the members' mean, scored as one model
        record["models"]["student"] = {
            "best_epoch": [record["models"][n]["best_epoch"] for n in STUDENTS],
            **metrics.mean_test_figures([record["models"][n]["test_predictions"] for n in STUDENTS], mos),
            "robustness": chain_robustness(mean_score_fn([student_score_fn(m, TEACHER_INPUT) for m in members.values()]),
                                           split_seed)}
        (out / "chain.json").write_text(json.dumps(record))
    overrides = {"input_size": TEACHER_INPUT, "image_adapter": {"student_checkpoint": str(out / PLAIN / "best.pt")}}
    teachers = []
    for seed in teacher_seeds:
        run = out / f"teacher{seed}"
        summary = train_teacher(TEACHER_MODEL, TEACHER, overrides, split_seed, run, seed=seed, device=device,
                                amp=device.startswith("cuda"), from_images=True, images=inputs)
        teachers.append(load_trained(TEACHER_MODEL, run / "best.pt").to(device))
        note(f"teacher{seed}", summary, teachers[-1])
    ensemble = TeacherEnsemble(teachers)
    if split_seed is not None:
        record["models"]["teachers_mean"] = metrics.mean_test_figures(
            [record["models"][f"teacher{s}"]["test_predictions"] for s in teacher_seeds], mos)
    for name in variants:
        recipe, run = VARIANTS[name], out / f"distilled_{name}"
        summary = train(recipe, split_seed, run, device=device, teacher=ensemble, inputs=inputs)
        note(f"distilled_{name}", summary,
             load_trained(recipe.model, run / "best.pt", **recipe.model_overrides).to(device).eval())
    return record


def chain_robustness(score, split_seed: int) -> dict:
    """Robustness of `score` (MOS-scale scores of PIL images) on chains of the split's best test photos."""
    split = splits.make_split([n for n, _ in splits.load_clive()], split_seed, val_fraction=STUDENTS[PLAIN].val_fraction)
    images = [splits.open_image(splits.CLIVE_ROOT, n)
              for n in robustness.top_mos_test_images(splits.CLIVE_ROOT, split, ROBUSTNESS_IMAGES)]
    report = robustness.robustness_report(score, images, seed=split_seed)
    return {k: report[k] for k in ("per_kind", "overall")}

def merge(out: Path, chains: list[str], teacher_seeds: list[int], variants: int, elapsed: float) -> dict:
    """protocol.json: every finished chain's record, the medians over the splits, and what did not finish."""
    records = {c: json.loads((out / c / "chain.json").read_text()) for c in chains if (out / c / "chain.json").exists()}
    split_records = [r for c, r in records.items() if c != "final"]
    models = sorted({m for r in split_records for m in r["models"]})
    medians = {m: metrics.median_over_seeds([{k: r["models"][m]["test"][k] for k in metrics.REPORTED}
                                             for r in split_records if m in r["models"]]) for m in models}
    report = {"chains": records, "median": medians, "seconds": round(elapsed, 1),
              # the members' and the teachers' means only where there is a test part
              "unfinished": [c for c in chains if c not in records or
                             len(records[c]["models"]) < len(STUDENTS) + len(teacher_seeds) + variants + 2 * (c != "final")],
              "device": torch.cuda.get_device_name() if torch.cuda.is_available() else "cpu",
              "torch": torch.__version__}
    (out / "protocol.json").write_text(json.dumps(report, indent=2))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--splits", default="0,1,2,3,4,all", help="comma-separated split seeds; all = the final chain")
    parser.add_argument("--teacher-seeds", default="0,1")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="distillation variants to run")
    parser.add_argument("--chain", help="run this one chain in this process (what the parent starts)")
    parser.add_argument("--threads", type=int, default=2, help="CPU threads per chain")
    parser.add_argument("--deadline", type=float, default=540, help="seconds before the parent merges what exists")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.backends.cudnn.benchmark = True
    teacher_seeds = [int(s) for s in args.teacher_seeds.split(",")]
    variants = args.variants.split(",")
    if args.chain is not None:
        split_seed = splits.parse_split_seed(args.chain)
        out = args.out / chain_name(split_seed)
        out.mkdir(parents=True, exist_ok=True)
        run_chain(split_seed, out, args.device, teacher_seeds, variants)
        return
    started = time.time()
    args.out.mkdir(parents=True, exist_ok=True)
    chains = {chain: chain_name(splits.parse_split_seed(chain)) for chain in args.splits.split(",")}
    procs = {}
    for chain, name in chains.items():
        with open(args.out / f"{name}.log", "w") as log:  # the child writes through its own copy
            procs[chain] = subprocess.Popen(
                [sys.executable, "-m", "training.evaluation.teacher_protocol", "--chain", chain, "--out", str(args.out),
                 "--device", args.device, "--teacher-seeds", args.teacher_seeds, "--threads", str(args.threads),
                 "--variants", args.variants],
                stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    while any(p.poll() is None for p in procs.values()) and time.time() - started < args.deadline:
        time.sleep(2)
    for chain, p in procs.items():
        if p.poll() is None:
            p.kill()
        print(f"chain {chain}: exit {p.poll()}", flush=True)
    report = merge(args.out, list(chains.values()), teacher_seeds, len(variants), time.time() - started)
    print(json.dumps({"median": report["median"], "unfinished": report["unfinished"], "seconds": report["seconds"]},
                     indent=2))


if __name__ == "__main__":
    main()
