"""DP-IQA's quality feature decoder (Fu et al., "DP-IQA", §3.3, Fig. 3): the U-Net's up-block outputs, each
resized to 64², unified by a conv + squeeze-excitation, concatenated, reduced by convs to the 8×64×64 quality
map; an MLP regresses the map to the score. The map is what the student distils.
"""
from __future__ import annotations

from typing import List, Optional

import torch
import torch.nn.functional as F
from torch import nn

from .student import score_mlp


class SqueezeExcitation(nn.Module):
    """Channel re-weighting from global context (Hu et al., CVPR 2018)."""

    def __init__(self, channels: int, reduction: int = 4):
        super().__init__()
        self.gate = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(channels, channels // reduction, 1),
                                  nn.ReLU(inplace=True), nn.Conv2d(channels // reduction, channels, 1), nn.Sigmoid())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.gate(x)


def _conv(cin: int, cout: int, kernel: int) -> nn.Conv2d:
    return nn.Conv2d(cin, cout, kernel, padding=kernel // 2)


class QualityFeatureDecoder(nn.Module):
    """features (coarse to fine, any sizes) -> (score [B] in [0, 1], qmap [B, reduction[-1], map_size, map_size]).

    `mlp_grid=None` flattens the whole map into the MLP as the paper does; an int average-pools it to that grid
    first, as the student head does against memorising a small dataset.
    """

    def __init__(self, in_channels: list[int], tap_channels: int, reduction: list[int], kernel: int = 3,
                 map_size: int = 64, mlp_hidden: Optional[list[int]] = None, mlp_grid: Optional[int] = None,
                 dropout: float = 0.0):
        super().__init__()
        self.map_size, self.mlp_grid = map_size, mlp_grid
        self.taps = nn.ModuleList([nn.Sequential(_conv(c, tap_channels, kernel), nn.ReLU(inplace=True),
                                                 SqueezeExcitation(tap_channels)) for c in in_channels])
        widths = [tap_channels * len(in_channels)] + list(reduction)
        layers: list[nn.Module] = []
        for i in range(len(reduction)):
            layers.append(_conv(widths[i], widths[i + 1], kernel))
            if i < len(reduction) - 1:  # the map itself stays linear, as the student's
                layers.append(nn.ReLU(inplace=True))
        self.reduce = nn.Sequential(*layers)
        cells = (mlp_grid or map_size) ** 2
        self.mlp = score_mlp(reduction[-1] * cells, list(mlp_hidden or []), dropout)

    def forward(self, features: List[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        size = [self.map_size, self.map_size]
        maps: List[torch.Tensor] = []
        for i, tap in enumerate(self.taps):
            maps.append(tap(F.interpolate(features[i], size=size, mode="bilinear", align_corners=False)))
        qmap = self.reduce(torch.cat(maps, dim=1))
        grid = self.mlp_grid
        pooled = qmap if grid is None else F.adaptive_avg_pool2d(qmap, grid)
        return torch.sigmoid(self.mlp(pooled)).squeeze(1), qmap
