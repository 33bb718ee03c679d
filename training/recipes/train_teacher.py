"""Train a DP-IQA teacher on CLIVE MOS (Fu et al., "DP-IQA", §3.3: MSE + margin ranking loss, end to end,
image encoder frozen).

    # compact teacher on 2 CPU cores, after `python3 -m training.recipes.teacher_cache` and
    # `python3 -m training.recipes.feature_cache --size 384`:
    python3 -m training.recipes.train_teacher --split-seed 0 --out training/runs/teacher_compact_seed0 \
        --set input_size=384 --set unet.weights=training/runs/unet_prior_seed0/unet.pt \
        --set prompts.weights=training/runs/unet_prior_seed0/condition.pt
    # the faithful SD1.5 teacher on a GPU (see training/models/teacher.py for the weights it needs):
    python3 -m training.recipes.train_teacher --model dpiqa_teacher_sd15 --device cuda --amp --split-seed 0 \
        --set unet.weights=... --set encoder.weights=... --set prompts.embeddings=... --out ...

The compact teacher trains from cached outputs of its frozen parts (TAEF2 latents, the pre-trained MobileNetV2
stem), cropped and flipped identically since both lie on the same stride-8 grid; any other teacher trains from
images. The checkpoint is chosen on a validation part carved from the training part; the
test part is scored once, with the chosen checkpoint. Seeded; `--resume` continues from `last.pt`.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from tqdm import tqdm

from ..data import splits
from ..data.preprocess import resize_for_model, to_tensor
from ..models.registry import create_model, parse_overrides
from .feature_cache import DEFAULT_FROZEN_LAYERS, original_features
from .fit import fit
from .losses import pairwise_ranking_loss
from .teacher_cache import taef2_latents
from .train_student import seed_everything


@dataclass
class TeacherRecipe:
    epochs: int = 6
    batch_size: int = 16
    lr_unet: float = 3e-4
    lr_backbone: float = 1e-4  # the image adapter's pre-trained MobileNetV2 stages
    lr_new: float = 5e-4  # adapters' new layers, prompts, QFD
    weight_decay: float = 1e-2
    rank_weight: float = 0.5
    margin_std: float = 0.25  # the paper's margin: 0.25 × the batch's MOS standard deviation (Table II)
    flip: bool = True
    crop: int | None = 40  # square window in latent cells (of 48 at 384 px, cached): ~83 % of the photo per step
    val_fraction: float = 0.1


RECIPES = {
    "dpiqa_teacher_compact": TeacherRecipe(),
    # The paper: Adam, batch ≥ 12, up to 15 epochs, whole 512² images; the U-Net fine-tuned gently.
    "dpiqa_teacher_sd15": TeacherRecipe(epochs=15, batch_size=12, lr_unet=1e-5, lr_new=1e-4, crop=None),
}


class CachedCompactInputs:
    """The compact teacher from its cached frozen outputs: `from_latent(latent, adapter.from_stem(stem))`."""

    def __init__(self, config: dict[str, Any]):
        self.latents = taef2_latents(config["input_size"])
        self.stems = original_features("dpiqa_student_mobilenetv2", DEFAULT_FROZEN_LAYERS, config["input_size"])
        self.scale = config["encoder"]["scaling_factor"]

    def __call__(self, teacher, names, flips, crop: int | None, rng: np.random.Generator):
        latent = torch.stack([self.latents[n] for n in names]).float() * self.scale
        stem = torch.stack([self.stems[n] for n in names]).float()
        pair = torch.cat([latent, stem], dim=1)
        pair[flips] = pair[flips].flip(-1)
        if crop is not None:
            pair = random_window(pair, crop, rng)
        latent, stem = pair.split([latent.shape[1], stem.shape[1]], dim=1)
        return teacher.from_latent(latent, teacher.image_adapter.from_stem(stem))


class ImageInputs:
    """Any teacher from images, decoded and resized once (uint8 in memory) unless the caller has them already
    (`images`: float [3, H, W] in [0, 1] at the input size, as `train_student.load_inputs` gives); `crop` latent
    cells are `crop` × 8 pixels (every encoder here has stride 8)."""

    def __init__(self, config: dict[str, Any], names: list[str], device: str,
                 images: dict[str, torch.Tensor] | None = None):
        size = config["input_size"]
        self.device = device
        self.images = images if images is not None else {
            n: (resize_for_model(to_tensor(splits.open_image(splits.CLIVE_ROOT, n)), size, size) * 255).round()
            .to(torch.uint8) for n in tqdm(names, desc="decoding images", leave=False)}

    def __call__(self, teacher, names, flips, crop: int | None, rng: np.random.Generator):
        batch = torch.stack([self.images[n] for n in names]).to(self.device)
        x = batch.float() / 255.0 if batch.dtype == torch.uint8 else batch.float()
        x[flips.to(self.device)] = x[flips.to(self.device)].flip(-1)
        return teacher(x if crop is None else random_window(x, crop * 8, rng))


def random_window(x: torch.Tensor, size: int, rng: np.random.Generator) -> torch.Tensor:
    """One random `size`×`size` window of a batch [B, C, H, W], the same for every image."""
    top, left = rng.integers(x.shape[-2] - size + 1), rng.integers(x.shape[-1] - size + 1)
    return x[..., top:top + size, left:left + size]


def parameter_groups(teacher: torch.nn.Module, recipe: TeacherRecipe) -> list[dict]:
    adapter = teacher.image_adapter
    backbone = {id(p) for part in ("stem", "stages") if hasattr(adapter, part) for p in getattr(adapter, part).parameters()}
    unet = {id(p) for p in teacher.unet.parameters()}
    trainable = [p for p in teacher.parameters() if p.requires_grad]
    groups = [("unet", recipe.lr_unet, [p for p in trainable if id(p) in unet]),
              ("backbone", recipe.lr_backbone, [p for p in trainable if id(p) in backbone]),
              ("new", recipe.lr_new, [p for p in trainable if id(p) not in unet and id(p) not in backbone])]
    return [{"name": name, "lr": lr, "params": params} for name, lr, params in groups if params]


@torch.no_grad()
def predict(teacher, inputs, names, batch_size: int = 32) -> np.ndarray:
    teacher.eval()
    no_flip = torch.zeros(batch_size, dtype=torch.bool)
    out = [inputs(teacher, names[i:i + batch_size], no_flip[:len(names[i:i + batch_size])], None, None)[0].float().cpu()
           for i in range(0, len(names), batch_size)]
    return torch.cat(out).numpy() * 100.0


def train_teacher(model_name: str, recipe: TeacherRecipe, overrides: dict[str, Any], split_seed: int | None,
                  out_dir: Path, seed: int = 0, resume: bool = False, device: str = "cpu", amp: bool = False,
                  pretrained: bool = True, limit: int | None = None, from_images: bool = False,
                  images: dict[str, torch.Tensor] | None = None) -> dict:
    """Train one teacher on one split (None: on every image, keeping the last epoch); returns the summary also
    written to `summary.json`. `pretrained=False` starts from random weights (the paper's "w/o pre-trained SD"
    ablation); `limit` keeps the first images of each part only (smoke tests); `from_images` trains the compact
    teacher from images instead of its CPU feature caches (on a GPU, where running the frozen parts is cheap),
    `images` the caller's decoded images (see `ImageInputs`)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    seed_everything(seed)
    mos = dict(splits.load_clive())
    split = splits.split_or_all(mos, split_seed, recipe.val_fraction)
    train_names, val_names, test_names = (list(part[:limit]) for part in (split.train, split.val, split.test))
    teacher = create_model(model_name, pretrained=pretrained, **overrides).to(device)
    config = teacher.dpiqa_config
    if from_images:
        inputs, crop = ImageInputs(config, train_names + val_names + test_names, device, images), recipe.crop
    elif model_name == "dpiqa_teacher_compact":
        inputs = CachedCompactInputs(config)
        teacher.image_adapter.stem.requires_grad_(False)  # cached: it never runs in training
        crop = recipe.crop
    else:
        inputs, crop = ImageInputs(config, train_names + val_names + test_names, device), None

    optimizer = torch.optim.AdamW(parameter_groups(teacher, recipe), weight_decay=recipe.weight_decay)

    def step(names, y, rng):
        flips = torch.from_numpy(rng.random(len(names)) < 0.5) if recipe.flip else torch.zeros(len(names), dtype=torch.bool)
        with torch.autocast(device_type=device.split(":")[0], dtype=torch.bfloat16, enabled=amp):
            scores = inputs(teacher, names, flips, crop, rng)[0].float()
        loss_mse = F.mse_loss(scores, y)
        loss_rank = pairwise_ranking_loss(scores, y, recipe.margin_std * float(y.std())) if len(names) > 1 else loss_mse * 0
        return loss_mse + recipe.rank_weight * loss_rank, {"mse": loss_mse, "rank": loss_rank}

    best_epoch, history, tested = fit(
        teacher, optimizer, step, lambda names: predict(teacher, inputs, names), train_names=train_names,
        val_names=val_names, test_names=test_names, mos=mos, epochs=recipe.epochs, batch_size=recipe.batch_size,
        drop_last=False, seed=seed, out_dir=out_dir, resume=resume, device=device, checkpoint_key="teacher")
    summary = {"model": model_name, "overrides": overrides, "recipe": asdict(recipe), "split_seed": split_seed,
               "seed": seed, "best_epoch": best_epoch, "history": history,
               "images": {"train": len(train_names), "val": len(val_names), "test": len(test_names)}, **tested}
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="dpiqa_teacher_compact", choices=sorted(RECIPES))
    parser.add_argument("--split-seed", type=splits.parse_split_seed, default=0,
                        help="seed of the 8:2 split, or 'all' to train on every image")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="config override, e.g. unet.weights=path (repeatable)")
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--amp", action="store_true", help="bfloat16 autocast (GPU)")
    parser.add_argument("--from-images", action="store_true",
                        help="train from images, running the frozen parts each step (GPU), not from the CPU caches")
    parser.add_argument("--from-scratch", action="store_true", help="random initial weights (ablation)")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)
    recipe = RECIPES[args.model] if args.epochs is None else replace(RECIPES[args.model], epochs=args.epochs)
    summary = train_teacher(args.model, recipe, parse_overrides(args.overrides), args.split_seed, args.out,
                            args.seed, args.resume, args.device, args.amp, not args.from_scratch,
                            from_images=args.from_images)
    print(json.dumps({"best_epoch": summary["best_epoch"], "test": summary.get("test")}))


if __name__ == "__main__":
    main()
