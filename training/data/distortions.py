"""Deterministic synthetic degradations with a severity level 0..MAX_LEVEL (0 = the image unchanged).

Used to build ranking pairs for training (a degraded copy must score below its source) and the robustness
chains of `training.evaluation.robustness`. Severities are chosen so that level MAX_LEVEL is clearly bad on a 500x500
photo and each step is visible.
"""
from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageFilter

MAX_LEVEL = 5

# Per kind, the parameter at levels 1..MAX_LEVEL (level 0 is the identity for all kinds).
_SEVERITY = {
    "blur": (0.6, 1.2, 2.0, 3.0, 4.5),  # Gaussian sigma, pixels
    "jpeg": (50, 30, 18, 10, 5),  # PIL quality
    "noise": (5.0, 10.0, 18.0, 28.0, 40.0),  # additive Gaussian sigma on 0..255, per channel
    "underexposure": (0.5, 1.0, 1.5, 2.0, 3.0),  # stops darker, in linear light
    "overexposure": (0.4, 0.8, 1.2, 1.6, 2.0),  # stops brighter, in linear light, clipped
    "downscale": (0.75, 0.5, 0.35, 0.25, 0.15),  # scale of the down-up round trip
}
KINDS = tuple(_SEVERITY)
# Kinds used for training pairs: the distortions users most often meet in uploads. Downscaling stays out, so the
# robustness report also shows how a model generalises to a kind it never trained on. (Over-exposure joined in
# 0.3.0: student 0.2.0, trained without it, barely noticed it.) A run records the kinds it used in its recipe.
TRAINING_KINDS = ("blur", "jpeg", "noise", "underexposure", "overexposure")


def degrade(img: Image.Image, kind: str, level: int, rng: np.random.Generator | None = None) -> Image.Image:
    """`img` (RGB) degraded by `kind` at `level`; a copy of `img` at level 0.

    `rng` drives the random kinds (noise); None means a fixed seed, so calls are reproducible either way.
    """
    if kind not in _SEVERITY:
        raise ValueError(f"unknown distortion {kind!r}; expected one of {KINDS}")
    if not 0 <= level <= MAX_LEVEL:
        raise ValueError(f"level must be in 0..{MAX_LEVEL}, got {level}")
    img = img.convert("RGB")
    if level == 0:
        return img.copy()
    param = _SEVERITY[kind][level - 1]
    if kind == "blur":
        return img.filter(ImageFilter.GaussianBlur(param))
    if kind == "jpeg":
        return _jpeg(img, param)
    if kind == "noise":
        rng = rng if rng is not None else np.random.default_rng(0)
        noisy = np.asarray(img, dtype=np.float64) + rng.normal(0.0, param, size=(img.height, img.width, 3))
        return _to_image(noisy)
    if kind == "underexposure":
        return _exposure(img, -param)
    if kind == "overexposure":
        return _exposure(img, param)
    small = (max(1, round(img.width * param)), max(1, round(img.height * param)))
    return img.resize(small, Image.BICUBIC).resize(img.size, Image.BICUBIC)


def degrade_at_scale(img: Image.Image, kind: str, level: int, scale: float,
                     rng: np.random.Generator | None = None) -> Image.Image:
    """`degrade` applied as if `img` were a `scale`× larger photo shown at its own size: enlarged (bicubic),
    degraded, then reduced back with an antialiased filter, as serving's resize reduces an upload.

    Users upload photos of several megapixels that serving reduces to the model's input, which thins noise,
    blocking and blur by the reduction factor; twins degraded only at the model's scale never show the model
    what such a degradation looks like after it. scale 1 is `degrade` itself."""
    if scale < 1:
        raise ValueError(f"scale must be at least 1, got {scale}")
    if scale == 1 or level == 0:
        return degrade(img, kind, level, rng)
    large = img.convert("RGB").resize((round(img.width * scale), round(img.height * scale)), Image.BICUBIC)
    return degrade(large, kind, level, rng).resize(img.size, Image.BILINEAR, reducing_gap=None)


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality)
    buf.seek(0)
    with Image.open(buf) as decoded:
        return decoded.convert("RGB")


def _exposure(img: Image.Image, stops: float) -> Image.Image:
    """Exposure change in linear light (sRGB approximated as gamma 2.2), clipped like a sensor would."""
    linear = (np.asarray(img, dtype=np.float64) / 255.0) ** 2.2
    return _to_image(255.0 * np.clip(linear * 2.0**stops, 0.0, 1.0) ** (1 / 2.2))


def _to_image(arr: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(np.rint(arr), 0, 255).astype(np.uint8))  # HxWx3 uint8: RGB
