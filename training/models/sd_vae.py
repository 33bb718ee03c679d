"""Stable Diffusion's VAE encoder (Rombach et al., CVPR 2022) in diffusers' `AutoencoderKL` layout: the frozen
image -> latent step of the DP-IQA teacher (Fu et al., "DP-IQA", §3.3). Only `encoder.*` and `quant_conv.*`
exist here; a full AutoencoderKL state dict's decoder keys are ignored by the loader.
"""
from __future__ import annotations

from typing import Any

import torch
from torch import nn

from .diffusion_blocks import Downsample2D, ResnetBlock2D

SD15_VAE_CONFIG: dict[str, Any] = {
    "in_channels": 3,
    "latent_channels": 4,
    "block_out_channels": [128, 256, 512, 512],
    "layers_per_block": 2,
    "norm_num_groups": 32,
    "scaling_factor": 0.18215,
}
_EPS = 1e-6


class VAEAttention(nn.Module):
    """Single-head self-attention over the feature map with its own GroupNorm, residual (the VAE mid block)."""

    def __init__(self, channels: int, groups: int):
        super().__init__()
        self.group_norm = nn.GroupNorm(groups, channels, eps=_EPS)
        self.to_q = nn.Linear(channels, channels)
        self.to_k = nn.Linear(channels, channels)
        self.to_v = nn.Linear(channels, channels)
        self.to_out = nn.ModuleList([nn.Linear(channels, channels), nn.Dropout(0.0)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, c, h, w = x.shape
        tokens = self.group_norm(x).flatten(2).transpose(1, 2)
        q, k, v = self.to_q(tokens), self.to_k(tokens), self.to_v(tokens)
        out = torch.bmm(torch.softmax(torch.bmm(q, k.transpose(1, 2)) * c ** -0.5, dim=-1), v)
        for layer in self.to_out:
            out = layer(out)
        return x + out.transpose(1, 2).reshape(b, c, h, w)


class VAEDownBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, layers: int, groups: int, add_downsample: bool):
        super().__init__()
        self.resnets = nn.ModuleList([ResnetBlock2D(in_channels if i == 0 else out_channels, out_channels, None,
                                                    groups, _EPS) for i in range(layers)])
        self.downsamplers = nn.ModuleList([Downsample2D(out_channels, asymmetric=True)] if add_downsample else [])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for resnet in self.resnets:
            x = resnet(x)
        for downsampler in self.downsamplers:
            x = downsampler(x)
        return x


class VAEMidBlock(nn.Module):
    def __init__(self, channels: int, groups: int):
        super().__init__()
        self.resnets = nn.ModuleList([ResnetBlock2D(channels, channels, None, groups, _EPS) for _ in range(2)])
        self.attentions = nn.ModuleList([VAEAttention(channels, groups)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.resnets[0](x)
        for attention in self.attentions:
            x = attention(x)
        return self.resnets[1](x)


class Encoder(nn.Module):
    def __init__(self, config: dict[str, Any]):
        super().__init__()
        channels, groups = list(config["block_out_channels"]), config["norm_num_groups"]
        self.conv_in = nn.Conv2d(config["in_channels"], channels[0], 3, padding=1)
        self.down_blocks = nn.ModuleList([
            VAEDownBlock(channels[max(i - 1, 0)], c, config["layers_per_block"], groups, i < len(channels) - 1)
            for i, c in enumerate(channels)])
        self.mid_block = VAEMidBlock(channels[-1], groups)
        self.conv_norm_out = nn.GroupNorm(groups, channels[-1], eps=_EPS)
        self.conv_act = nn.SiLU()
        self.conv_out = nn.Conv2d(channels[-1], 2 * config["latent_channels"], 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv_in(x)
        for block in self.down_blocks:
            x = block(x)
        return self.conv_out(self.conv_act(self.conv_norm_out(self.mid_block(x))))


class SDVAEEncoder(nn.Module):
    """RGB in [0, 1] -> scaled latent mean (SD's ×0.18215), the deterministic encoding DP-IQA uses."""

    def __init__(self, config: dict[str, Any]):
        super().__init__()
        self.encoder = Encoder(config)
        self.quant_conv = nn.Conv2d(2 * config["latent_channels"], 2 * config["latent_channels"], 1)
        self.latent_channels = config["latent_channels"]
        self.scaling_factor = float(config["scaling_factor"])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        moments = self.quant_conv(self.encoder(x * 2.0 - 1.0))
        return moments[:, :self.latent_channels] * self.scaling_factor
