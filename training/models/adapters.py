"""DP-IQA's two adapters (Fu et al., "DP-IQA", §3.3).

Text adapter: the constant prompt embedding E becomes E + γ⊙MLP(E), γ per channel and near zero at first, so
training starts from the pre-trained conditioning and moves only as far as the task asks.

Image adapter: features computed from the image itself, one per U-Net down level and of that level's shape,
added to the down blocks' outputs; they carry the low-level detail the VAE's lossy latent drops. Two kinds:
- `UnshuffleImageAdapter`: T2I-Adapter style (Mou et al., AAAI 2024), pixel-unshuffle ×8 to the latent's
  resolution, then one residual conv block per level; trained from scratch (the paper's teacher).
- `MobileNetV2ImageAdapter`: the student's ImageNet MobileNetV2 tapped at strides 8/16/32 (+ a stride-2 conv
  per further level), for the compact teacher, where a 900-image dataset cannot teach an adapter from scratch.
Both end in zero-initialised 1×1 projections: at step 0 the U-Net sees exactly its pre-trained input.
"""
from __future__ import annotations

from typing import List

import torch
from torch import nn

from .mobilenetv2 import MobileNetV2, conv_relu6
from .student import InputNormalization


class TextAdapter(nn.Module):
    def __init__(self, dim: int, hidden: int, gamma_init: float = 1e-4):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim))
        self.gamma = nn.Parameter(torch.full((dim,), gamma_init))

    def forward(self, embeddings: torch.Tensor) -> torch.Tensor:
        return embeddings + self.gamma * self.mlp(embeddings)


class PromptCondition(nn.Module):
    """The U-Net's constant condition: prompt embeddings [N, D] through the text adapter, repeated per image.

    `learnable=False` keeps the embeddings fixed (CLIP's, from a file); `True` learns them (compact teacher)."""

    def __init__(self, embeddings: torch.Tensor, learnable: bool, adapter_hidden: int, gamma_init: float):
        super().__init__()
        if learnable:
            self.embeddings = nn.Parameter(embeddings.clone())
        else:
            self.register_buffer("embeddings", embeddings.clone())
        self.text_adapter = TextAdapter(embeddings.shape[1], adapter_hidden, gamma_init)

    def forward(self, batch_size: int) -> torch.Tensor:
        return self.text_adapter(self.embeddings)[None].expand(batch_size, -1, -1)


def _zero_projection(cin: int, cout: int) -> nn.Conv2d:
    conv = nn.Conv2d(cin, cout, 1)
    nn.init.zeros_(conv.weight)
    nn.init.zeros_(conv.bias)
    return conv


class AdapterBlock(nn.Module):
    """(stride-2 conv if `down`) -> 1×1 channel change -> residual 3×3-ReLU-1×1."""

    def __init__(self, cin: int, cout: int, down: bool):
        super().__init__()
        self.down = nn.Conv2d(cin, cin, 3, stride=2, padding=1) if down else nn.Identity()
        self.channels = nn.Conv2d(cin, cout, 1)
        self.residual = nn.Sequential(nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU(), nn.Conv2d(cout, cout, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.channels(self.down(x))
        return x + self.residual(x)


class UnshuffleImageAdapter(nn.Module):
    def __init__(self, level_channels: list[int], unshuffle: int = 8, width: int | None = None):
        super().__init__()
        width = width or level_channels[0]
        self.unshuffle = nn.PixelUnshuffle(unshuffle)
        self.conv_in = nn.Conv2d(3 * unshuffle * unshuffle, width, 3, padding=1)
        widths = [width] + list(level_channels)
        self.blocks = nn.ModuleList([AdapterBlock(widths[i], widths[i + 1], down=i > 0)
                                     for i in range(len(level_channels))])
        self.projections = nn.ModuleList([_zero_projection(c, c) for c in level_channels])

    def forward(self, image: torch.Tensor) -> List[torch.Tensor]:
        x = self.conv_in(self.unshuffle(image))
        out: List[torch.Tensor] = []
        for block, projection in zip(self.blocks, self.projections):
            x = block(x)
            out.append(projection(x))
        return out


class MobileNetV2ImageAdapter(nn.Module):
    """`stem` (features 0-6, stride 8, 32 ch) is the part the student's feature cache stores, so training can
    start from cached stem features with `from_stem`."""

    taps = ((0, 7, 32), (7, 14, 96), (14, 18, 320))  # feature layers [start, end) and their output channels

    def __init__(self, level_channels: list[int], backbone: MobileNetV2):
        super().__init__()
        if len(level_channels) < len(self.taps):
            raise ValueError(f"the MobileNetV2 adapter feeds at least {len(self.taps)} levels, got {level_channels}")
        layers = list(backbone.features)
        self.normalize = InputNormalization((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))  # TFLite weights expect [-1, 1]
        self.stem = nn.Sequential(*layers[:self.taps[0][1]])
        self.stages = nn.ModuleList([nn.Sequential(*layers[start:end]) for start, end, _ in self.taps[1:]])
        deepest = self.taps[-1][2]
        self.extra_downs = nn.ModuleList([conv_relu6(deepest, deepest, 3, 2)
                                          for _ in range(len(level_channels) - len(self.taps))])
        tap_channels = [c for _, _, c in self.taps] + [deepest] * len(self.extra_downs)
        self.projections = nn.ModuleList([_zero_projection(cin, cout) for cin, cout in zip(tap_channels, level_channels)])

    def from_stem(self, x: torch.Tensor) -> List[torch.Tensor]:
        maps: List[torch.Tensor] = [x]
        for stage in self.stages:
            x = stage(x)
            maps.append(x)
        for down in self.extra_downs:
            x = down(x)
            maps.append(x)
        out: List[torch.Tensor] = []
        for i, projection in enumerate(self.projections):
            out.append(projection(maps[i]))
        return out

    def forward(self, image: torch.Tensor) -> List[torch.Tensor]:
        return self.from_stem(self.stem(self.normalize(image)))
