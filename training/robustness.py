"""Robustness of a quality model to synthetic degradation chains.

Each source image is degraded at levels 0..L by each kind in `training.distortions`; a model that tracks
quality gives scores that fall as the level rises. Per (image, kind) we take Spearman's rho between level and
score and report it SIGN-FLIPPED: +1 = score falls strictly with severity (ideal), 0 = no trend or a constant
score, -1 = score rises with severity. Chains should start from good photos the model was not trained on
(`top_mos_test_images`).

    python3 -m training.robustness --seed 0 --top 20      # BRISQUE, trained on that split's training part
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
from PIL import Image
from scipy import stats

from training import distortions, splits
from training.baselines import brisque

ScoreFn = Callable[[Sequence[Image.Image]], Sequence[float]]


def robustness_report(score_fn: ScoreFn, images: Sequence[Image.Image],
                      kinds: Sequence[str] = distortions.KINDS,
                      levels: Sequence[int] = tuple(range(distortions.MAX_LEVEL + 1)), seed: int = 0) -> dict:
    """Sign-flipped level/score Spearman rho (higher = better, +1 ideal) per kind and overall.

    Returns {"per_kind": {kind: mean rho over images}, "overall": mean of per_kind,
    "per_image": {kind: [rho]}, "mean_scores": {kind: [mean score per level]}, "levels": [...]}.
    `score_fn` is called once per (image, kind) with that chain's images in level order.
    """
    levels = list(levels)
    if len(levels) < 2:
        raise ValueError("a chain needs at least two levels")
    per_image: dict[str, list[float]] = {}
    mean_scores: dict[str, list[float]] = {}
    for k, kind in enumerate(kinds):
        rhos, chains = [], []
        for i, img in enumerate(images):
            rng = np.random.default_rng([seed, i, k])  # each chain reproducible on its own
            chain = [distortions.degrade(img, kind, level, rng) for level in levels]
            scores = np.asarray(score_fn(chain), dtype=np.float64).ravel()
            if scores.shape != (len(levels),):
                raise ValueError(f"score_fn returned {scores.shape[0]} scores for {len(levels)} images")
            rhos.append(_flipped_spearman(levels, scores))
            chains.append(scores)
        per_image[kind] = rhos
        mean_scores[kind] = np.mean(chains, axis=0).tolist()
    per_kind = {kind: float(np.mean(r)) for kind, r in per_image.items()}
    return {"per_kind": per_kind, "overall": float(np.mean(list(per_kind.values()))), "per_image": per_image,
            "mean_scores": mean_scores, "levels": levels}


def _flipped_spearman(levels: Sequence[int], scores: np.ndarray) -> float:
    if np.ptp(scores) == 0:
        return 0.0  # a constant score ranks nothing; spearmanr would give NaN
    return float(-stats.spearmanr(levels, scores)[0])


def top_mos_test_images(root: str | Path, split: splits.Split, count: int) -> list[str]:
    """The `count` highest-MOS names of `split.test`: good photos the model trained on `split` has not seen."""
    mos_of = dict(splits.load_clive(root))
    return sorted(split.test, key=lambda n: (-mos_of[n], n))[:count]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="BRISQUE robustness report on CLIVE degradation chains")
    parser.add_argument("--root", default=str(splits.CLIVE_ROOT))
    parser.add_argument("--seed", type=int, default=0, help="split seed; also seeds the noise")
    parser.add_argument("--top", type=int, default=20, help="number of top-MOS test images used as sources")
    args = parser.parse_args(argv)
    split = splits.clive_splits(args.root, [args.seed])[0]
    model = brisque.train_on_names(args.root, split.train_all, args.seed)
    images = [splits.open_image(args.root, n) for n in top_mos_test_images(args.root, split, args.top)]
    report = robustness_report(model.score_images, images, seed=args.seed)
    print(json.dumps({k: report[k] for k in ("per_kind", "overall", "mean_scores")}, indent=2))


if __name__ == "__main__":
    main()
