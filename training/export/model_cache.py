"""Export a trained model into model-cache/<name>/<version>/ per the model contract (model-cache/README.md).

    python3 -m training.export.model_cache --checkpoint training/runs/final/best.pt --version 1.0.0 \
        --report reports/student_eval.json --lineage '{"data": "...", "seed": 0}'
    python3 -m training.export.model_cache --checkpoint runs/a/best.pt runs/b/best.pt \
        --report <student_protocol --ensemble report> ...
    # a weighted mean of shipped versions (a teacher beside a student's members), each as it was shipped, and of
    # training runs; a weight list weighs an ensemble version's members one by one:
    python3 -m training.export.model_cache --member model-cache/dpiqa_teacher_compact/0.1.0:0.5 \
        --member model-cache/dpiqa_student_mobilenetv2/0.4.0:0.125,0.25 --member training/runs/plain384_all:0.125 \
        --model dpiqa_teacher_compact --version 0.2.0 ...

Writes model.pt (TorchScript) and model.onnx (the same module for ONNX Runtime, `training.export.onnx_model`;
`--no-onnx` leaves it out), manifest.json (preprocessing from the registry config, sha256, metrics,
lineage), MODEL_CARD.md, and golden/ inputs and outputs that the Java parity test replays.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import torch
from PIL import Image

from ..data.splits import CLIVE_ROOT, open_image
from ..models.ensemble import MeanOfModels
from ..models.served import with_companions
from ..models.registry import create_model, get_config, input_views, load_run, load_trained, preprocessing_of
from ..paths import REPO_ROOT, REPORTS_DIR
from .golden import write_golden
from .model_card import composed_teacher_card, recipe_members, student_card, teacher_card
from .onnx_model import rebuild, sha256_of, with_onnx

MODEL_CACHE = REPO_ROOT / "model-cache"
GOLDEN_IMAGES = ("1001.JPG", "10.png", "t1.png")  # varied content and quality
GOLDEN_SIZE = 256  # goldens are stored downscaled PNGs: small, and decoded identically by any PNG reader


def code_revision(repo: Path = REPO_ROOT) -> str | None:
    """The commit of the code that trained and exported a model, so its card's commands can be rerun as they were
    (recipes and presets change after a version ships); marked when `training/` has uncommitted changes. None
    outside a git checkout."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout
    try:
        commit = git("rev-parse", "--short=12", "HEAD").strip()
        dirty = git("status", "--porcelain", "--untracked-files=no", "--", "training").strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"{commit} with uncommitted changes to training/" if dirty else commit


def version_key(folder: Path) -> tuple[int, ...]:
    """Sort key of a `model-cache/<name>/<version>/` folder: versions compared numerically (0.10.0 after 0.9.0)."""
    return tuple(int(part) for part in folder.name.split("."))


def golden_images() -> dict[str, Image.Image]:
    return {f"img_{i}.png": open_image(CLIVE_ROOT, name).resize((GOLDEN_SIZE, GOLDEN_SIZE), Image.BICUBIC)
            for i, name in enumerate(GOLDEN_IMAGES)}


def script_model(model: torch.nn.Module) -> torch.jit.ScriptModule:
    return torch.jit.script(model.eval())


def member_overrides(report: dict, members: int) -> list[dict]:
    """The registry config changes each member was trained with (`Recipe.model_overrides`), in checkpoint order:
    an ensemble report's per member (members may read different views), else the one recipe's for every member."""
    recipe = report.get("recipe", {})
    recipes = [r for _, r in recipe_members(recipe)]
    if "ensemble_of" in recipe:
        if len(recipes) != members:
            raise ValueError(f"the report is of an ensemble of {len(recipes)} recipes, {members} checkpoints were given")
        return [r.get("model_overrides", {}) for r in recipes]
    return [recipes[0].get("model_overrides", {})] * max(members, 1)


def build(model_name: str, checkpoints: list[Path], overrides: list[dict]) -> torch.nn.Module:
    """The model to export: the initial weights (no checkpoint), one trained model, or the mean of several, each
    built with its `overrides`."""
    if not checkpoints:
        return create_model(model_name, **overrides[0])
    members = [load_trained(model_name, c, **o) for c, o in zip(checkpoints, overrides, strict=True)]
    return members[0] if len(members) == 1 else MeanOfModels(members)


def compose(versions: list[tuple[Path, float | list[float]]], input_size: int | None = None) -> MeanOfModels:
    """The weighted mean of models ([(folder, weight)]), each a shipped version rebuilt from its TorchScript file or
    a training run folder (its `best.pt`, built with its `summary.json` recipe's config changes). An ensemble
    version's members share its weight equally, so it counts as the one model it was shipped as, unless the weight
    is a list: one per member, in the order the version lists them. `input_size`: see `MeanOfModels`."""
    members, weights = [], []
    for folder, weight in versions:
        model = rebuild(folder) if (folder / "manifest.json").exists() else load_run(folder)
        parts = list(model.members) if isinstance(model, MeanOfModels) else [model]
        if isinstance(weight, list) and len(weight) != len(parts):
            raise ValueError(f"{folder} has {len(parts)} members, {len(weight)} weights were given")
        members += parts
        weights += weight if isinstance(weight, list) else [weight / len(parts)] * len(parts)
    return MeanOfModels(members, weights, input_size)


