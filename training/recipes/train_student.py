"""Train the DP-IQA student on MOS: whole-network fine-tune with in-batch ranking and synthetic-distortion ranking.

    python3 -m training.recipes.train_student --split-seed 0 --out training/runs/seed0     # one 8:2 split, test held out
    python3 -m training.recipes.train_student --split-seed all --out training/runs/final   # all 937 images (shipped)

With a teacher (`training.recipes.distill`), every training image and degraded twin also gets the teacher's score and
quality map as targets (DP-IQA's distillation, §3.4).

Every image is prepared once as the model's view needs it (`data.preprocess`): resized to the model's input
size, exactly as serving does, for a whole-image model; kept at its own pixels for a model of native crops.
Training steps see random `crop`×`crop` windows of it (mirrored half the time), so content varies while the pixel
scale, which carries the quality signal, stays what the model meets at serving time; evaluation sees what
serving shows (the whole image, or its centre window). Some crops of each batch also get a synthetically
degraded twin that must score lower.

The checkpoint is chosen on a validation part carved from the training part (never the test part); with
`--split-seed all` the recipe's last epoch is kept. Resumable: `--resume` continues from `last.pt`.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import random
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from tqdm import tqdm

from ..data import splits
from ..data.distortions import MAX_LEVEL, TRAINING_KINDS, degrade_at_scale
from ..data.preprocess import at_least, native_crop, resize_for_model, to_tensor
from ..models.registry import create_model, input_views, parse_overrides
from .fit import fit
from .losses import degradation_ranking_loss, distillation_loss, pairwise_ranking_loss


@dataclass
class Recipe:
    model: str = "dpiqa_student_mobilenetv2"
    epochs: int = 8
    batch_size: int = 16
    crop: int = 384  # training window at the model's input scale (512): 56 % of the photo per step
    lr_backbone: float = 1e-4
    lr_head: float = 5e-4
    weight_decay: float = 1e-2
    rank_weight: float = 0.5
    rank_margin: float = 0.0
    degradation_weight: float = 0.25
    degraded_per_batch: int = 4  # crops of each batch that also get a degraded twin
    # Twins only of photos rated at least this (MOS 0-100): a change of exposure can improve a badly exposed photo,
    # so "the twin must score lower" holds for well-rated photos only. 0: any photo.
    twin_min_mos: float = 0.0
    degradation_kinds: tuple[str, ...] = TRAINING_KINDS
    # Each twin is degraded as if its photo were this many times larger than the model's input, one scale drawn
    # per twin (`distortions.degrade_at_scale`): 1 = at the model's scale only.
    twin_scales: tuple[float, ...] = (1.0,)
    margin_per_level: float = 0.02
    # Twins in ladders: each source crop gets two twins of one kind at two levels, and the heavier must also score
    # below the lighter (by the margin of their level gap). Pairs against the clean crop alone never ask a model to
    # tell a bad photo from a worse one, where scores saturate.
    twin_ladder: bool = False
    # > 0: each photo's twins come from a fixed pool of this many (kind, level, scale, noise seed), drawn from its
    # name alone, so a teacher can label every view a run can show once, ahead of it (`soft_targets`). Needs the
    # whole image as the crop. 0: every twin drawn afresh.
    twin_pool: int = 0
    distill_weight: float = 0.0  # > 0 needs a teacher: MSE to its score on every crop and twin, plus its map
    distill_map_weight: float = 1.0  # the map term, relative to the score term (see losses.distillation_loss)
    flip: bool = True
    val_fraction: float = 0.1
    model_overrides: dict = field(default_factory=dict)  # registry config changes, e.g. {"input_size": 384}


# The shipped student's members (0.4.0 is the mean of the two), by name: `--preset`, the GPU protocol and the
# tests take them from here rather than restating their flags.
PLAIN_384 = Recipe(epochs=10, crop=384, rank_weight=0.0, degradation_weight=0.0, model_overrides={"input_size": 384})
EXPOSURE_TWINS_384 = dataclasses.replace(PLAIN_384, twin_min_mos=60.0, degradation_weight=0.05,
                                         degradation_kinds=("underexposure", "overexposure"))
# Every training kind, each twin degraded at 1-4x the model's scale: photos reach serving at several megapixels.
MULTISCALE_TWINS_384 = dataclasses.replace(EXPOSURE_TWINS_384, degradation_kinds=TRAINING_KINDS,
                                           twin_scales=(1.0, 2.0, 3.0, 4.0))
# A member reading 384² windows at the photo's own pixels, where an upload's noise and compression survive, with
# twins of every training kind at 0.2.0's weight (0.2.0's windows held noise out of domain, +0.92).
NATIVE_TWINS_384 = dataclasses.replace(PLAIN_384, degradation_weight=0.25, degradation_kinds=TRAINING_KINDS,
                                       model_overrides={"input_size": 384, "input_views": ["native_crop"]})
# The native member with its twins in ladders: on out-of-domain photos its scores stopped falling at the two
# heaviest noise steps, a bad photo against a worse one, which pairs against the clean crop never rank.
NATIVE_LADDER_384 = dataclasses.replace(NATIVE_TWINS_384, twin_ladder=True)
PRESETS = {"default": Recipe(), "plain384": PLAIN_384, "exposure_twins384": EXPOSURE_TWINS_384,
           "multiscale_twins384": MULTISCALE_TWINS_384, "native_twins384": NATIVE_TWINS_384,
           "native_ladder384": NATIVE_LADDER_384}
SHIPPED_MEMBERS = ("plain384", "exposure_twins384")


def recipe_with(recipe: Recipe, changes: list[str]) -> Recipe:
    """`recipe` with FIELD=VALUE changes, read as `--set` config changes are (`registry.parse_overrides`)."""
    fields = {f.name for f in dataclasses.fields(recipe)}
    updates = parse_overrides(changes)
    for change in changes:
        key, sep, _ = change.partition("=")
        if not sep or key.split(".")[0] not in fields:
            raise SystemExit(f"--recipe {change!r}: expected FIELD=VALUE with FIELD one of {', '.join(sorted(fields))}")
    for key in ("degradation_kinds", "twin_scales"):
        if isinstance(updates.get(key), list):
            updates[key] = tuple(updates[key])
    return dataclasses.replace(recipe, **updates)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def load_inputs(names, size: int, view: str = "whole") -> dict[str, torch.Tensor]:
    """{name: [3, H, W] float16 in [0, 1]}: every image prepared once for `view`: resized to size x size as serving
    does ("whole"), or at its own pixels, enlarged only if smaller than size x size ("native_crop")."""
    def prepare(x: torch.Tensor) -> torch.Tensor:
        return at_least(x, size, size) if view == "native_crop" else resize_for_model(x, size, size)
    return {n: prepare(to_tensor(splits.open_image(splits.CLIVE_ROOT, n))).half()
            for n in tqdm(names, desc=f"loading {len(names)} images for {view} at {size}px", unit="img", leave=False)}


def model_view(model: torch.nn.Module) -> str:
    """The one view a trained model reads (teachers and older configs: the whole image)."""
    views = input_views(getattr(model, "dpiqa_config", {}))
    if len(views) != 1:
        raise ValueError(f"one model trains on one view, this one reads {views}")
    return views[0]


def model_device(model: torch.nn.Module) -> torch.device:
    return next(model.parameters()).device


@torch.no_grad()
def predict(model: torch.nn.Module, inputs: dict[str, torch.Tensor], names, batch_size: int = 16) -> np.ndarray:
    """MOS predictions (0-100) for images from `load_inputs`, shown as serving shows them, on the model's device."""
    model.eval()
    device = model_device(model)
    if model_view(model) == "native_crop":
        size = model.dpiqa_config["input_size"]
        inputs = {n: native_crop(inputs[n], size, size) for n in names}
    out = [model(torch.stack([inputs[n] for n in names[i:i + batch_size]]).to(device).float())[0].cpu()
           for i in range(0, len(names), batch_size)]
    return torch.cat(out).numpy() * 100.0


