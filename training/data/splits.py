"""Seeded CLIVE train/validation/test splits by image name (the DP-IQA protocol: 8:2 train/test, 5 seeds,
median reported), with a validation part carved from the training part for checkpoint choice.

Splits depend only on the sorted image names and the seed (numpy PCG64), so every machine gets the same ones.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from PIL import Image

from .preprocess import load_rgb
from ..paths import SHARED

DEFAULT_SEEDS = (0, 1, 2, 3, 4)
CLIVE_ROOT = Path(os.environ.get("CLIVE_ROOT", SHARED / "datasets" / "clive"))


@dataclass(frozen=True)
class Split:
    """Disjoint name tuples; `train` + `val` is the 80 % training part, `test` the held-out 20 %."""

    seed: int
    train: tuple[str, ...]
    val: tuple[str, ...]
    test: tuple[str, ...]

    @property
    def train_all(self) -> tuple[str, ...]:
        """The whole training part, for models that need no validation set (e.g. BRISQUE's SVR)."""
        return self.train + self.val


def load_clive(root: str | Path = CLIVE_ROOT) -> list[tuple[str, float]]:
    """(image name, MOS) for every row of `<root>/mos.csv`; names are relative to `<root>/images`."""
    with open(Path(root) / "mos.csv", newline="") as f:
        return [(row["image"], float(row["mos"])) for row in csv.DictReader(f)]


def open_image(root: str | Path, name: str) -> Image.Image:
    """The CLIVE image `name` as 8-bit RGB, EXIF orientation applied (as the exported model's manifest says)."""
    return load_rgb(Path(root) / "images" / name)


def make_split(names: Iterable[str], seed: int, test_fraction: float = 0.2, val_fraction: float = 0.1) -> Split:
    """Split `names` into train/val/test; `val_fraction` is a fraction of the training part.

    The test part depends only on (names, seed, test_fraction), so changing `val_fraction` never moves an
    image into or out of the test part.
    """
    if not (0 < test_fraction < 1 and 0 <= val_fraction < 1):
        raise ValueError("fractions must lie in (0, 1) for test and [0, 1) for validation")
    ordered = sorted(set(names))
    perm = np.random.Generator(np.random.PCG64(seed)).permutation(len(ordered))
    shuffled = [ordered[i] for i in perm]
    n_test = round(test_fraction * len(ordered))
    n_val = round(val_fraction * (len(ordered) - n_test))
    test, rest = shuffled[:n_test], shuffled[n_test:]
    return Split(seed=seed, train=tuple(sorted(rest[n_val:])), val=tuple(sorted(rest[:n_val])),
                 test=tuple(sorted(test)))


def parse_split_seed(text: str) -> int | None:
    """A `--split-seed` value: a seed, or 'all' (None), meaning every image trains and none is held out."""
    return None if text == "all" else int(text)


def split_or_all(names: Iterable[str], seed: int | None, val_fraction: float = 0.1) -> Split:
    """`make_split`, or for `seed=None` every image in the training part, none held out (the shipped models)."""
    if seed is None:
        return Split(seed=-1, train=tuple(sorted(set(names))), val=(), test=())
    return make_split(names, seed, val_fraction=val_fraction)


def clive_splits(root: str | Path = CLIVE_ROOT, seeds: Sequence[int] = DEFAULT_SEEDS, **fractions) -> list[Split]:
    """One `make_split` of all CLIVE images per seed."""
    names = [name for name, _ in load_clive(root)]
    return [make_split(names, seed, **fractions) for seed in seeds]
