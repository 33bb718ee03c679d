"""Agreement between predicted quality and MOS: PLCC, SRCC, KRCC, RMSE.

PLCC and RMSE are reported after the 4-parameter logistic mapping recommended by VQEG ("Final report from the
Video Quality Experts Group on the validation of objective models of video quality assessment, Phase II",
2003), which removes a monotone nonlinearity between the model's scale and the MOS scale before measuring
linear agreement. `plcc_raw` is the correlation without that mapping.
"""
from __future__ import annotations

import warnings
from typing import Mapping, Sequence

import numpy as np
from scipy import optimize, stats


def logistic4(x, b1, b2, b3, b4):
    """VQEG 4-parameter logistic: rises from b2 to b1, centred at b3, width |b4|."""
    return (b1 - b2) / (1.0 + np.exp(-(x - b3) / np.abs(b4))) + b2


def fit_logistic(pred, mos) -> np.ndarray | None:
    """Least-squares fit of `logistic4` from `pred` to `mos`; the parameters, or None if no fit converged."""
    pred, mos = _as_pair(pred, mos)
    if np.ptp(pred) == 0:
        return None
    # Several starts because curve_fit is local: a slope matching the sign of the correlation, and widths from
    # near-linear (large |b4|) to sharp, so one of them starts inside the right basin.
    increasing = stats.pearsonr(pred, mos)[0] >= 0
    hi, lo = (mos.max(), mos.min()) if increasing else (mos.min(), mos.max())
    best, best_sse = None, np.inf
    for width in (0.25, 1.0, 4.0):
        p0 = (hi, lo, np.median(pred), width * pred.std())
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # overflow in exp() while exploring is harmless
                params, _ = optimize.curve_fit(logistic4, pred, mos, p0=p0, maxfev=20000)
        except (RuntimeError, optimize.OptimizeWarning, ValueError):
            continue
        sse = float(np.sum((logistic4(pred, *params) - mos) ** 2))
        if np.isfinite(sse) and sse < best_sse:
            best, best_sse = params, sse
    return best


def map_logistic(pred, mos) -> np.ndarray:
    """`pred` mapped onto the MOS scale by the fitted logistic; `pred` unchanged (with a warning) if the fit fails."""
    pred, mos = _as_pair(pred, mos)
    params = fit_logistic(pred, mos)
    if params is None:
        warnings.warn("logistic fit failed; PLCC/RMSE use the raw predictions", RuntimeWarning, stacklevel=2)
        return pred
    return logistic4(pred, *params)


def plcc_raw(pred, mos) -> float:
    pred, mos = _as_pair(pred, mos)
    return float(stats.pearsonr(pred, mos)[0])


def plcc(pred, mos) -> float:
    """PLCC after the logistic mapping."""
    return plcc_raw(map_logistic(pred, mos), mos)


def srcc(pred, mos) -> float:
    pred, mos = _as_pair(pred, mos)
    return float(stats.spearmanr(pred, mos)[0])


def krcc(pred, mos) -> float:
    """Kendall's tau-b (ties counted as in scipy's default)."""
    pred, mos = _as_pair(pred, mos)
    return float(stats.kendalltau(pred, mos)[0])


def rmse(pred, mos) -> float:
    """RMSE after the logistic mapping, in MOS units."""
    pred, mos = _as_pair(pred, mos)
    return float(np.sqrt(np.mean((map_logistic(pred, mos) - mos) ** 2)))


def evaluate_predictions(pred, mos) -> dict:
    """All metrics at once (one logistic fit shared by PLCC and RMSE)."""
    pred, mos = _as_pair(pred, mos)
    mapped = map_logistic(pred, mos)
    return {
        "plcc": plcc_raw(mapped, mos),
        "plcc_raw": plcc_raw(pred, mos),
        "srcc": srcc(pred, mos),
        "krcc": krcc(pred, mos),
        "rmse": float(np.sqrt(np.mean((mapped - mos) ** 2))),
        "n": int(pred.size),
    }


# The figures a report gives per split and as the median over the splits (`evaluate_predictions` adds `n`).
REPORTED = ("plcc", "plcc_raw", "srcc", "krcc", "rmse")


def test_figures(pred, names, mos_of: Mapping[str, float]) -> dict:
    """A run summary's held-out part: the metrics of `pred` (one per name) and the predictions by name."""
    return {"test": evaluate_predictions(pred, [mos_of[n] for n in names]),
            "test_predictions": dict(zip(names, map(float, pred)))}


def mean_predictions(predictions: Sequence[Mapping[str, float]],
                     weights: Sequence[float] | None = None) -> dict[str, float]:
    """{name: MOS}: the per-photo mean of several models' predictions ({name: MOS} each, same photos), i.e. an
    ensemble's predictions; `weights` (normalised here) make it a weighted mean."""
    names = sorted(predictions[0])
    return dict(zip(names, map(float, np.average([[p[n] for n in names] for p in predictions], axis=0,
                                                 weights=weights))))


def mean_test_figures(predictions: Sequence[Mapping[str, float]], mos_of: Mapping[str, float],
                      weights: Sequence[float] | None = None) -> dict:
    """`test_figures` of `mean_predictions(predictions, weights)`: an ensemble scored as one model."""
    mean = mean_predictions(predictions, weights)
    return test_figures(list(mean.values()), list(mean), mos_of)


def median_over_seeds(results: Sequence[Mapping[str, float]]) -> dict:
    """Per-key median of per-seed metric dicts (the DP-IQA protocol reports the median of 5 splits)."""
    if not results:
        raise ValueError("no results to summarise")
    keys = set(results[0]).intersection(*results[1:])
    return {k: float(np.median([r[k] for r in results])) for k in sorted(keys)}


def _as_pair(pred, mos) -> tuple[np.ndarray, np.ndarray]:
    pred = np.asarray(pred, dtype=np.float64).ravel()
    mos = np.asarray(mos, dtype=np.float64).ravel()
    if pred.shape != mos.shape or pred.size < 3:
        raise ValueError(f"need two equal-length vectors of >= 3 values, got {pred.shape} and {mos.shape}")
    if not (np.all(np.isfinite(pred)) and np.all(np.isfinite(mos))):
        raise ValueError("predictions and MOS must be finite")
    return pred, mos
