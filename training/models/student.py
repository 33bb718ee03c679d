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
    """Feature maps -> quality map (B, map_channels, map_size, map_size) -> score in [0, 1].

    Each tapped feature map is reduced to `hidden_channels` at its own resolution (so the expensive part runs
    small), up-sampled to the map size and summed: early taps carry the local statistics (noise, blur,
    compression) that the last, most semantic map has pooled away. The MLP reads the map average-pooled to
    `mlp_grid`² cells: the up-sampled map is smooth, and position-specific weights over all 8·64·64 values
    memorise a 900-image dataset instead of learning quality.
    """

    def __init__(self, in_channels: list[int], hidden_channels: int = 256, map_channels: int = 8, map_size: int = 64,
                 mlp_grid: int = 4, mlp_hidden: int = 128, dropout: float = 0.3):
        super().__init__()
        self.map_size, self.mlp_grid = map_size, mlp_grid
        self.reduce = nn.ModuleList([nn.Conv2d(c, hidden_channels, 1) for c in in_channels])
        self.to_map = nn.Conv2d(hidden_channels, map_channels, 3, padding=1)
        self.mlp = score_mlp(map_channels * mlp_grid * mlp_grid, [mlp_hidden], dropout)

    def forward(self, features: list[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        size = (self.map_size, self.map_size)
        h = torch.zeros(0)
        for i, reduce in enumerate(self.reduce):
            up = F.interpolate(reduce(features[i]), size=size, mode="bilinear", align_corners=False)
            h = up if i == 0 else h + up
        qmap = self.to_map(F.relu(h))
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
    """Normalisation, a backbone whose `features` is a Sequential of blocks, and the quality-map head reading the
    outputs of the blocks listed in `taps` (default: the last block only)."""

    def __init__(self, backbone: nn.Module, normalization: InputNormalization, taps: list[int] | None = None,
                 **head_args):
        super().__init__()
        self.normalize = normalization
        self.backbone = backbone
        blocks = len(backbone.features)
        self.taps = sorted(t % blocks for t in (taps or [-1]))
        with torch.no_grad():  # channels per tap, from a tiny probe, so no architecture table is kept by hand
            channels = [f.shape[1] for f in self.tapped(torch.zeros(1, 3, 64, 64))]
        self.head = QualityMapHead(channels, **head_args)

    def tapped(self, x: torch.Tensor) -> list[torch.Tensor]:
        out: list[torch.Tensor] = []
        for i, block in enumerate(self.backbone.features):
            x = block(x)
            if i in self.taps:
                out.append(x)
        return out

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.head(self.tapped(self.normalize(x)))
