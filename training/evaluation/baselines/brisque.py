"""BRISQUE baseline: A. Mittal, A. K. Moorthy, A. C. Bovik, "No-Reference Image Quality Assessment in the
Spatial Domain", IEEE TIP 21(12), 2012.

36 natural-scene-statistics features (shape/variance of the MSCN coefficients, and shape/mean/left and right
variance of their products with the 4 neighbours H, V, D1, D2, at full and half scale) regressed onto MOS by
an RBF SVR. OpenCV-contrib's implementation is used when present; otherwise our numpy one, written from the
paper. The two differ slightly (OpenCV fits an AGGD to the MSCN map and halves without antialiasing), so a
feature cache is keyed by backend.

    python3 -m training.evaluation.baselines.brisque --seeds 0 1 2 3 4
"""
from __future__ import annotations

import argparse
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from PIL import Image
from scipy import ndimage, special
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import MinMaxScaler
from sklearn.svm import SVR

from training.data import splits
from training.evaluation import metrics
from training.paths import CACHE_DIR

try:
    import cv2
except ImportError:
    cv2 = None

BACKENDS = ("opencv", "numpy")
DEFAULT_BACKEND = "opencv" if cv2 is not None and hasattr(cv2, "quality") else "numpy"

# libsvm-style grid (powers of two). C reaches 2^12 because the target is MOS on a 0-100 scale and CLIVE CV
# often picks small gamma with large C (a near-linear fit); larger C barely helps and slows libsvm a lot.
SVR_GRID = {"svr__C": [2.0**k for k in range(0, 13, 2)], "svr__gamma": [2.0**k for k in range(-10, 1, 2)]}

# Shape parameter grid for moment matching, as fine as the reference implementation's (0.2:0.001:10).
_SHAPES = np.arange(0.2, 10.0, 0.001)
_GGD_RATIO = special.gamma(1 / _SHAPES) * special.gamma(3 / _SHAPES) / special.gamma(2 / _SHAPES) ** 2
_NEIGHBOUR_SHIFTS = ((0, 1), (1, 0), (1, 1), (1, -1))  # H, V, D1, D2


def brisque_features(img: Image.Image | np.ndarray, backend: str = DEFAULT_BACKEND) -> np.ndarray:
    """36 BRISQUE features (float64) of an image (PIL, or a uint8 array; colour is reduced to luma)."""
    gray = _luma_uint8(img)
    if backend == "opencv":
        return np.asarray(cv2.quality.QualityBRISQUE_computeFeatures(gray), dtype=np.float64).ravel()
    if backend == "numpy":
        return _numpy_features(gray.astype(np.float64))
    raise ValueError(f"unknown BRISQUE backend {backend!r}; expected one of {BACKENDS}")


