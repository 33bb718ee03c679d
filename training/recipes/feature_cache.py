"""Cache of frozen network parts' outputs over CLIVE, so teacher training runs only the parts that learn.

The compact teacher reads the MobileNetV2 stem (the backbone's first `frozen_layers` blocks, frozen at their
ImageNet values) and the TAEF2 latents (`training.recipes.teacher_cache`). Their output is the same for every split
and seed, so it is computed once per image and input size and stored in float16.
"""
from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Callable

import torch
from tqdm import tqdm

from ..data.preprocess import resize_for_model, to_tensor
from ..data.splits import CLIVE_ROOT, load_clive, open_image
from ..models.registry import create_model, get_config
from ..paths import CACHE_DIR

# Blocks up to stride 8: the MobileNetV2 layers the compact teacher keeps frozen.
DEFAULT_FROZEN_LAYERS = 7


def stem(model: torch.nn.Module, frozen_layers: int) -> torch.nn.Module:
    return torch.nn.Sequential(model.normalize, *list(model.backbone.features)[:frozen_layers])


def cache_path(model_name: str, size: int, frozen_layers: int) -> Path:
    key = hashlib.sha1(f"{model_name}/{size}/{frozen_layers}/original".encode()).hexdigest()[:12]
    return CACHE_DIR / f"stem_{model_name}_{size}_{frozen_layers}_original_{key}.pt"


@torch.no_grad()
def cache_outputs(make_net: Callable[[], torch.nn.Module], size: int, path: Path,
                  batch_size: int = 8) -> dict[str, torch.Tensor]:
    """{image name: float16 network output [C, h, w]} for every CLIVE image resized to `size`, computed once and
    stored at `path`. `make_net` is called only when the cache is missing: building a network loads weights."""
    if path.exists():
        return torch.load(path)
    net = make_net()
    names = sorted(n for n, _ in load_clive())
    out: dict[str, torch.Tensor] = {}
    for i in tqdm(range(0, len(names), batch_size), desc=path.stem, unit="batch"):
        chunk = names[i:i + batch_size]
        x = torch.stack([resize_for_model(to_tensor(open_image(CLIVE_ROOT, n)), size, size) for n in chunk])
        for n, f in zip(chunk, net(x).half()):
            out[n] = f.clone()
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    torch.save(out, path)
    return out


def original_features(model_name: str, frozen_layers: int, size: int | None = None) -> dict[str, torch.Tensor]:
    """The stem features of every CLIVE image at `size` (default: the model's input size)."""
    size = size or get_config(model_name)["input_size"]
    return cache_outputs(lambda: stem(create_model(model_name).eval(), frozen_layers), size,
                         cache_path(model_name, size, frozen_layers))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="dpiqa_student_mobilenetv2")
    parser.add_argument("--frozen-layers", type=int, default=DEFAULT_FROZEN_LAYERS)
    parser.add_argument("--size", type=int, help="input size (default: the model's)")
    args = parser.parse_args()
    torch.set_num_threads(2)
    original_features(args.model, args.frozen_layers, args.size)


if __name__ == "__main__":
    main()
