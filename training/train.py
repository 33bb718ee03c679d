"""Train the DP-IQA student on MOS, with in-batch ranking and synthetic-distortion ranking pairs.

    python3 -m training.train --split-seed 0 --out training/runs/seed0      # one 8:2 split, test part held out
    python3 -m training.train --split-seed all --out training/runs/final    # all 937 images (the shipped model)

The backbone's first `frozen_layers` blocks stay frozen and are read from `training.feature_cache`; the
rest of the backbone and the quality-map head are fine-tuned. The checkpoint is chosen on a validation part
carved from the training part (never the test part); with `--split-seed all` the recipe's epoch count is
used as is. Resumable: `--resume` continues from `last.pt` in the output folder.
"""
from __future__ import annotations

import argparse
import json
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from tqdm import tqdm

from . import metrics, splits
from .feature_cache import DEFAULT_FROZEN_LAYERS, degraded_versions, original_features
from .losses import degradation_ranking_loss, pairwise_ranking_loss
from .models.registry import create_model


@dataclass
class Recipe:
    model: str = "dpiqa_student_mobilenetv2"
    frozen_layers: int = DEFAULT_FROZEN_LAYERS
    epochs: int = 6
    batch_size: int = 16
    lr_backbone: float = 1e-4
    lr_head: float = 5e-4
    weight_decay: float = 1e-2
    rank_weight: float = 0.5
    rank_margin: float = 0.0
    degradation_weight: float = 0.25
    degraded_per_batch: int = 8  # images of each batch that also get a degraded twin
    margin_per_level: float = 0.02
    flip: bool = True
    crop: int = 40  # random crop of the stride-8 feature map (48 at 384 px): ~83 % of the photo, per step
    val_fraction: float = 0.1
    extra: dict = field(default_factory=dict)


