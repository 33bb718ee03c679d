"""The one image preprocessing used for training, evaluation, export goldens and (re-implemented) in Java.

decode -> 8-bit sRGB (EXIF orientation applied, alpha composited over white) -> float in [0, 1]
   (a model whose manifest declares `decode_reduction` and reads only the whole image has a large JPEG decoded
   at 1/2, 1/4 or 1/8 of its size by libjpeg's DCT scaling, Pillow's `draft()`: the largest that keeps the
   photo's short side at least `min_short_side_ratio` times the input's; Java: `DecodeReduction`)
-> one H x W view per entry of the model's `input_views`, stacked along channels (3 per view):
   "whole": the whole image, bilinear resize with antialiasing (no crop, aspect not kept, as in the paper);
   "native_crop": the centre H x W window at the photo's own pixels, where noise and compression are still
   visible that a several-megapixel upload loses in the whole-image reduction (a photo smaller than the window
   is first enlarged, aspect kept, by the same resize).
The Java `ModelInputResizer` and `ModelViews` implement the same and are checked against goldens made here.
"""
from __future__ import annotations

from pathlib import Path

import math

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageOps

RESIZE_METHOD = "bilinear_antialias"
VIEWS = ("whole", "native_crop")
DCT_SCALING = "jpeg_dct_scaling"
DCT_DENOMINATORS = (8, 4, 2)


def min_decoded_short_side(decode_reduction: dict | None, views, height: int, width: int) -> int:
    """The least short side a decode must keep for a model input, 0 for the photo's full size (Java:
    `ModelViews.minDecodedShortSide`): only models reading the whole photo alone take a reduced decode."""
    if not decode_reduction or any(v != "whole" for v in views):
        return 0
    if decode_reduction.get("method") != DCT_SCALING or int(decode_reduction.get("min_short_side_ratio", 0)) < 1:
        raise ValueError(f"decode_reduction {decode_reduction}: expected method {DCT_SCALING!r} and a positive"
                         " integer min_short_side_ratio")
    return int(decode_reduction["min_short_side_ratio"]) * min(height, width)


def dct_denominator(photo_short_side: int, min_short_side: int) -> int:
    """1, 2, 4 or 8: the largest DCT scaling that keeps the photo's short side >= min_short_side (0: full size)."""
    if min_short_side > 0:
        for denominator in DCT_DENOMINATORS:
            if photo_short_side >= denominator * min_short_side:
                return denominator
    return 1


def _reduce_jpeg(img: Image.Image, min_short_side: int) -> None:
    """Has Pillow decode an RGB or greyscale JPEG reduced (libjpeg's DCT scaling), where the rule allows it."""
    if img.format != "JPEG" or img.mode not in ("RGB", "L"):
        return
    denominator = dct_denominator(min(img.size), min_short_side)
    if denominator > 1:
        width, height = img.size
        img.draft(img.mode, (width // denominator, height // denominator))
        if img.size != (-(-width // denominator), -(-height // denominator)):
            raise AssertionError(f"draft chose another scale than 1/{denominator} for {width}x{height}")


def load_rgb(path: str | Path, min_short_side: int = 0) -> Image.Image:
    """Decode to upright 8-bit RGB; transparent pixels are shown over white, as a viewer would. A JPEG is decoded
    reduced as far as `min_short_side` allows (`min_decoded_short_side`), before EXIF orientation as in Java."""
    with Image.open(path) as img:
        _reduce_jpeg(img, min_short_side)
        img = ImageOps.exif_transpose(img)
        if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
            rgba = img.convert("RGBA")
            white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            return Image.alpha_composite(white, rgba).convert("RGB")
        return img.convert("RGB")


def to_tensor(img: Image.Image) -> torch.Tensor:
    """[3, H, W] float32 in [0, 1]."""
    return torch.from_numpy(np.asarray(img, dtype=np.uint8).copy()).permute(2, 0, 1).float().div_(255.0)


def resize_for_model(x: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """Resize [3,H,W] or [B,3,H,W] float images exactly as the Java side does."""
    batched = x.dim() == 4
    y = F.interpolate(x if batched else x[None], size=(height, width), mode="bilinear",
                      align_corners=False, antialias=True)
    return y if batched else y[0]


def at_least(x: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """[3,H,W] enlarged (aspect kept, sides rounded half up) until it covers height x width; unchanged if it does."""
    h, w = x.shape[-2:]
    if h >= height and w >= width:
        return x
    scale = max(height / h, width / w)
    return resize_for_model(x, max(height, math.floor(h * scale + 0.5)), max(width, math.floor(w * scale + 0.5)))


def native_crop(x: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """The centre height x width window of [3,H,W] at its own pixels (`at_least` first)."""
    x = at_least(x, height, width)
    top, left = (x.shape[-2] - height) // 2, (x.shape[-1] - width) // 2
    return x[..., top:top + height, left:left + width]


def view_of(x: torch.Tensor, view: str, height: int, width: int) -> torch.Tensor:
    if view == "whole":
        return resize_for_model(x, height, width)
    if view == "native_crop":
        return native_crop(x, height, width)
    raise ValueError(f"unknown input view {view!r}; expected one of {VIEWS}")


def model_views(x: torch.Tensor, views, height: int, width: int) -> torch.Tensor:
    """[3,H,W] in [0,1] -> [3*len(views), height, width]: each view, stacked along channels."""
    return torch.cat([view_of(x, v, height, width) for v in views])


def model_input(path: str | Path, height: int, width: int, views=("whole",),
                decode_reduction: dict | None = None) -> torch.Tensor:
    min_short_side = min_decoded_short_side(decode_reduction, views, height, width)
    return model_views(to_tensor(load_rgb(path, min_short_side)), views, height, width)
