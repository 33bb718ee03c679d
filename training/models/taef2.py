"""Encoder of TAEF2 (madebyollin/taesd, MIT), a tiny autoencoder distilled to the latent space of FLUX.2's VAE:
the compact teacher's frozen stand-in for Stable Diffusion's VAE encoder.

Rebuilt from the layout of its state dict (`shared/pretrained/taef2_encoder.pth`, module indices 0-14): a 3→64
conv, a residual block, three stride-2 stages of three residual blocks each, the last stage's blocks with a
GroupNorm side branch (`pool`), and a conv to 32 latent channels at 1/8 resolution. Input RGB in [0, 1].
"""
from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

LATENT_CHANNELS = 32
_WIDTH = 64


def _conv3x3(cin: int, cout: int, stride: int = 1, bias: bool = True) -> nn.Conv2d:
    return nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=bias)


class TAEBlock(nn.Module):
    """Three 3×3 convs with ReLUs, identity skip, ReLU after the sum; optionally a GroupNorm branch
    (1×1 expand ×4, GroupNorm(4), ReLU, 1×1 back) added to the input first."""

    def __init__(self, channels: int, group_norm_branch: bool):
        super().__init__()
        self.conv = nn.Sequential(_conv3x3(channels, channels), nn.ReLU(), _conv3x3(channels, channels), nn.ReLU(),
                                  _conv3x3(channels, channels))
        self.pool = nn.Sequential(nn.Conv2d(channels, 4 * channels, 1, bias=False), nn.GroupNorm(4, 4 * channels),
                                  nn.ReLU(), nn.Conv2d(4 * channels, channels, 1, bias=False)) \
            if group_norm_branch else None
        self.fuse = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pool = self.pool
        if pool is not None:
            x = x + pool(x)
        return self.fuse(self.conv(x) + x)


def taef2_encoder() -> nn.Sequential:
    layers: list[nn.Module] = [_conv3x3(3, _WIDTH), TAEBlock(_WIDTH, False)]
    for stage in range(3):
        layers.append(_conv3x3(_WIDTH, _WIDTH, stride=2, bias=False))
        layers += [TAEBlock(_WIDTH, group_norm_branch=stage == 2) for _ in range(3)]
    layers.append(_conv3x3(_WIDTH, LATENT_CHANNELS))
    return nn.Sequential(*layers)


class TAEF2Encoder(nn.Module):
    """Frozen TAEF2 encoder: RGB in [0, 1] -> latent [B, 32, H/8, W/8] multiplied by `scaling_factor`."""

    def __init__(self, weights: str | Path | None, scaling_factor: float):
        super().__init__()
        self.layers = taef2_encoder()
        if weights is not None:
            state = torch.load(weights, map_location="cpu")
            self.layers.load_state_dict({k: v.float() for k, v in state.items()}, strict=True)
        self.layers.requires_grad_(False)
        self.scaling_factor = scaling_factor

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x) * self.scaling_factor
