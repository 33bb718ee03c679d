"""Several models scored as one: the per-image (weighted) mean of their scores, and of the quality maps of those
that read the whole image.

A shipped student may be such a mean (an ensemble of recipes whose errors differ), and so may a teacher (the compact
teacher beside CNN members); it scripts to one TorchScript file with the single model's contract, so serving and the
Java parity test see no difference. Members may read different views of the photo (`data.preprocess`): the
ensemble's input stacks every view its members read, and each member gets its own three channels. Members may take
different input sizes: the ensemble takes the largest, and resizes it in the graph for a smaller whole-image member
(`resize_for_member`).
"""
from __future__ import annotations

from typing import List, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from .registry import input_views


def resize_for_member(x: torch.Tensor, size: int) -> torch.Tensor:
    """The ensemble's input, already resized by serving, resized again to a smaller member's size. Bicubic, not
    serving's bilinear: a second antialiased bilinear pass blurs, and student 0.4.0 then scored photos 3.8 MOS lower
    (CLIVE and 2 MP photos, 512 then 384 px); bicubic's sharper kernel stays within 0.6 MOS of a direct resize."""
    return F.interpolate(x, size=(size, size), mode="bicubic", align_corners=False, antialias=True).clamp(0.0, 1.0)


class MeanOfModels(nn.Module):
    def __init__(self, members: list[nn.Module], weights: list[float] | None = None, input_size: int | None = None):
        """`input_size`: the ensemble's input when larger than every member's (default: the largest member's), e.g.
        the input of the version it is composed with."""
        super().__init__()
        if not members:
            raise ValueError("an ensemble needs at least one member")
        weights = [1.0] * len(members) if weights is None else [float(w) for w in weights]
        if len(weights) != len(members) or min(weights) <= 0:
            raise ValueError(f"need one positive weight per member, got {weights} for {len(members)} members")
        configs = [getattr(m, "dpiqa_config", {}) for m in members]
        sizes = [c.get("input_size") for c in configs]
        if None in sizes and len(set(sizes)) > 1:
            raise ValueError(f"members take input sizes {sizes}: without every size, one input must fit all")
        size = max(sizes) if None not in sizes else None
        if input_size is not None:
            if size is None or input_size < size:
                raise ValueError(f"input size {input_size}: every member needs a known size at most that, got {sizes}")
            size = input_size
        member_views = [input_views(c) if c else ["whole"] for c in configs]
        if any(len(v) != 1 for v in member_views):
            raise ValueError(f"each member must read one view, they read {member_views}")
        member_views = [v[0] for v in member_views]
        if any(v == "native_crop" and s != size for v, s in zip(member_views, sizes)):
            raise ValueError(f"a native-crop member must take the ensemble's input size {size}: a resized crop of "
                             "native pixels no longer shows native pixels")
        views = [v for v in ("whole", "native_crop") if v in member_views]
        self.members = nn.ModuleList(members)
        self.channel_offsets: List[int] = [3 * views.index(v) for v in member_views]
        self.member_sizes: List[int] = [0 if s == size else int(s) for s in sizes]  # 0: reads the input as given
        total = sum(weights)
        self.weights: List[float] = [w / total for w in weights]
        # A native crop's map covers the photo's centre only: the photo's map is the mean of whole-image maps.
        self.map_weights: List[float] = [w * float(v == "whole" or "whole" not in views)
                                         for w, v in zip(self.weights, member_views)]
        self.map_total = sum(self.map_weights)
        if hasattr(members[0], "dpiqa_config"):  # the registry config, as a single model carries it
            self.dpiqa_config = {**members[0].dpiqa_config, "ensemble_of": len(members), "input_views": views,
                                 "input_size": size}
            if len(set(sizes)) > 1 or len(set(weights)) > 1 or sizes[0] != size:  # a mixed one names its members
                self.dpiqa_config["members"] = [
                    {"name": c.get("name"), "input_size": s, "weight": w}
                    for c, s, w in zip(configs, sizes, self.weights)]

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        score = torch.zeros(0)
        qmap = torch.zeros(0)
        for i, member in enumerate(self.members):
            offset, size = self.channel_offsets[i], self.member_sizes[i]
            view = x[:, offset:offset + 3]
            if size > 0:
                view = resize_for_member(view, size)
            member_score, member_map = member(view)
            weighted = member_score * self.weights[i]
            score = weighted if i == 0 else score + weighted
            qmap = member_map * self.map_weights[i] if i == 0 else qmap + member_map * self.map_weights[i]
        return score, qmap / self.map_total
