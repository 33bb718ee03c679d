"""Cached outputs of the compact teacher's frozen parts, so its training runs only the parts that learn.

The TAEF2 encoder is frozen in every recipe: its latent of each CLIVE image is computed once (raw, before the
config's latent scaling) and stored in float16 beside the student's stem features.
"""
from __future__ import annotations

import argparse

import torch

from .feature_cache import CACHE_DIR, cache_outputs
from ..models.taef2 import TAEF2Encoder
from ..paths import PRETRAINED_DIR

TAEF2_WEIGHTS = PRETRAINED_DIR / "taef2_encoder.pth"


def taef2_latents(size: int) -> dict[str, torch.Tensor]:
    """{image name: raw TAEF2 latent [32, size/8, size/8]} for every CLIVE image resized to `size`."""
    return cache_outputs(lambda: TAEF2Encoder(TAEF2_WEIGHTS, scaling_factor=1.0).eval(), size,
                         CACHE_DIR / f"taef2_latents_{size}.pt")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=384)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    taef2_latents(args.size)


if __name__ == "__main__":
    main()