def as_image(crop: torch.Tensor) -> Image.Image:
    return Image.fromarray(crop.float().mul(255).round().clamp(0, 255).byte().permute(1, 2, 0).numpy())


def degraded_twin(crop: torch.Tensor, rng: np.random.Generator, kinds: tuple[str, ...] = TRAINING_KINDS,
                  scales: tuple[float, ...] = (1.0,), ladder: bool = False) -> list[tuple[torch.Tensor, int]]:
    """`crop` ([3,h,w] in [0,1]) with one of `kinds` at a random level 1..MAX_LEVEL, degraded at one of `scales`
    (one scale alone draws nothing, so older recipes see the random stream they were trained with), and that level;
    with `ladder`, two such twins of the same kind and scale at two distinct levels, the lighter first."""
    kind = kinds[rng.integers(len(kinds))]
    levels = (sorted(int(v) for v in rng.choice(np.arange(1, MAX_LEVEL + 1), 2, replace=False)) if ladder
              else [int(rng.integers(1, MAX_LEVEL + 1))])
    scale = scales[rng.integers(len(scales))] if len(scales) > 1 else scales[0]
    image = as_image(crop)
    return [(to_tensor(degrade_at_scale(image, kind, level, scale, rng)), level) for level in levels]


Twin = tuple[str, int, float, int]  # kind, level, scale, seed of the degradation's own randomness (noise, ...)


