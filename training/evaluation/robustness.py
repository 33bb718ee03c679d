"""Robustness of a quality model to synthetic degradation chains.

Each source image is degraded at levels 0..L by each kind of a generator; a model that tracks quality gives
scores that fall as the level rises. Per (image, kind) we take Spearman's rho between level and score and report
it SIGN-FLIPPED: +1 = score falls strictly with severity (ideal), 0 = no trend or a constant score, -1 = score
rises with severity.

Two protocols:
- `clive` (in-domain): the training generator (`training.data.distortions`) on good CLIVE photos of a split's test
  part (`top_mos_test_images`). It shows what the training twins taught.
- `ood` (out-of-domain): photos from outside CLIVE at their own resolution (`training.evaluation.ood.photos`),
  degraded at full resolution by an independent generator (`training.evaluation.ood.degradations`), scored through
  serving's resize. No recipe is tuned on it; it shows whether robustness holds where users live.

    python3 -m training.evaluation.robustness --seed 0 --top 20   # clive: BRISQUE, trained on that split's training part
    python3 -m training.evaluation.robustness --protocol ood      # ood: every model in model-cache/ and BRISQUE
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np
from PIL import Image
from scipy import stats
from tqdm import tqdm

from training.data import distortions, splits
from training.evaluation.baselines import brisque

ScoreFn = Callable[[Sequence[Image.Image]], Sequence[float]]
# (source image, kind, level, rng) -> degraded image; `distortions.degrade` has this shape.
DegradeFn = Callable[[Any, str, int, np.random.Generator], Any]


def robustness_report(score_fn: ScoreFn, images: Sequence[Image.Image],
                      kinds: Sequence[str] = distortions.KINDS,
                      levels: Sequence[int] = tuple(range(distortions.MAX_LEVEL + 1)), seed: int = 0) -> dict:
    """Sign-flipped level/score Spearman rho (higher = better, +1 ideal) per kind and overall, on the training
    generator's chains.

    Returns {"per_kind": {kind: mean rho over images}, "overall": mean of per_kind,
    "per_image": {kind: [rho]}, "mean_scores": {kind: [mean score per level]}, "levels": [...]}.
    `score_fn` is called once per (image, kind) with that chain's images in level order.
    """
    return robustness_reports({"model": score_fn}, images, kinds, levels, seed, distortions.degrade)["model"]


def robustness_reports(score_fns: Mapping[str, ScoreFn], images: Sequence[Any], kinds: Sequence[str],
                       levels: Sequence[int], seed: int, degrade: DegradeFn, progress: bool = False) -> dict[str, dict]:
    """`robustness_report` of each named score function, every chain made once by `degrade` and scored by all.

    Images go to the score functions as `degrade` makes them (a PIL image from `distortions.degrade`, whatever
    the caller's generator makes otherwise)."""
    levels = list(levels)
    if len(levels) < 2:
        raise ValueError("a chain needs at least two levels")
    rhos = {name: {kind: [] for kind in kinds} for name in score_fns}
    chains = {name: {kind: [] for kind in kinds} for name in score_fns}
    bar = tqdm(total=len(kinds) * len(images), desc="degradation chains", unit="chain", disable=not progress)
    for k, kind in enumerate(kinds):
        for i, img in enumerate(images):
            rng = np.random.default_rng([seed, i, k])  # each chain reproducible on its own
            chain = [degrade(img, kind, level, rng) for level in levels]
            for name, score_fn in score_fns.items():
                scores = np.asarray(score_fn(chain), dtype=np.float64).ravel()
                if scores.shape != (len(levels),):
                    raise ValueError(f"{name} returned {scores.shape[0]} scores for {len(levels)} images")
                rhos[name][kind].append(_flipped_spearman(levels, scores))
                chains[name][kind].append(scores)
            bar.update()
    bar.close()
    reports = {}
    for name in score_fns:
        per_kind = {kind: float(np.mean(r)) for kind, r in rhos[name].items()}
        reports[name] = {"per_kind": per_kind, "overall": float(np.mean(list(per_kind.values()))),
                         "per_image": rhos[name],
                         "mean_scores": {kind: np.mean(c, axis=0).tolist() for kind, c in chains[name].items()},
                         "levels": levels}
    return reports


def _flipped_spearman(levels: Sequence[int], scores: np.ndarray) -> float:
    if np.ptp(scores) == 0:
        return 0.0  # a constant score ranks nothing; spearmanr would give NaN
    return float(-stats.spearmanr(levels, scores)[0])


def top_mos_test_images(root: str | Path, split: splits.Split, count: int) -> list[str]:
    """The `count` highest-MOS names of `split.test`: good photos the model trained on `split` has not seen."""
    mos_of = dict(splits.load_clive(root))
    return sorted(split.test, key=lambda n: (-mos_of[n], n))[:count]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Robustness reports: BRISQUE on CLIVE degradation chains "
                                                 "(--protocol clive), or every served model and BRISQUE on "
                                                 "out-of-domain photos and degradations (--protocol ood)")
    parser.add_argument("--protocol", choices=("clive", "ood"), default="clive")
    parser.add_argument("--root", default=str(splits.CLIVE_ROOT))
    parser.add_argument("--seed", type=int, default=0, help="split seed (clive); seeds the noise (both)")
    parser.add_argument("--top", type=int, default=20, help="clive: number of top-MOS test images used as sources")
    parser.add_argument("--models", nargs="*", metavar="NAME/VERSION",
                        help="ood: models of model-cache/ to score, or paths of exported version folders "
                             "(default: every version in model-cache/)")
    parser.add_argument("--out", type=Path, help="ood: report JSON (a PNG of mean scores per step goes beside it)")
    parser.add_argument("--threads", type=int, default=2, help="ood: torch intra-op threads")
    parser.add_argument("--delivery", choices=("array", "jpeg"), default="array",
                        help="ood: models read the degraded pixels (array), or each step as a JPEG q95 upload "
                             "decoded as their manifest says, e.g. reduced (jpeg)")
    args = parser.parse_args(argv)
    if args.protocol == "ood":
        from training.evaluation.ood import protocol  # the out-of-domain generator stays out of every training import
        report = protocol.run(args.root, args.models, args.seed, args.out, args.threads, args.delivery)
        print(protocol.table(report))
        return
    split = splits.clive_splits(args.root, [args.seed])[0]
    model = brisque.train_on_names(args.root, split.train_all, args.seed)
    images = [splits.open_image(args.root, n) for n in top_mos_test_images(args.root, split, args.top)]
    report = robustness_report(model.score_images, images, seed=args.seed)
    print(json.dumps({k: report[k] for k in ("per_kind", "overall", "mean_scores")}, indent=2))


if __name__ == "__main__":
    main()
