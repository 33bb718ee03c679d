"""The one image preprocessing used for training, evaluation, export goldens and (re-implemented) in Java.

decode -> 8-bit sRGB (EXIF orientation applied, alpha composited over white) -> float in [0, 1]
-> whole-image bilinear resize with antialiasing to the model's H x W (no crop, aspect not kept, as in the paper).
The Java `ModelInputResizer` implements the same resize and is checked against goldens made here.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageOps

RESIZE_METHOD = "bilinear_antialias"


def load_rgb(path: str | Path) -> Image.Image:
    """Decode to upright 8-bit RGB; transparent pixels are shown over white, as a viewer would."""
    with Image.open(path) as img:
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


def model_input(path: str | Path, height: int, width: int) -> torch.Tensor:
    return resize_for_model(to_tensor(load_rgb(path)), height, width)
