"""Write the resize parity goldens checked by the Java ModelInputResizerParityTest.

Run from the repo root: /usr/bin/python3 -m training.scripts.make_resize_golden
"""
import json
from pathlib import Path

import numpy as np
from PIL import Image

from training.data.preprocess import RESIZE_METHOD, resize_for_model, to_tensor

OUT = Path("src/test/resources/golden/resize")
# (source size, target size): downscale by non-integer factors, upscale, identity, and one odd aspect change.
CASES = [((97, 61), (32, 48)), ((64, 64), (64, 64)), ((40, 30), (96, 80)), ((333, 250), (224, 224))]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20261127)
    index = []
    for i, ((w, h), (tw, th)) in enumerate(CASES):
        # Smooth gradients plus noise, so both interpolation and filtering are exercised.
        yy, xx = np.mgrid[0:h, 0:w]
        base = np.stack([xx * 255 / max(w - 1, 1), yy * 255 / max(h - 1, 1), (xx + yy) % 256], -1)
        pixels = np.clip(base + rng.normal(0, 40, base.shape), 0, 255).astype(np.uint8)
        name = f"case_{i}"
        Image.fromarray(pixels).save(OUT / f"{name}.png")
        out = resize_for_model(to_tensor(Image.fromarray(pixels)), th, tw)
        out.numpy().astype("<f4").tofile(OUT / f"{name}.f32")
        index.append({"image": f"{name}.png", "expected": f"{name}.f32", "height": th, "width": tw})
    (OUT / "resize.json").write_text(json.dumps({"method": RESIZE_METHOD, "tolerance": 1e-5, "cases": index}, indent=2))
    (OUT / "README.md").write_text(
        "Resize parity goldens, written by `training/scripts/make_resize_golden.py` with the training preprocessing\n"
        "(`training/data/preprocess.py`). Each case: a PNG input, and the expected model input as raw little-endian\n"
        "float32 [3, height, width] (C order, RGB, values in [0, 1]). `resize.json` indexes them with the tolerance.\n")


if __name__ == "__main__":
    main()