def _numpy_features(gray: np.ndarray) -> np.ndarray:
    features = []
    for scale in range(2):
        if scale:
            # Antialiased bicubic halving, as MATLAB's imresize(I, 0.5) in the paper.
            h, w = gray.shape
            gray = np.asarray(Image.fromarray(gray.astype(np.float32), mode="F").resize(
                (w // 2, h // 2), Image.BICUBIC), dtype=np.float64)
        mscn = mscn_coefficients(gray)
        shape, _ = _fit_ggd(mscn)
        features += [shape, float(np.mean(mscn**2))]
        for dy, dx in _NEIGHBOUR_SHIFTS:
            features += _fit_aggd(_neighbour_products(mscn, dy, dx))
    return np.asarray(features)


def mscn_coefficients(gray: np.ndarray, c: float = 1.0) -> np.ndarray:
    """Mean-subtracted contrast-normalised coefficients (paper eq. 1-3): 7x7 Gaussian window, sigma 7/6,
    `c` = 1 for intensities in [0, 255]."""
    sigma = 7 / 6
    blur = lambda x: ndimage.gaussian_filter(x, sigma, mode="mirror", truncate=3 / sigma)  # 7x7 support
    mu = blur(gray)
    local_std = np.sqrt(np.abs(blur(gray * gray) - mu * mu))
    return (gray - mu) / (local_std + c)


def _neighbour_products(mscn: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """Products of each coefficient with its neighbour at (dy, dx), over the overlap only (no wrap-around)."""
    h, w = mscn.shape
    x0, x1 = max(0, -dx), w - max(0, dx)
    return mscn[: h - dy, x0:x1] * mscn[dy:, x0 + dx: x1 + dx]


def _fit_ggd(x: np.ndarray) -> tuple[float, float]:
    """Generalised Gaussian (shape, variance) by moment matching (Sharifi & Leon-Garcia 1995)."""
    variance = float(np.mean(x**2))
    rho = variance / max(float(np.mean(np.abs(x))) ** 2, 1e-12)
    return float(_SHAPES[np.argmin(np.abs(_GGD_RATIO - rho))]), variance


def _fit_aggd(x: np.ndarray) -> list[float]:
    """Asymmetric GGD (shape, mean, left variance, right variance) by moment matching (Lasmar et al. 2009)."""
    left, right = x[x < 0], x[x >= 0]
    sigma_l = np.sqrt(np.mean(left**2)) if left.size else 0.0
    sigma_r = np.sqrt(np.mean(right**2)) if right.size else 0.0
    gamma_hat = sigma_l / max(sigma_r, 1e-12)
    r_hat = np.mean(np.abs(x)) ** 2 / max(np.mean(x**2), 1e-12)
    big_r = r_hat * (gamma_hat**3 + 1) * (gamma_hat + 1) / (gamma_hat**2 + 1) ** 2
    shape = float(_SHAPES[np.argmin(np.abs(1 / _GGD_RATIO - big_r))])
    g1, g2, g3 = special.gamma(1 / shape), special.gamma(2 / shape), special.gamma(3 / shape)
    mean = (sigma_r - sigma_l) * np.sqrt(g1 / g3) * g2 / g1
    return [shape, float(mean), float(sigma_l**2), float(sigma_r**2)]


def _luma_uint8(img: Image.Image | np.ndarray) -> np.ndarray:
    if isinstance(img, Image.Image):
        return np.asarray(img.convert("L"))
    arr = np.asarray(img)
    if arr.dtype != np.uint8:
        raise ValueError("array input must be uint8")
    return arr if arr.ndim == 2 else np.asarray(Image.fromarray(arr).convert("L"))


def cached_features(root: str | Path, names: Sequence[str], cache_dir: str | Path = CACHE_DIR,
                    backend: str = DEFAULT_BACKEND) -> np.ndarray:
    """Features of CLIVE images `names` (rows in that order), computed once and kept in
    `<cache_dir>/brisque_<backend>.npz`."""
    path = Path(cache_dir) / f"brisque_{backend}.npz"
    known: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as data:
            known = dict(zip(data["names"].tolist(), data["features"]))
    missing = [n for n in dict.fromkeys(names) if n not in known]
    for name in missing:
        known[name] = brisque_features(splits.open_image(root, name), backend)
    if missing:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, names=np.array(list(known)), features=np.stack(list(known.values())))
        tmp.replace(path)  # atomic, so an interrupted run never leaves a truncated cache
    return np.stack([known[n] for n in names])


@dataclass
class BrisqueModel:
    """Fitted scaler+SVR; `score_images` is a score_fn (higher = better, MOS scale) for robustness reports."""

    pipeline: Pipeline
    backend: str
    params: dict

    def predict(self, features: np.ndarray) -> np.ndarray:
        return self.pipeline.predict(np.asarray(features, dtype=np.float64))

    def score_images(self, images: Sequence[Image.Image]) -> np.ndarray:
        return self.predict(np.stack([brisque_features(img, self.backend) for img in images]))


def fit_svr(features: np.ndarray, mos: np.ndarray, backend: str = DEFAULT_BACKEND, seed: int = 0,
            folds: int = 5) -> BrisqueModel:
    """Features scaled to [-1, 1] (libsvm practice), RBF SVR with C and gamma chosen by `folds`-fold CV
    (RMSE) on the given training data only; the scaler is refitted inside each fold."""
    pipeline = make_pipeline(MinMaxScaler(feature_range=(-1, 1)), SVR(kernel="rbf"))
    search = GridSearchCV(pipeline, SVR_GRID, scoring="neg_root_mean_squared_error",
                          cv=KFold(folds, shuffle=True, random_state=seed))
    search.fit(np.asarray(features, dtype=np.float64), np.asarray(mos, dtype=np.float64))
    params = {k.removeprefix("svr__"): v for k, v in search.best_params_.items()}
    return BrisqueModel(search.best_estimator_, backend, params)


def train_on_names(root: str | Path, names: Sequence[str], seed: int = 0, cache_dir: str | Path = CACHE_DIR,
                   backend: str = DEFAULT_BACKEND) -> BrisqueModel:
    """A BRISQUE model trained on the CLIVE images `names` (e.g. a split's `train_all`); the same arguments give
    the same fitted model, fitted once (an evaluation needs each split's model for its table and its robustness)."""
    return _train_once(str(root), tuple(names), seed, str(cache_dir), backend)


@functools.lru_cache(maxsize=16)
def _train_once(root: str, names: tuple[str, ...], seed: int, cache_dir: str, backend: str) -> BrisqueModel:
    mos_of = dict(splits.load_clive(root))
    return fit_svr(cached_features(root, names, cache_dir, backend), [mos_of[n] for n in names], backend, seed)


def evaluate_seeds(root: str | Path, seeds: Sequence[int], cache_dir: str | Path = CACHE_DIR,
                   backend: str = DEFAULT_BACKEND) -> dict:
    """Train on each split's training part, test on its test part; per-seed metrics and their median."""
    mos_of = dict(splits.load_clive(root))
    cached_features(root, list(mos_of), cache_dir, backend)  # fill the cache in one pass
    per_seed = []
    for split in splits.clive_splits(root, seeds):
        model = train_on_names(root, split.train_all, split.seed, cache_dir, backend)
        pred = model.predict(cached_features(root, split.test, cache_dir, backend))
        result = metrics.evaluate_predictions(pred, [mos_of[n] for n in split.test])
        per_seed.append({"seed": split.seed, **result, **model.params})
    summary = metrics.median_over_seeds([{k: r[k] for k in metrics.REPORTED} for r in per_seed])
    return {"backend": backend, "per_seed": per_seed, "median": summary}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(splits.CLIVE_ROOT))
    parser.add_argument("--seeds", type=int, nargs="+", default=list(splits.DEFAULT_SEEDS))
    parser.add_argument("--cache-dir", default=str(CACHE_DIR))
    parser.add_argument("--backend", choices=BACKENDS, default=DEFAULT_BACKEND)
    args = parser.parse_args(argv)
    print(json.dumps(evaluate_seeds(args.root, args.seeds, args.cache_dir, args.backend), indent=2))


if __name__ == "__main__":
    main()
