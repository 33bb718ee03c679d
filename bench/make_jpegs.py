"""Write the bench's photo-sized JPEGs: the first 8 CLIVE JPEGs upscaled to 2048x1536 (~3 MP), with seeded sensor-like
noise so they carry a real photo's entropy (an upscaled 500x500 image alone compresses far too well and decodes
faster than a camera JPEG), saved at quality 90. Deterministic.

    /usr/bin/python3 -m bench.make_jpegs OUT_DIR
"""
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from training.data.preprocess import load_rgb
from training.data.splits import CLIVE_ROOT

COUNT = 8  # the largest benchmarked batch
SIZE = (2048, 1536)
NOISE_SIGMA = 4.0  # in 8-bit levels: a phone sensor at base ISO


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    sources = sorted((CLIVE_ROOT / "images").glob("*.JPG"))[:COUNT]
    for i, source in enumerate(sources):
        pixels = np.asarray(load_rgb(source).resize(SIZE, Image.BICUBIC), dtype=np.float32)
        pixels += rng.normal(0.0, NOISE_SIGMA, pixels.shape)
        Image.fromarray(np.clip(pixels, 0, 255).round().astype(np.uint8)).save(out / f"photo_{i}.jpg", quality=90)


if __name__ == "__main__":
    main()