def compose_by_reference(versions: list[tuple[Path, float | list[float]]], model_name: str
                         ) -> tuple[MeanOfModels, dict]:
    """`compose` that stores only what it must: shipped versions that take the largest input, whole, with one
    weight, are served beside this version's own file by reference (the manifest's `compose`: this file's share and
    theirs) instead of copied into it, which keeps a teacher made of a 40 MB teacher and students one small file.
    Returns the module for this version's file (named `model_name`, taking the largest input) and `compose`."""
    sizes = [_input_size(folder) for folder, _ in versions]
    size = max(sizes)
    refer = [_referable(folder, weight) and s == size for (folder, weight), s in zip(versions, sizes)]
    if all(refer):
        raise ValueError("every member is a shipped version: nothing for a composed version's own file to hold")
    total = _weight_of(versions)
    stored = [v for v, r in zip(versions, refer) if not r]
    model = compose(stored, input_size=size)
    model.dpiqa_config.update(name=model_name, role=get_config(model_name)["role"])
    compose_entry = {"self": _weight_of(stored) / total,
                     "versions": [{"name": folder.parent.name, "version": folder.name, "weight": weight / total}
                                  for (folder, weight), r in zip(versions, refer) if r]}
    return model, compose_entry


def _weight_of(versions: list[tuple[Path, float | list[float]]]) -> float:
    return sum(sum(w) if isinstance(w, list) else w for _, w in versions)


def _input_size(folder: Path) -> int:
    if (folder / "manifest.json").exists():
        return json.loads((folder / "manifest.json").read_text())["input"]["height"]
    recipe = json.loads((folder / "summary.json").read_text())["recipe"]
    return get_config(recipe["model"], **recipe.get("model_overrides", {}))["input_size"]


def _referable(folder: Path, weight: float | list[float]) -> bool:
    """A shipped version that can serve beside another as it is: whole images in, one weight, not composed itself."""
    if isinstance(weight, list) or not (folder / "manifest.json").exists():
        return False
    manifest = json.loads((folder / "manifest.json").read_text())
    return "compose" not in manifest and input_views(manifest["config"]) == ["whole"]


def export(checkpoints: list[Path], model_name: str, version: str, report: dict, lineage: dict,
           root: Path = MODEL_CACHE, card=None, onnx: bool | None = None,
           model: torch.nn.Module | None = None, compose: dict | None = None) -> Path:
    """Write one model-cache version folder and return it: `model` as given (e.g. `compose`d), else the initial
    weights (no checkpoint), one trained model, or the mean of several (`build`). `card(manifest)` writes
    MODEL_CARD.md (default: the student's card from `report`, when there is one). The model is built with the config
    changes of the report's recipe (`Recipe.model_overrides`), as it was trained. `onnx` also writes model.onnx,
    listed in the manifest's `files` (default: for students, which CPUs serve; teachers serve on GPUs through the
    TorchScript file). `compose`: the versions of `root` served beside this file (`compose_by_reference`); the
    goldens are then those of the whole."""
    if model is None:
        model = build(model_name, checkpoints, member_overrides(report, len(checkpoints)))
    config = model.dpiqa_config
    if config["name"] != model_name:
        raise ValueError(f"the model is a {config['name']}, not a {model_name}: its first member names it")
    folder = root / model_name / version
    if folder.exists():
        raise FileExistsError(f"{folder} exists: versions are immutable, choose a new version")
    folder.mkdir(parents=True)
    scripted = script_model(model)
    scripted.save(str(folder / "model.pt"))
    size, views = config["input_size"], input_views(config)
    whole = with_companions(scripted, compose, root) if compose else scripted
    write_golden(whole, size, folder / "golden", golden_images(), views, config.get("decode_reduction"))
    shutil.copyfile(CLIVE_ROOT / "README.md", folder / "golden" / "CLIVE-NOTICE.md")  # not copy(): shared/ is read-only
    with torch.no_grad():
        qmap_shape = list(whole(torch.zeros(1, 3 * len(views), size, size))[1].shape[1:])
    manifest = {"name": model_name, "version": version, "role": config["role"],
                "created_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "file": "model.pt", "sha256": sha256_of(folder / "model.pt"),
                **preprocessing_of(config),
                "outputs": {"score": {"range": [0.0, 1.0], "mos_scale": 100.0},
                            "qmap": {"shape": qmap_shape}},
                "config": config, "metrics": report, "lineage": {"code": code_revision(), **lineage}}
    if compose:
        manifest["compose"] = compose
    if compose and onnx:
        raise ValueError("a composed version is served through TorchScript: its ONNX file would hold only its own part")
    if not compose and (onnx or (onnx is None and config["role"] == "student")):
        manifest = with_onnx(manifest, folder, model, scripted)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
    if card is not None or report:
        (folder / "MODEL_CARD.md").write_text(card(manifest) if card else student_card(manifest, report))
    return folder