class TrainableTail(torch.nn.Module):
    """The part of the student that trains: backbone blocks after the frozen stem, then the head."""

    def __init__(self, student: torch.nn.Module, frozen_layers: int):
        super().__init__()
        self.blocks = torch.nn.Sequential(*list(student.backbone.features)[frozen_layers:])
        self.head = student.head

    def forward(self, stem_features: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.head(self.blocks(stem_features))


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


@torch.no_grad()
def predict(tail: TrainableTail, features: dict[str, torch.Tensor], names, batch_size: int = 32) -> np.ndarray:
    tail.eval()
    out = []
    for i in range(0, len(names), batch_size):
        x = torch.stack([features[n] for n in names[i:i + batch_size]]).float()
        out.append(tail(x)[0])
    return torch.cat(out).numpy() * 100.0


def train(recipe: Recipe, split_seed: int | None, out_dir: Path, resume: bool = False, seed: int = 0) -> dict:
    """Train one model; returns the run summary (also written to `summary.json` in `out_dir`)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    seed_everything(seed)
    mos = dict(splits.load_clive())
    if split_seed is None:
        train_names, val_names, test_names = sorted(mos), [], []
    else:
        sp = splits.make_split(mos, split_seed, val_fraction=recipe.val_fraction)
        train_names, val_names, test_names = list(sp.train), list(sp.val), list(sp.test)

    student = create_model(recipe.model)
    tail = TrainableTail(student, recipe.frozen_layers)
    feats = original_features(recipe.model, recipe.frozen_layers)
    versions = degraded_versions(recipe.model, recipe.frozen_layers) if recipe.degradation_weight > 0 else []

    head_params = list(tail.head.parameters())
    optimizer = torch.optim.AdamW([{"params": tail.blocks.parameters(), "lr": recipe.lr_backbone},
                                   {"params": head_params, "lr": recipe.lr_head}], weight_decay=recipe.weight_decay)
    steps_per_epoch = (len(train_names) + recipe.batch_size - 1) // recipe.batch_size
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=[recipe.lr_backbone, recipe.lr_head],
                                                    total_steps=recipe.epochs * steps_per_epoch, pct_start=0.1)
    start_epoch, history, best = 0, [], {"score": -np.inf}
    last = out_dir / "last.pt"
    if resume and last.exists():
        state = torch.load(last)
        tail.load_state_dict(state["tail"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        start_epoch, history, best = state["epoch"] + 1, state["history"], state["best"]
        torch.set_rng_state(state["torch_rng"])
        np.random.set_state(state["numpy_rng"])

    rng = np.random.default_rng(seed + 1000 * start_epoch)
    for epoch in range(start_epoch, recipe.epochs):
        tail.train()
        order = rng.permutation(len(train_names))
        totals = {"mse": 0.0, "rank": 0.0, "degradation": 0.0}
        started = time.time()
        bar = tqdm(range(steps_per_epoch), desc=f"epoch {epoch + 1}/{recipe.epochs}", unit="step", leave=False)
        for step in bar:
            names = [train_names[i] for i in order[step * recipe.batch_size:(step + 1) * recipe.batch_size]]
            x = torch.stack([feats[n] for n in names]).float()
            y = torch.tensor([mos[n] / 100.0 for n in names])
            flips = torch.from_numpy(rng.random(len(names)) < 0.5) if recipe.flip else torch.zeros(len(names), dtype=torch.bool)
            batch = [x]
            if versions:
                twins = names[:recipe.degraded_per_batch]
                picks = [versions[k] for k in rng.integers(len(versions), size=len(twins))]
                batch.append(torch.stack([v.features[n] for v, n in zip(picks, twins)]).float())
                levels = torch.tensor([v.levels[n] for v, n in zip(picks, twins)], dtype=torch.float32)
            inputs = torch.cat(batch)
            # Mirroring the cached feature map stands in for mirroring the photo (exact up to TF padding).
            flip_all = torch.cat([flips, flips[:recipe.degraded_per_batch]]) if versions else flips
            inputs[flip_all] = inputs[flip_all].flip(-1)
            # Cropping keeps an authentic photo's quality while changing its content: the cheapest guard
            # against memorising 700 images. Evaluation always sees the whole image.
            top, left = rng.integers(inputs.shape[-2] - recipe.crop + 1), rng.integers(inputs.shape[-1] - recipe.crop + 1)
            inputs = inputs[..., top:top + recipe.crop, left:left + recipe.crop]
            scores = tail(inputs)[0]
            clean = scores[:len(names)]
            loss_mse = torch.nn.functional.mse_loss(clean, y)
            loss_rank = pairwise_ranking_loss(clean, y, recipe.rank_margin)
            loss = loss_mse + recipe.rank_weight * loss_rank
            loss_deg = torch.zeros(())
            if versions:
                loss_deg = degradation_ranking_loss(clean[:len(twins)], scores[len(names):], levels,
                                                    recipe.margin_per_level)
                loss = loss + recipe.degradation_weight * loss_deg
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            for key, value in (("mse", loss_mse), ("rank", loss_rank), ("degradation", loss_deg)):
                totals[key] += float(value) / steps_per_epoch
            bar.set_postfix(loss=f"{float(loss):.4f}")
        record = {"epoch": epoch + 1, "seconds": round(time.time() - started, 1), **totals}
        if val_names:
            val = metrics.evaluate_predictions(predict(tail, feats, val_names), [mos[n] for n in val_names])
            record["val"] = val
            selection = val["srcc"] + val["plcc"]
        else:
            selection = float(epoch)  # no validation part: the recipe's last epoch
        if selection > best["score"]:
            best = {"score": selection, "epoch": epoch + 1}
            torch.save(student.state_dict(), out_dir / "best.pt")
        history.append(record)
        print(json.dumps(record), flush=True)
        torch.save({"tail": tail.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict(), "epoch": epoch, "history": history, "best": best,
                    "torch_rng": torch.get_rng_state(), "numpy_rng": np.random.get_state()}, last)

    summary = {"recipe": asdict(recipe), "split_seed": split_seed, "seed": seed, "best_epoch": best["epoch"],
               "history": history, "train_images": len(train_names), "val_images": len(val_names),
               "test_images": len(test_names)}
    if test_names:
        student.load_state_dict(torch.load(out_dir / "best.pt"))
        pred = predict(TrainableTail(student, recipe.frozen_layers), feats, test_names)
        summary["test"] = metrics.evaluate_predictions(pred, [mos[n] for n in test_names])
        summary["test_predictions"] = dict(zip(test_names, map(float, pred)))
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split-seed", default="0", help="seed of the 8:2 split, or 'all' to train on every image")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0, help="seed of initialisation and batch order")
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--threads", type=int, default=1,
                        help="intra-op threads; on 2 busy cores, one process per core beats two threads per process")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)  # fine-tuned activations and gradients reach subnormal floats, slow on x86
    recipe = Recipe() if args.epochs is None else Recipe(epochs=args.epochs)
    split_seed = None if args.split_seed == "all" else int(args.split_seed)
    summary = train(recipe, split_seed, args.out, args.resume, args.seed)
    print(json.dumps({k: summary[k] for k in ("split_seed", "best_epoch") if k in summary} | {"test": summary.get("test")}))


if __name__ == "__main__":
    main()
