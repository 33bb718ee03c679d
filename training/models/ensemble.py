"""Several models scored as one: the per-image mean of their scores, and of the quality maps of those that read
the whole image.

A shipped student may be such a mean (an ensemble of recipes whose errors differ); it scripts to one TorchScript
file with the single model's contract, so serving and the Java parity test see no difference. Members may read
different views of the photo (`data.preprocess`): the ensemble's input stacks every view its members read, and
each member gets its own three channels.
"""
from __future__ import annotations

from typing import List, Tuple

import torch
from torch import nn

from .registry import input_views


class MeanOfModels(nn.Module):
    def __init__(self, members: list[nn.Module]):
        super().__init__()
        if not members:
            raise ValueError("an ensemble needs at least one member")
        configs = [getattr(m, "dpiqa_config", {}) for m in members]
        sizes = {c.get("input_size") for c in configs}
        if len(sizes) > 1:
            raise ValueError(f"members take different input sizes {sorted(map(str, sizes))}: one input must fit all")
        member_views = [input_views(c) if c else ["whole"] for c in configs]
        if any(len(v) != 1 for v in member_views):
            raise ValueError(f"each member must read one view, they read {member_views}")
        member_views = [v[0] for v in member_views]
        views = [v for v in ("whole", "native_crop") if v in member_views]
        self.members = nn.ModuleList(members)
        self.channel_offsets: List[int] = [3 * views.index(v) for v in member_views]
        # A native crop's map covers the photo's centre only: the photo's map is the mean of whole-image maps.
        self.map_weights: List[float] = [float(v == "whole" or "whole" not in views) for v in member_views]
        self.map_total = sum(self.map_weights)
        if hasattr(members[0], "dpiqa_config"):  # the registry config, as a single model carries it
            self.dpiqa_config = {**members[0].dpiqa_config, "ensemble_of": len(members), "input_views": views}

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        scores: List[torch.Tensor] = []
        qmap = torch.zeros(0)
        for i, member in enumerate(self.members):
            offset = self.channel_offsets[i]
            score, member_map = member(x[:, offset:offset + 3])
            scores.append(score)
            qmap = member_map * self.map_weights[i] if i == 0 else qmap + member_map * self.map_weights[i]
        return torch.stack(scores).mean(0), qmap / self.map_total
