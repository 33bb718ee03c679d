"""Write the reduced-decode parity goldens checked by the Java ReducedDecodeParityTest.

Each case is a JPEG and the upright RGB pixels `training/data/preprocess.load_rgb` decodes from it for a model input
(`min_decoded_short_side`): reduced by Pillow's draft() (libjpeg's DCT scaling) at 1/8, 1/4 and 1/2, in 4:2:0,
4:4:4, progressive, greyscale and EXIF-rotated files, and one too small to reduce (full decode).

Run from the repo root: /usr/bin/python3 -m training.scripts.make_decode_golden
"""
import json
from pathlib import Path

import numpy as np
from PIL import Image

from training.data.preprocess import DCT_SCALING, dct_denominator, load_rgb, min_decoded_short_side

OUT = Path("src/test/resources/golden/decode")
WIDTH, HEIGHT = 341, 257
# (name, model input side, save options, mode, EXIF orientation)
CASES = [
    ("eighth_420", 16, {"subsampling": 2}, "RGB", 1),
    ("quarter_420", 24, {"subsampling": 2}, "RGB", 1),
    ("half_444_progressive", 40, {"subsampling": 0, "progressive": True}, "RGB", 1),
    ("quarter_grey", 24, {}, "L", 1),
    ("half_rotated", 40, {"subsampling": 2}, "RGB", 6),
    ("full_too_small", 80, {"subsampling": 2}, "RGB", 1),
]
RATIO = 2


def photo(rng: np.random.Generator) -> np.ndarray:
    """Smooth gradients, edges and noise: every IDCT coefficient and the chroma upsampling have work to do."""
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH]
    base = np.stack([xx * 255 / (WIDTH - 1), yy * 255 / (HEIGHT - 1), 128 + 100 * np.sin(xx / 7.0) * (yy > 120)], -1)
    return np.clip(base + rng.normal(0, 12, base.shape), 0, 255).astype(np.uint8)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20261203)
    reduction = {"method": DCT_SCALING, "min_short_side_ratio": RATIO}
    index = []
    for name, side, options, mode, orientation in CASES:
        img = Image.fromarray(photo(rng)).convert(mode)
        exif = Image.Exif()
        if orientation != 1:
            exif[0x0112] = orientation
        img.save(OUT / f"{name}.jpg", quality=90, exif=exif.tobytes(), **options)
        min_short_side = min_decoded_short_side(reduction, ["whole"], side, side)
        load_rgb(OUT / f"{name}.jpg", min_short_side).save(OUT / f"{name}.png")
        index.append({"image": f"{name}.jpg", "expected": f"{name}.png", "input_side": side,
                      "denominator": dct_denominator(min(WIDTH, HEIGHT), min_short_side)})
    (OUT / "decode.json").write_text(json.dumps({"decode_reduction": reduction, "tolerance": 0, "cases": index},
                                                indent=2) + "\n")
    (OUT / "README.md").write_text(
        "Reduced-decode parity goldens, written by `training/scripts/make_decode_golden.py` with the training\n"
        "preprocessing (`training/data/preprocess.load_rgb`: Pillow, libjpeg-turbo's DCT scaling). Each case: a\n"
        "JPEG, the model input side it is decoded for under `decode_reduction`, and the expected upright RGB\n"
        "pixels as PNG. `decode.json` indexes them with the largest channel difference allowed.\n")


if __name__ == "__main__":
    main()
