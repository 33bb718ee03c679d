"""Shared fixtures: a generated photo-like image, and the CLIVE folder (tests needing it skip when absent)."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageFilter

from training.data import splits


def make_test_image(size: int = 128, seed: int = 0) -> Image.Image:
    """Smooth shading, hard-edged shapes and fine texture: enough structure for blur/JPEG/NSS to act on."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:size, 0:size] / size
    base = 90 + 80 * x + 40 * np.sin(6 * np.pi * y)
    rgb = np.stack([base, base * 0.8 + 30, 200 - base * 0.5], axis=-1)
    for _ in range(6):  # random rectangles give sharp edges
        x0, y0 = rng.integers(0, size - 16, size=2)
        w, h = rng.integers(8, size // 2, size=2)
        rgb[y0:y0 + h, x0:x0 + w] = rng.uniform(20, 235, size=3)
    texture = Image.fromarray(rng.uniform(0, 255, (size, size)).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    rgb += (np.asarray(texture, dtype=np.float64)[..., None] - 127) * 0.4
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), mode="RGB")


@pytest.fixture
def test_image() -> Image.Image:
    return make_test_image()


@pytest.fixture
def clive_root():
    if not (splits.CLIVE_ROOT / "mos.csv").exists():
        pytest.skip(f"CLIVE not found at {splits.CLIVE_ROOT} (set CLIVE_ROOT)")
    return splits.CLIVE_ROOT
