"""Cache of the frozen early backbone layers' output, so fine-tuning runs only the layers that train.

The first `frozen_layers` blocks of the backbone are frozen in every training recipe (low-level filters
that ImageNet pre-training already gets right). Their output is the same for every split and seed, so it is
computed once per image version (original, or a synthetic distortion at a level) and stored in float16.
At serving time the whole network runs: the frozen layers have the very weights used here.
"""
from __future__ import annotations

import argparse
import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import torch
from tqdm import tqdm

from .splits import CLIVE_ROOT, load_clive, open_image
from .data.preprocess import resize_for_model, to_tensor
from .distortions import MAX_LEVEL, degrade
from .models.registry import create_model, get_config
from .paths import REPO_ROOT

CACHE_DIR = REPO_ROOT / "training" / ".cache"
# Blocks up to stride 8 at 384 px; the training recipe reads its default from here.
DEFAULT_FROZEN_LAYERS = 7


def stem(model: torch.nn.Module, frozen_layers: int) -> torch.nn.Module:
    return torch.nn.Sequential(model.normalize, *list(model.backbone.features)[:frozen_layers])


def cache_path(model_name: str, size: int, frozen_layers: int, version: str) -> Path:
    key = hashlib.sha1(f"{model_name}/{size}/{frozen_layers}/{version}".encode()).hexdigest()[:12]
    return CACHE_DIR / f"stem_{model_name}_{size}_{frozen_layers}_{version}_{key}.pt"


@torch.no_grad()
def cache_outputs(net: torch.nn.Module, size: int, path: Path, version: str = "original", degrade=None,
                  batch_size: int = 8) -> dict[str, torch.Tensor]:
    """{image name: float16 `net` output [C, h, w]} for every CLIVE image resized to `size`, computed once and
    stored at `path`. `degrade(pil_image, name) -> pil_image` makes a distorted version; `version` names it."""
    if path.exists():
        return torch.load(path)
    names = sorted(n for n, _ in load_clive())
    out: dict[str, torch.Tensor] = {}
    for i in tqdm(range(0, len(names), batch_size), desc=f"{path.stem} ({version})", unit="batch"):
        chunk = names[i:i + batch_size]
        images = [open_image(CLIVE_ROOT, n) for n in chunk]
        if degrade is not None:
            images = [degrade(img, n) for img, n in zip(images, chunk)]
        x = torch.stack([resize_for_model(to_tensor(img), size, size) for img in images])
        for n, f in zip(chunk, net(x).half()):
            out[n] = f.clone()
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    torch.save(out, path)
    return out


def build_cache(model_name: str, frozen_layers: int, version: str = "original", degrade=None,
                batch_size: int = 8) -> dict[str, torch.Tensor]:
    """The student's frozen-stem features of every CLIVE image (see `cache_outputs`)."""
    size = get_config(model_name)["input_size"]
    path = cache_path(model_name, size, frozen_layers, version)
    if path.exists():
        return torch.load(path)
    return cache_outputs(stem(create_model(model_name).eval(), frozen_layers), size, path, version, degrade, batch_size)


# Kinds used for training pairs: the distortions users most often meet in uploads.
TRAINING_DEGRADATIONS = ("blur", "jpeg", "noise", "underexposure")
DEGRADED_VERSIONS = ("degraded_a", "degraded_b")


@dataclass
class DegradedVersion:
    features: dict[str, torch.Tensor]
    levels: dict[str, int]


def _degradation_plan(name: str, version: str) -> tuple[str, int, np.random.Generator]:
    """A fixed (kind, level, noise rng) per image and version, so the cache is reproducible."""
    rng = np.random.default_rng(zlib.crc32(f"{version}/{name}".encode()))
    return TRAINING_DEGRADATIONS[rng.integers(len(TRAINING_DEGRADATIONS))], int(rng.integers(1, MAX_LEVEL + 1)), rng


def original_features(model_name: str, frozen_layers: int) -> dict[str, torch.Tensor]:
    return build_cache(model_name, frozen_layers)


def degraded_versions(model_name: str, frozen_layers: int) -> list[DegradedVersion]:
    out = []
    for version in DEGRADED_VERSIONS:
        def apply(img, name, version=version):
            kind, level, rng = _degradation_plan(name, version)
            return degrade(img, kind, level, rng)
        features = build_cache(model_name, frozen_layers, version, apply)
        out.append(DegradedVersion(features, {n: _degradation_plan(n, version)[1] for n in features}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="dpiqa_student_mobilenetv2")
    parser.add_argument("--frozen-layers", type=int, default=DEFAULT_FROZEN_LAYERS)
    args = parser.parse_args()
    torch.set_num_threads(2)
    original_features(args.model, args.frozen_layers)
    degraded_versions(args.model, args.frozen_layers)


if __name__ == "__main__":
    main()