def protocol_metrics(protocol: dict, path: Path) -> dict:
    """A manifest's metrics from a `training.evaluation.teacher_protocol` report: medians and per-split test figures (the
    per-image predictions stay in the report)."""
    return {"report": str(path), "device": protocol["device"], "median": protocol["median"],
            "per_split": {name: {model: m["test"] for model, m in chain["models"].items() if "test" in m}
                          for name, chain in sorted(protocol["chains"].items()) if chain["split_seed"] is not None}}


def ood_figures(path: str, model: str, version: str) -> dict:
    """The card's out-of-domain rows: `model` of the report at `path` (as this version) and BRISQUE."""
    ood = json.loads(Path(path).read_text())
    rows = {version: ood["models"][model], "BRISQUE": ood["models"]["BRISQUE"]}
    return {"command": ood["command"], "models": {k: {"per_kind": v["per_kind"], "overall": v["overall"]}
                                                  for k, v in rows.items()}}


def parse_member(spec: str) -> tuple[Path, float | list[float]]:
    """`FOLDER[:WEIGHT]` or `FOLDER:W1,W2,...` (one weight per member of an ensemble version)."""
    folder, sep, weight = spec.rpartition(":")
    if not sep:
        return Path(spec), 1.0
    weights = [float(w) for w in weight.split(",")]
    return Path(folder), weights if len(weights) > 1 else weights[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", type=Path, nargs="*", default=[],
                        help="trained weights; several checkpoints of one model are exported as their mean")
    parser.add_argument("--member", action="append", default=[], metavar="FOLDER[:WEIGHT[,WEIGHT...]]",
                        help="export the weighted mean of shipped versions or training run folders instead of "
                             "checkpoints (repeatable; the first names the model and its contract; a list of weights "
                             "weighs an ensemble version's members one by one)")
    parser.add_argument("--model", default="dpiqa_student_mobilenetv2")
    parser.add_argument("--version", required=True)
    parser.add_argument("--report", type=Path, help="evaluation report JSON to embed as the manifest's metrics")
    parser.add_argument("--lineage", type=json.loads, default="{}", help="JSON object: parent, data, seed, recipe")
    parser.add_argument("--root", type=Path, default=MODEL_CACHE)
    parser.add_argument("--brisque-report", type=Path, default=REPORTS_DIR / "student_eval.json",
                        help="teachers: the evaluation whose BRISQUE medians (same splits) the card shows")
    parser.add_argument("--latency", type=Path, action="append", default=[],
                        help="teachers: bench/model_latency.py reports for the card (repeatable)")
    parser.add_argument("--no-onnx", action="store_true",
                        help="write model.pt only (teachers always do); CPUs then serve it with PyTorch")
    parser.add_argument("--ood", metavar="REPORT.json:MODEL",
                        help="students and composed teachers: the out-of-domain report (`training.evaluation.robustness "
                             "--protocol ood`) and the name it gives this model, for the card's table beside BRISQUE")
    parser.add_argument("--evidence", type=Path, action="append", default=[],
                        help="composed teachers (--member): compare_runs reports of the same composition on the splits, "
                             "made with --against the student it must beat, one per replicate (repeatable)")
    args = parser.parse_args()
    report = json.loads(args.report.read_text()) if args.report else {}
    evidence = [json.loads(p.read_text()) for p in args.evidence]
    if evidence:
        report = {"evidence": [str(p) for p in args.evidence], "median": [e["median"]["ensemble"] for e in evidence]}
    if args.ood:
        report["ood"] = ood_figures(*args.ood.rsplit(":", 1), args.version)
    card = None
    teacher = get_config(args.model)["role"] == "teacher"
    if evidence or (teacher and report):
        brisque = json.loads(args.brisque_report.read_text())["brisque"]["median"]
        latency = [json.loads(p.read_text()) for p in args.latency]
    if evidence:
        card = lambda manifest: composed_teacher_card(manifest, evidence, brisque, latency)  # noqa: E731
    elif teacher and report:
        protocol, report = report, protocol_metrics(report, args.report)
        card = lambda manifest: teacher_card(manifest, protocol, brisque, latency)  # noqa: E731
    composed, compose_entry = (compose_by_reference([parse_member(m) for m in args.member], args.model)
                               if args.member else (None, None))
    lineage = {**args.lineage, "members": args.member} if args.member else args.lineage
    folder = export(args.checkpoint, args.model, args.version, report, lineage, args.root, card,
                    onnx=False if args.no_onnx else None, model=composed, compose=compose_entry)
    print(folder)


if __name__ == "__main__":
    main()
