"""Several models of one input scored as one: the per-image mean of their `(score, qmap)`.

A shipped student may be such a mean (an ensemble of recipes whose errors differ); it scripts to one TorchScript
file with the single model's contract, so serving and the Java parity test see no difference.
"""
from __future__ import annotations

from typing import List, Tuple

import torch
from torch import nn


class MeanOfModels(nn.Module):
    def __init__(self, members: list[nn.Module]):
        super().__init__()
        if not members:
            raise ValueError("an ensemble needs at least one member")
        sizes = {getattr(m, "dpiqa_config", {}).get("input_size") for m in members}
        if len(sizes) > 1:
            raise ValueError(f"members take different input sizes {sorted(map(str, sizes))}: one input must fit all")
        self.members = nn.ModuleList(members)
        if hasattr(members[0], "dpiqa_config"):  # the registry config, as a single model carries it
            self.dpiqa_config = {**members[0].dpiqa_config, "ensemble_of": len(members)}

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        scores: List[torch.Tensor] = []
        maps: List[torch.Tensor] = []
        for member in self.members:
            score, qmap = member(x)
            scores.append(score)
            maps.append(qmap)
        return torch.stack(scores).mean(0), torch.stack(maps).mean(0)
