"""The student's evaluation protocol: 8:2 CLIVE splits over seeds, median reported, BRISQUE beside.

    python3 -m training.evaluation.student_protocol --seeds 0 1 2 3 4    # trains a run per seed unless it exists
    python3 -m training.evaluation.student_protocol --runs training/runs/plain384 --name plain384 --recipe ...
    python3 -m training.evaluation.student_protocol --from-protocol reports/teacher_protocol.json \
        --name student_0.3.0
    python3 -m training.evaluation.student_protocol --ensemble training/runs/plain384 training/runs/w005 \
        --name ensemble384

For each seed the student is trained on the split's training part (checkpoint chosen on a validation part
carved from it), then tested on the held-out 20 %. Reported per seed and as the median: PLCC (after the
4-parameter logistic mapping, and raw), SRCC, KRCC; BRISQUE trained on the same training part beside it;
and robustness on degradation chains of the test part's best photos (images the model never saw).
Writes `<out>/<name>_eval.json`, a scatter plot and robustness plots. `--from-protocol` writes the same report
(`<out>/<name>_eval.json`, scatter plot) for split models a `training.evaluation.teacher_protocol` run trained and
tested, e.g. on a GPU machine, with BRISQUE's rows from an earlier evaluation of the same splits. `--ensemble`
reports the per-photo mean of several recipes' split models, already trained, as one model.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch

from . import metrics, plots, robustness
from ..data import splits
from ..data.preprocess import model_views, to_tensor
from ..models.registry import input_views, load_trained
from ..paths import REPO_ROOT, REPORTS_DIR
from ..recipes.train_student import Recipe, model_device, recipe_with, train
from .baselines import brisque

ROBUSTNESS_IMAGES = 6


def student_score_fn(model: torch.nn.Module, size: int):
    """MOS-scale scores of PIL images, preprocessed as serving does (the model's views), on the model's device."""
    device = model_device(model)
    views = input_views(getattr(model, "dpiqa_config", {}))

    @torch.no_grad()
    def score(images):
        x = torch.stack([model_views(to_tensor(img), views, size, size) for img in images]).to(device)
        return (model.eval()(x)[0] * 100.0).tolist()
    return score


def split_robustness(score, seed: int, val_fraction: float) -> dict:
    """Robustness of `score` and of BRISQUE (trained on the split's training part) on degradation chains of the
    split's best test photos, which no model of the split has seen."""
    split = splits.make_split([n for n, _ in splits.load_clive()], seed, val_fraction=val_fraction)
    images = [splits.open_image(splits.CLIVE_ROOT, n)
              for n in robustness.top_mos_test_images(splits.CLIVE_ROOT, split, ROBUSTNESS_IMAGES)]
    bq = brisque.train_on_names(splits.CLIVE_ROOT, split.train_all, seed)
    return {"robustness": robustness.robustness_report(score, images, seed=seed),
            "brisque_robustness": robustness.robustness_report(bq.score_images, images, seed=seed)}


def run_seed(recipe: Recipe, seed: int, runs: Path) -> dict:
    """Train (or reuse) the run of one split and measure its robustness beside BRISQUE's."""
    out = runs / f"seed{seed}"
    summary_path = out / "summary.json"
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else None
    if summary is None or summary["recipe"] != json.loads(json.dumps(asdict(recipe))):  # as summary.json holds it
        summary = train(recipe, seed, out, resume=True)
    model = load_trained(recipe.model, out / "best.pt", **recipe.model_overrides)
    return {"seed": seed, "test": summary["test"], "best_epoch": summary["best_epoch"],
            "predictions": summary["test_predictions"],
            **split_robustness(student_score_fn(model, model.dpiqa_config["input_size"]), seed, recipe.val_fraction)}


def mean_score_fn(score_fns):
    """The per-image mean of several score functions' scores: an ensemble scored as one model."""
    return lambda images: np.mean([fn(images) for fn in score_fns], axis=0).tolist()


def ensemble_seed(members: list[Path], seed: int) -> dict:
    """One split of the mean of several recipes' split models (`<member>/seed<N>/`, each built as its summary.json
    records): the figures of the averaged held-out predictions and the robustness of the averaged score."""
    runs = [member / f"seed{seed}" for member in members]
    summaries = [json.loads((run / "summary.json").read_text()) for run in runs]
    if len({s["recipe"]["val_fraction"] for s in summaries}) > 1 or len({s["split_seed"] for s in summaries}) > 1:
        raise ValueError(f"{', '.join(map(str, runs))} were not trained on the same split")
    held_out = metrics.mean_test_figures([s["test_predictions"] for s in summaries], dict(splits.load_clive()))
    models = [load_trained(s["recipe"]["model"], run / "best.pt", **s["recipe"].get("model_overrides", {}))
              for s, run in zip(summaries, runs)]
    score = mean_score_fn([student_score_fn(m, m.dpiqa_config["input_size"]) for m in models])
    return {"seed": seed, "test": held_out["test"], "best_epoch": [s["best_epoch"] for s in summaries],
            "predictions": held_out["test_predictions"],
            **split_robustness(score, seed, summaries[0]["recipe"]["val_fraction"])}


def median_split(per_seed: list[dict]) -> dict:
    """The split whose test SRCC is the median one: the one the plots show."""
    return sorted(per_seed, key=lambda r: r["test"]["srcc"])[len(per_seed) // 2]


def median_robustness(reports: list[dict]) -> dict:
    kinds = reports[0]["per_kind"]
    per_kind = {k: float(np.median([r["per_kind"][k] for r in reports])) for k in kinds}
    return {"per_kind": per_kind, "overall": float(np.median([r["overall"] for r in reports]))}


def evaluate(recipe: Recipe, seeds: list[int], runs: Path, out: Path, seen_seeds: tuple[int, ...] = (),
             name: str = "student", seen_why: str = "") -> dict:
    """`seen_seeds`: splits whose test parts were looked at while choosing the recipe (`seen_why`: for what); the
    report then also gives the median over the other splits, the estimate no design choice has touched."""
    return report_splits(asdict(recipe), [run_seed(recipe, s, runs) for s in seeds], out, seen_seeds, name, seen_why)


def evaluate_ensemble(members: list[Path], seeds: list[int], out: Path, seen_seeds: tuple[int, ...] = (),
                      name: str = "ensemble", seen_why: str = "") -> dict:
    """The protocol's report for the mean of the members' split models; its recipe lists each member's."""
    per_seed = [ensemble_seed(members, s) for s in seeds]
    recipe = {"ensemble_of": {str(m): json.loads((m / f"seed{seeds[0]}" / "summary.json").read_text())["recipe"]
                              for m in members}}
    return report_splits(recipe, per_seed, out, seen_seeds, name, seen_why)


def report_splits(recipe: dict, per_seed: list[dict], out: Path, seen_seeds: tuple[int, ...], name: str,
                  seen_why: str) -> dict:
    """The report of evaluated splits, BRISQUE's rows on the same splits beside them, and the robustness plots of
    the median split."""
    bq = brisque.evaluate_seeds(splits.CLIVE_ROOT, [r["seed"] for r in per_seed])
    brisque_rows = {"median": bq["median"], "per_seed": bq["per_seed"],
                    "robustness": median_robustness([r["brisque_robustness"] for r in per_seed])}
    report = assemble(recipe, per_seed, brisque_rows, seen_seeds, out, name, seen_why=seen_why)
    median_seed = median_split(per_seed)
    plots.robustness_plot(median_seed["robustness"], out / f"{name}_robustness.png",
                          f"{name}, seed {median_seed['seed']}")
    plots.robustness_plot(median_seed["brisque_robustness"], out / f"{name}_brisque_robustness.png",
                          f"BRISQUE, seed {median_seed['seed']}")
    return report


def from_protocol(protocol_path: Path, model: str, brisque_report: Path, seen_seeds: tuple[int, ...], out: Path,
                  name: str, note: str = "", seen_why: str = "") -> dict:
    """The same report for one model of a `training.evaluation.teacher_protocol` run (its split models, predictions and
    robustness), BRISQUE's rows taken from an evaluation on the same splits (`brisque_report`); `note` travels
    into the model card (e.g. how the run's data differed from the files here)."""
    protocol = json.loads(protocol_path.read_text())
    chains = sorted((c for c in protocol["chains"].values() if c["split_seed"] is not None and model in c["models"]),
                    key=lambda c: c["split_seed"])
    if not chains:
        raise ValueError(f"{protocol_path} has no split with a finished {model!r}")
    per_seed = [{"seed": c["split_seed"], "best_epoch": c["models"][model]["best_epoch"],
                 "test": c["models"][model]["test"], "predictions": c["models"][model]["test_predictions"],
                 "robustness": c["models"][model]["robustness"]} for c in chains]
    evaluated = json.loads(brisque_report.read_text())
    if sorted(evaluated["seeds"]) != [r["seed"] for r in per_seed]:
        raise ValueError(f"{brisque_report} covers splits {evaluated['seeds']}, the protocol {[r['seed'] for r in per_seed]}")
    brisque_rows = {**evaluated["brisque"], "robustness": evaluated["robustness"]["brisque"]}
    recipe = protocol_recipe(chains[0], model)
    source = {"protocol": str(protocol_path), "model": model, "device": protocol["device"], "torch": protocol["torch"],
              "note": note}
    return assemble(recipe, per_seed, brisque_rows, seen_seeds, out, name, source, seen_why)


def protocol_recipe(chain: dict, model: str) -> dict:
    """The recipe of `model` in a protocol chain: the student (one recipe, or its members' for an ensemble), one
    of its members by name, a teacher (`teacher<seed>`), or a distillation variant (`distilled_<variant>`)."""
    students = chain["student_recipe"]
    if model == "student":
        return students
    if model.startswith("teacher"):
        return chain["teacher_recipe"]
    if model in students.get("ensemble_of", {}):
        return students["ensemble_of"][model]
    return chain["variants"][model.split("_", 1)[1]]


def assemble(recipe: dict, per_seed: list[dict], brisque_rows: dict, seen_seeds: tuple[int, ...], out: Path,
             name: str, source: dict | None = None, seen_why: str = "") -> dict:
    """`<out>/<name>_eval.json` (medians over the splits, per split, robustness beside BRISQUE's; `source`: where
    the split models came from, when not from this module) and the scatter plot of the median split."""
    report = {
        "dataset": "CLIVE dev (937 images), 8:2 splits, checkpoint chosen on 10% of the training part",
        "seeds": [r["seed"] for r in per_seed], "recipe": recipe,
        "student": {"median": metrics.median_over_seeds([{k: r["test"][k] for k in metrics.REPORTED} for r in per_seed]),
                    "per_seed": [{"seed": r["seed"], "best_epoch": r["best_epoch"], **r["test"]} for r in per_seed]},
        "brisque": {"median": brisque_rows["median"], "per_seed": brisque_rows["per_seed"]},
        "robustness": {"student": median_robustness([r["robustness"] for r in per_seed]),
                       "brisque": brisque_rows["robustness"],
                       "images_per_seed": ROBUSTNESS_IMAGES,
                       "definition": "sign-flipped Spearman(level, score) per chain, mean over images, "
                                     "median over seeds; +1 = score falls steadily with severity"},
    }
    unseen = [r for r in per_seed if r["seed"] not in seen_seeds]
    if seen_seeds:
        report["selection"] = {"seen_seeds": sorted(seen_seeds), "unseen_seeds": [r["seed"] for r in unseen]}
        if seen_why:
            report["selection"]["why"] = seen_why
        if unseen:
            report["selection"]["unseen_median"] = metrics.median_over_seeds(
                [{k: r["test"][k] for k in metrics.REPORTED} for r in unseen])
    out.mkdir(parents=True, exist_ok=True)
    median_seed = median_split(per_seed)
    mos = dict(splits.load_clive())
    names = sorted(median_seed["predictions"])
    plots.scatter_plot([median_seed["predictions"][n] for n in names], [mos[n] for n in names],
                       out / f"{name}_scatter.png", f"{name}, CLIVE test part, seed {median_seed['seed']}")
    report["scatter"] = f"{name}_scatter.png"
    if source:
        report["source"] = source
    (out / f"{name}_eval.json").write_text(json.dumps(report, indent=2))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=list(splits.DEFAULT_SEEDS))
    parser.add_argument("--runs", type=Path, default=REPO_ROOT / "training" / "runs",
                        help="where the split runs are (seed<N>/), trained there unless they exist with the recipe")
    parser.add_argument("--recipe", nargs="*", default=[], metavar="FIELD=VALUE",
                        help="the recipe's changes from training.recipes.train_student's defaults (as its --recipe)")
    parser.add_argument("--out", type=Path, default=REPORTS_DIR)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seen-seeds", type=int, nargs="*", default=[],
                        help="splits whose test parts informed the choice of recipe (reported apart)")
    parser.add_argument("--seen-why", default="",
                        help="what those test parts were looked at for, e.g. 'choosing among three 384 px recipes'")
    parser.add_argument("--from-protocol", type=Path, metavar="PROTOCOL_JSON",
                        help="report a model of a training.evaluation.teacher_protocol run instead of training runs here")
    parser.add_argument("--ensemble", type=Path, nargs="+", metavar="RUNS",
                        help="report the mean of these runs folders' split models (each its own recipe) instead")
    parser.add_argument("--model", default="student", help="with --from-protocol: student, distilled_score_map, ...")
    parser.add_argument("--name", default="student", help="report file prefix: <out>/<name>_eval.json")
    parser.add_argument("--brisque-report", type=Path, default=REPORTS_DIR / "student_eval.json",
                        help="with --from-protocol: an evaluation of the same splits whose BRISQUE rows to show")
    parser.add_argument("--note", default="", help="with --from-protocol: a sentence for the model card about the run")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.from_protocol:
        report = from_protocol(args.from_protocol, args.model, args.brisque_report, tuple(args.seen_seeds), args.out,
                               args.name, args.note, args.seen_why)
    elif args.ensemble:
        report = evaluate_ensemble(args.ensemble, args.seeds, args.out, tuple(args.seen_seeds), args.name,
                                   args.seen_why)
    else:
        report = evaluate(recipe_with(Recipe(), args.recipe), args.seeds, args.runs, args.out, tuple(args.seen_seeds),
                          args.name, args.seen_why)
    print(json.dumps({"student": report["student"]["median"], "brisque": report["brisque"]["median"],
                      "robustness": {k: v["per_kind"] for k, v in report["robustness"].items() if isinstance(v, dict)}},
                     indent=2))


if __name__ == "__main__":
    main()
