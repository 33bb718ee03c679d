"""Evaluation figures as PNG files (matplotlib, Agg backend so it runs headless)."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
import numpy as np  # noqa: E402

from training.evaluation import metrics  # noqa: E402


def scatter_plot(pred, mos, path: str | Path, title: str = "") -> dict:
    """Predicted score vs. MOS with the fitted VQEG logistic curve; PLCC/SRCC in the title. Returns the metrics."""
    pred, mos = np.asarray(pred, dtype=np.float64), np.asarray(mos, dtype=np.float64)
    result = metrics.evaluate_predictions(pred, mos)
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.scatter(pred, mos, s=8, alpha=0.6)
    params = metrics.fit_logistic(pred, mos)
    if params is not None:
        xs = np.linspace(pred.min(), pred.max(), 200)
        ax.plot(xs, metrics.logistic4(xs, *params), color="C1", label="logistic fit")
        ax.legend(loc="lower right")
    ax.set_xlabel("predicted score")
    ax.set_ylabel("MOS")
    header = f"{title}\n" if title else ""
    ax.set_title(f"{header}PLCC {result['plcc']:.3f}  SRCC {result['srcc']:.3f}  "
                 f"(n={result['n']})")
    _save(fig, path)
    return result


def robustness_plot(report: dict, path: str | Path, title: str = "") -> None:
    """Mean score vs. degradation level, one line per kind, from `robustness.robustness_report`."""
    fig, ax = plt.subplots(figsize=(6, 4))
    for kind, scores in report["mean_scores"].items():
        ax.plot(report["levels"], scores, marker="o", label=f"{kind} ({report['per_kind'][kind]:+.2f})")
    ax.set_xlabel("degradation level")
    ax.set_ylabel("mean score")
    ax.set_title(f"{title + ': ' if title else ''}robustness {report['overall']:+.3f} (+1 = ideal)")
    ax.legend(fontsize=8)
    _save(fig, path)


def robustness_grid_plot(reports: dict[str, dict], path: str | Path, title: str) -> None:
    """Mean score vs. degradation level, one panel per kind and one line per model, from
    `robustness.robustness_reports` (all on the same kinds and levels)."""
    kinds = list(next(iter(reports.values()))["per_kind"])
    cols = 4
    rows = (len(kinds) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3.2 * rows), squeeze=False)
    for ax, kind in zip(axes.flat, kinds):
        for name, r in reports.items():
            ax.plot(r["levels"], r["mean_scores"][kind], marker="o", label=f"{name} ({r['per_kind'][kind]:+.2f})")
        ax.set_title(kind)
        ax.set_xlabel("step")
        ax.set_ylabel("mean score (MOS scale)")
        ax.legend(fontsize=6)
    for ax in list(axes.flat)[len(kinds):]:
        ax.axis("off")
    fig.suptitle(title)
    _save(fig, path)


def _save(fig, path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
