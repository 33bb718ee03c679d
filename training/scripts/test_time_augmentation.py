"""Does averaging a trained student over several views of each photo (test-time augmentation) lift its test figures?
Each split's `best.pt` scores its test part once per view set; the figures are medians over the splits. Inference
only: nothing is trained, and no view set is chosen for the shipped model here (this is a measurement).

    python3 -m training.scripts.test_time_augmentation --runs training/runs \
        --out reports/test_time_augmentation.json

View sets: the serving view (the whole photo resized to the input size); plus its mirror; the five 384² windows
(corners and centre) of the resized photo, the size the student trains on; those and their mirrors; and the
whole photo at 0.875×, 1× and 1.125× the input size.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F

from training.data import splits
from training.evaluation import metrics
from training.data.preprocess import model_input
from training.models.registry import load_trained
from training.recipes.train_student import Recipe

WINDOW = Recipe().crop  # the windows the student trains on


def windows(x: torch.Tensor, size: int = WINDOW) -> list[torch.Tensor]:
    h, w = x.shape[-2:]
    corners = [(0, 0), (0, w - size), (h - size, 0), (h - size, w - size), ((h - size) // 2, (w - size) // 2)]
    return [x[..., top:top + size, left:left + size] for top, left in corners]


def rescaled(x: torch.Tensor, factor: float) -> torch.Tensor:
    size = int(round(x.shape[-1] * factor / 32)) * 32
    return x if size == x.shape[-1] else F.interpolate(x, size=(size, size), mode="bilinear", antialias=True,
                                                       align_corners=False)


VIEWS: dict[str, Callable[[torch.Tensor], list[torch.Tensor]]] = {
    "whole": lambda x: [x],
    "whole+mirror": lambda x: [x, x.flip(-1)],
    "5 windows": windows,
    "5 windows+mirrors": lambda x: windows(x) + windows(x.flip(-1)),
    "3 scales": lambda x: [rescaled(x, f) for f in (0.875, 1.0, 1.125)],
}


@torch.no_grad()
def view_scores(model: torch.nn.Module, x: torch.Tensor) -> dict[str, np.ndarray]:
    """{view set: MOS-scale score per image of batch x}, each the mean over the set's views."""
    return {name: torch.stack([model(v)[0] for v in views(x)]).mean(0).numpy() * 100 for name, views in VIEWS.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=Path, default=Path("training/runs"), help="holds seed<N>/best.pt")
    parser.add_argument("--model", default="dpiqa_student_mobilenetv2")
    parser.add_argument("--seeds", type=int, nargs="+", default=list(splits.DEFAULT_SEEDS))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    mos = dict(splits.load_clive())
    report: dict = {"runs": str(args.runs), "views": list(VIEWS), "per_seed": {}}
    for seed in args.seeds:
        model = load_trained(args.model, args.runs / f"seed{seed}" / "best.pt").eval()
        size = model.dpiqa_config["input_size"]
        test = splits.make_split(list(mos), seed).test
        scores = {name: [] for name in VIEWS}
        for i in range(0, len(test), 16):
            x = torch.stack([model_input(splits.CLIVE_ROOT / "images" / n, size, size) for n in test[i:i + 16]])
            for name, s in view_scores(model, x).items():
                scores[name].append(s)
        report["per_seed"][seed] = {name: metrics.evaluate_predictions(np.concatenate(s), [mos[n] for n in test])
                                    for name, s in scores.items()}
        print(json.dumps({seed: {v: round(m["srcc"], 4) for v, m in report["per_seed"][seed].items()}}), flush=True)
    report["median"] = {name: metrics.median_over_seeds([r[name] for r in report["per_seed"].values()])
                        for name in VIEWS}
    print(json.dumps({v: {k: round(m[k], 4) for k in ("srcc", "plcc")} for v, m in report["median"].items()}, indent=2))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