def pooled_twin(name: str, index: int, recipe: Recipe) -> Twin:
    """The `index`-th twin of the photo's fixed pool (`Recipe.twin_pool`), drawn from a stream seeded by the photo's
    name alone: every run, split and seed sees the same pool, which is what lets a teacher label it once."""
    rng = np.random.default_rng([zlib.crc32(name.encode()), index])
    kind = recipe.degradation_kinds[rng.integers(len(recipe.degradation_kinds))]
    level = int(rng.integers(1, MAX_LEVEL + 1))
    scale = float(recipe.twin_scales[rng.integers(len(recipe.twin_scales))])
    return kind, level, scale, int(rng.integers(2 ** 31))


def render_twin(crop: torch.Tensor, twin: Twin) -> torch.Tensor:
    kind, level, scale, seed = twin
    return to_tensor(degrade_at_scale(as_image(crop), kind, level, scale, np.random.default_rng(seed)))


View = tuple[str, bool, int]  # photo, mirrored, index in its twin pool (-1: the photo itself)


def render_view(image: torch.Tensor, view: View, recipe: Recipe) -> torch.Tensor:
    """One view of a whole prepared image as `training_batch` shows it (a twin pool's view: exactly)."""
    name, flipped, twin = view
    x = image.float().flip(-1) if flipped else image.float()
    return x if twin < 0 else render_twin(x, pooled_twin(name, twin, recipe))


def training_batch(inputs, names, recipe: Recipe, rng: np.random.Generator, mos: dict[str, float] | None = None):
    """Random crops (flipped half the time) of `names`, then degraded twins of the first few crops whose photo is
    rated at least `recipe.twin_min_mos` in `mos` (any photo without `mos`). Returns the batch, per twin the index
    in the batch of the image it must score below (its source crop, or in a ladder its lighter twin) and the level
    gap between the two, and with a twin pool the `View` of each image of the batch (else None)."""
    crops, flips = [], []
    for n in names:
        height, width = inputs[n].shape[-2:]
        top, left = rng.integers((height - recipe.crop + 1, width - recipe.crop + 1))
        crop = inputs[n][:, top:top + recipe.crop, left:left + recipe.crop].float()
        flips.append(bool(recipe.flip and rng.random() < 0.5))
        crops.append(crop.flip(-1) if flips[-1] else crop)
    eligible = [i for i, n in enumerate(names) if mos is None or mos[n] >= recipe.twin_min_mos]
    sources = eligible[:recipe.degraded_per_batch] if recipe.degradation_weight or recipe.distill_weight else []
    views = None
    if recipe.twin_pool:
        picks = [int(rng.integers(recipe.twin_pool)) for _ in sources]
        twins = [pooled_twin(names[i], j, recipe) for i, j in zip(sources, picks)]
        ladders = [[(render_twin(crops[i], twin), twin[1])] for i, twin in zip(sources, twins)]
        views = [(n, f, -1) for n, f in zip(names, flips)] + [(names[i], flips[i], j) for i, j in zip(sources, picks)]
    else:
        ladders = [degraded_twin(crops[i], rng, recipe.degradation_kinds, recipe.twin_scales, recipe.twin_ladder)
                   for i in sources]
    lighter = [ladder[0] for ladder in ladders]
    heavier = [ladder[1] for ladder in ladders if len(ladder) > 1]
    refs = sources + [len(crops) + k for k in range(len(heavier))]  # a heavier twin ranks below its lighter one
    gaps = [lvl for _, lvl in lighter] + [h - l for (_, h), (_, l) in zip(heavier, lighter)]
    x = torch.stack(crops + [t for t, _ in lighter + heavier])
    return x, torch.tensor(gaps, dtype=torch.float32), torch.tensor(refs, dtype=torch.long), views


def teacher_targets(teacher, x: torch.Tensor, views: list[View] | None) -> tuple[torch.Tensor, torch.Tensor]:
    """A live teacher scores the batch; targets computed ahead are looked up by view."""
    if isinstance(teacher, torch.nn.Module):
        return teacher(x)
    score, qmap = teacher(views)
    return score.to(x.device), qmap.to(x.device)


