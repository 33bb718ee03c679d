"""Distil the DP-IQA student from trained teachers (Fu et al., "DP-IQA", §3.4).

    python3 -m training.recipes.distill --split-seed 0 --teacher training/runs/teacher_seed0/best.pt \
        --out training/runs/distilled_seed0 --device cuda

The student trains with the plain member's recipe of the shipped student (`training.recipes.train_student.PLAIN_384`:
MOS on whole photos at 384 px) and, on every photo and on degraded twins of every kind, learns the teachers' score and
8×64×64 quality map as well. The twins have no human label: the teacher labels them, which is how distillation
carries more than the 750 MOS values.
Several `--teacher` checkpoints are averaged (an ensemble teaches better than any of its members).
"""
from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

import torch
from torch import nn

from ..data.distortions import TRAINING_KINDS
from ..models.ensemble import MeanOfModels
from ..models.registry import load_trained
from ..data.splits import parse_split_seed
from .train_student import PLAIN_384, train

# Twins of every kind, twice as many as a recipe with a margin loss uses: unlabelled images cost nothing once a
# teacher labels them, and the teacher's score replaces the fixed margin that cost the plain recipe accuracy.
DISTILLED = replace(PLAIN_384, distill_weight=1.0, distill_map_weight=0.02, degraded_per_batch=8,
                    degradation_kinds=TRAINING_KINDS)


class TeacherEnsemble(MeanOfModels):
    """Frozen teachers in eval mode; the mean of their `(score, qmap)` in float32."""

    def __init__(self, teachers: list[nn.Module]):
        if not teachers:
            raise ValueError("distillation needs at least one teacher")
        super().__init__(teachers)
        self.eval().requires_grad_(False)

    def train(self, mode: bool = True) -> "TeacherEnsemble":
        return super().train(False)  # targets come from inference behaviour (no dropout, frozen batch-norm)

    @torch.no_grad()
    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        score, qmap = super().forward(x)
        return score.float(), qmap.float()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teacher", type=Path, nargs="+", required=True, help="teacher best.pt file(s)")
    parser.add_argument("--teacher-model", default="dpiqa_teacher_compact")
    parser.add_argument("--split-seed", type=parse_split_seed, default=0,
                        help="seed of the 8:2 split, or 'all' to train on every image")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--map-weight", type=float, default=DISTILLED.distill_map_weight)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    teacher = TeacherEnsemble([load_trained(args.teacher_model, path) for path in args.teacher]).to(args.device)
    recipe = replace(DISTILLED, distill_map_weight=args.map_weight)
    summary = train(recipe, args.split_seed, args.out, seed=args.seed, device=args.device, teacher=teacher)
    print(json.dumps({"best_epoch": summary["best_epoch"], "test": summary.get("test")}))


if __name__ == "__main__":
    main()
