"""The DP-IQA student (Fu et al., "DP-IQA", §3.4): a pre-trained CNN whose last feature map is up-sampled to
the teacher's 8×64×64 quality map, then regressed to one score by an MLP.

The exported module honours the model contract (model-cache/README.md): input RGB in [0, 1], normalisation
inside, output `(score [B] in [0, 1], qmap [B, 8, 64, 64])`. The qmap is what distillation matches against
the teacher's QFD output.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


def score_mlp(in_features: int, hidden: list[int], dropout: float) -> nn.Sequential:
    """Flattened quality map -> one logit: Linear-ReLU-Dropout per hidden layer, then a Linear to 1."""
    layers: list[nn.Module] = [nn.Flatten()]
    for width in hidden:
        layers += [nn.Linear(in_features, width), nn.ReLU(inplace=True), nn.Dropout(dropout)]
        in_features = width
    return nn.Sequential(*layers, nn.Linear(in_features, 1))


class QualityMapHead(nn.Module):
    """Feature map -> quality map (B, map_channels, map_size, map_size) -> score in [0, 1].

    Channels are reduced before up-sampling so the expensive part runs at the backbone's resolution.
    The MLP reads the map average-pooled to `mlp_grid`² cells: the up-sampled map is smooth, and position-
    specific weights over all 8·64·64 values memorise a 900-image dataset instead of learning quality.
    """

    def __init__(self, in_channels: int, hidden_channels: int = 256, map_channels: int = 8, map_size: int = 64,
                 mlp_grid: int = 4, mlp_hidden: int = 128, dropout: float = 0.3):
        super().__init__()
        self.map_size, self.mlp_grid = map_size, mlp_grid
        self.reduce = nn.Sequential(nn.Conv2d(in_channels, hidden_channels, 1), nn.ReLU(inplace=True))
        self.to_map = nn.Conv2d(hidden_channels, map_channels, 3, padding=1)
        self.mlp = score_mlp(map_channels * mlp_grid * mlp_grid, [mlp_hidden], dropout)

    def forward(self, features: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = F.interpolate(self.reduce(features), size=(self.map_size, self.map_size), mode="bilinear",
                          align_corners=False)
        qmap = self.to_map(h)
        score = torch.sigmoid(self.mlp(F.adaptive_avg_pool2d(qmap, self.mlp_grid))).squeeze(1)
        return score, qmap


class InputNormalization(nn.Module):
    """[0, 1] RGB -> the value range the backbone was pre-trained on."""

    def __init__(self, mean: tuple[float, float, float], std: tuple[float, float, float]):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(std).view(1, 3, 1, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (x - self.mean) / self.std


class StudentIQA(nn.Module):
    def __init__(self, backbone: nn.Module, feature_channels: int, normalization: InputNormalization, **head_args):
        super().__init__()
        self.normalize = normalization
        self.backbone = backbone
        self.head = QualityMapHead(feature_channels, **head_args)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.head(self.backbone(self.normalize(x)))