def train(recipe: Recipe, split_seed: int | None, out_dir: Path, resume: bool = False, seed: int = 0,
          device: str = "cpu", teacher=None, inputs: dict[str, torch.Tensor] | None = None) -> dict:
    """Train one model; returns the run summary (also written to `summary.json` in `out_dir`).

    `teacher`: distillation targets, needed when `recipe.distill_weight` > 0: a frozen module on `device` that
    scores each batch, or the teacher's outputs for every view of a twin pool computed ahead
    (`soft_targets.SoftTargets`, called with the batch's views). `inputs`: the images from `load_inputs` at the
    model's input size, when the caller already has them."""
    if (teacher is None) != (recipe.distill_weight == 0):
        raise ValueError("a teacher is needed exactly when recipe.distill_weight > 0")
    out_dir.mkdir(parents=True, exist_ok=True)
    seed_everything(seed)
    mos = dict(splits.load_clive())
    sp = splits.split_or_all(mos, split_seed, recipe.val_fraction)
    train_names, val_names, test_names = list(sp.train), list(sp.val), list(sp.test)

    model = create_model(recipe.model, **recipe.model_overrides).to(device)
    size = model.dpiqa_config["input_size"]
    if not 0 < recipe.crop <= size:
        raise ValueError(f"crop {recipe.crop} must lie in 1..{size} (the model's input size)")
    if recipe.twin_pool and (recipe.crop != size or recipe.twin_ladder):
        raise ValueError("a twin pool lists whole-image views with single twins: it needs crop = input size "
                         f"({size}) and no ladder")
    if teacher is not None and not isinstance(teacher, torch.nn.Module) and not recipe.twin_pool:
        raise ValueError("targets computed ahead exist for a twin pool's views only: set recipe.twin_pool")
    inputs = inputs if inputs is not None else load_inputs(sorted(mos), size, model_view(model))

    optimizer = torch.optim.AdamW([{"params": model.backbone.parameters(), "lr": recipe.lr_backbone},
                                   {"params": model.head.parameters(), "lr": recipe.lr_head}],
                                  weight_decay=recipe.weight_decay)

    def step(names, y, rng):
        x, gaps, refs, views = training_batch(inputs, names, recipe, rng, mos)
        x, gaps, refs = x.to(device), gaps.to(device), refs.to(device)
        scores, qmaps = model(x)
        clean = scores[:len(names)]
        loss_mse = torch.nn.functional.mse_loss(clean, y)
        loss_rank = pairwise_ranking_loss(clean, y, recipe.rank_margin)
        loss_deg = (degradation_ranking_loss(scores[refs], scores[len(names):], gaps, recipe.margin_per_level)
                    if len(gaps) else torch.zeros((), device=device))
        loss_distill = (distillation_loss(scores, qmaps, *teacher_targets(teacher, x, views),
                                          map_weight=recipe.distill_map_weight)
                        if teacher is not None else torch.zeros((), device=device))
        loss = (loss_mse + recipe.rank_weight * loss_rank + recipe.degradation_weight * loss_deg
                + recipe.distill_weight * loss_distill)
        return loss, {"mse": loss_mse, "rank": loss_rank, "degradation": loss_deg, "distill": loss_distill}

    best_epoch, history, tested = fit(
        model, optimizer, step, lambda names: predict(model, inputs, names), train_names=train_names,
        val_names=val_names, test_names=test_names, mos=mos, epochs=recipe.epochs, batch_size=recipe.batch_size,
        drop_last=True,  # the ragged last batch left out: ranking needs pairs
        seed=seed, out_dir=out_dir, resume=resume, device=device)
    summary = {"recipe": asdict(recipe), "split_seed": split_seed, "seed": seed, "best_epoch": best_epoch,
               "history": history, "train_images": len(train_names), "val_images": len(val_names),
               "test_images": len(test_names), **tested}
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split-seed", type=splits.parse_split_seed, default=0,
                        help="seed of the 8:2 split, or 'all' to train on every image")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0, help="seed of initialisation, batch order and augmentation")
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--preset", choices=sorted(PRESETS), default="default",
                        help="the recipe to start from; SHIPPED_MEMBERS names the shipped student's members")
    parser.add_argument("--recipe", nargs="*", default=[], metavar="FIELD=VALUE",
                        help="changes to the preset, values in JSON, e.g. epochs=10 rank_weight=0 "
                             "model_overrides.input_size=384")
    parser.add_argument("--device", default="cpu", help="e.g. cuda")
    parser.add_argument("--threads", type=int, default=1,
                        help="intra-op threads; on 2 busy cores, one process per core beats two threads per process")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)  # fine-tuned activations and gradients reach subnormal floats, slow on x86
    recipe = recipe_with(PRESETS[args.preset], args.recipe)
    summary = train(recipe, args.split_seed, args.out, args.resume, args.seed, args.device)
    print(json.dumps({k: summary[k] for k in ("split_seed", "best_epoch") if k in summary} | {"test": summary.get("test")}))


if __name__ == "__main__":
    main()
