"""Training losses: in-batch ranking and synthetic-distortion ranking, and the student's distillation loss."""
from __future__ import annotations

import torch
import torch.nn.functional as F


def pairwise_ranking_loss(scores: torch.Tensor, targets: torch.Tensor, margin: float = 0.0,
                          min_gap: float = 0.02) -> torch.Tensor:
    """Hinge on every ordered pair of the batch whose targets differ by more than `min_gap`:
    the better-rated image must score higher by at least `margin`. SRCC is what users judge us by,
    and MSE alone barely orders images of similar MOS."""
    diff_t = targets[:, None] - targets[None, :]
    diff_s = scores[:, None] - scores[None, :]
    mask = diff_t > min_gap
    if not mask.any():
        return scores.sum() * 0.0
    return F.relu(margin - diff_s[mask]).mean()


def degradation_ranking_loss(reference: torch.Tensor, degraded: torch.Tensor, gaps: torch.Tensor,
                             margin_per_level: float = 0.02) -> torch.Tensor:
    """A degraded copy must score below its reference (its source, or a lighter-degraded twin of the same source)
    by a margin growing with the gap in degradation level between the two.

    Authentic-distortion MOS alone teaches little about heavy compression or noise; these pairs need no
    human label, only the fact that degrading a photo (further) cannot improve it."""
    return F.relu(degraded - reference + margin_per_level * gaps).mean()


def distillation_loss(student_score: torch.Tensor, student_map: torch.Tensor, teacher_score: torch.Tensor,
                      teacher_map: torch.Tensor, label: torch.Tensor | None = None, score_weight: float = 1.0,
                      map_weight: float = 1.0) -> torch.Tensor:
    """DP-IQA's student loss (§3.4): MSE of the score against the human label where there is one (NaN or no
    `label`: the teacher's score instead) plus MSE of the quality map against the teacher's map.

    The map term is divided by the variance of the teacher's map: two networks' maps have arbitrary scales, and a
    scale-free term lets one `map_weight` mean the same for any teacher. The teacher's outputs are targets,
    never trained through."""
    teacher_score, teacher_map = teacher_score.detach(), teacher_map.detach()
    target = teacher_score if label is None else torch.where(torch.isnan(label), teacher_score, label)
    map_term = F.mse_loss(student_map, teacher_map) / teacher_map.var().clamp_min(1e-8)
    return score_weight * F.mse_loss(student_score, target) + map_weight * map_term
