"""Building blocks of Stable Diffusion's U-Net and VAE, re-implemented from the latent-diffusion papers
(Rombach et al., CVPR 2022; Ho et al., NeurIPS 2020) with the parameter names of the diffusers library, so a
diffusers checkpoint's state dict loads into them unchanged (`norm1`, `conv1`, `time_emb_proj`, `to_q`,
`ff.net.0.proj`, `proj_in`, ...). Only the parts the DP-IQA teacher runs are here.

Every module is TorchScript-compatible: the teacher is exported like the student.
"""
from __future__ import annotations

import math
from typing import Optional

import torch
import torch.nn.functional as F
from torch import nn


def timestep_features(timesteps: torch.Tensor, channels: int) -> torch.Tensor:
    """Sinusoidal timestep features in SD's layout (cosines first, frequencies 10000^(-i/half))."""
    half = channels // 2
    exponent = -math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=timesteps.device) / half
    angles = timesteps.float()[:, None] * torch.exp(exponent)[None, :]
    return torch.cat([torch.cos(angles), torch.sin(angles)], dim=-1)


class TimestepEmbedding(nn.Module):
    def __init__(self, in_channels: int, embed_channels: int):
        super().__init__()
        self.linear_1 = nn.Linear(in_channels, embed_channels)
        self.act = nn.SiLU()
        self.linear_2 = nn.Linear(embed_channels, embed_channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear_2(self.act(self.linear_1(x)))


class ResnetBlock2D(nn.Module):
    """GroupNorm-SiLU-conv twice, the timestep embedding added in between (absent in the VAE)."""

    def __init__(self, in_channels: int, out_channels: int, temb_channels: Optional[int], groups: int, eps: float):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, in_channels, eps=eps)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, padding=1)
        self.time_emb_proj = nn.Linear(temb_channels, out_channels) if temb_channels is not None else None
        self.norm2 = nn.GroupNorm(groups, out_channels, eps=eps)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1)
        self.conv_shortcut = nn.Conv2d(in_channels, out_channels, 1) if in_channels != out_channels else None

    def forward(self, x: torch.Tensor, temb: Optional[torch.Tensor] = None) -> torch.Tensor:
        h = self.conv1(F.silu(self.norm1(x)))
        proj = self.time_emb_proj
        if proj is not None and temb is not None:
            h = h + proj(F.silu(temb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        shortcut = self.conv_shortcut
        return (shortcut(x) if shortcut is not None else x) + h


class Attention(nn.Module):
    """Multi-head (cross-)attention over token sequences [B, N, C]; `context=None` attends to itself."""

    def __init__(self, query_dim: int, heads: int, head_dim: int, context_dim: Optional[int] = None,
                 bias: bool = False):
        super().__init__()
        inner = heads * head_dim
        self.heads, self.scale = heads, head_dim ** -0.5
        self.to_q = nn.Linear(query_dim, inner, bias=bias)
        self.to_k = nn.Linear(context_dim or query_dim, inner, bias=bias)
        self.to_v = nn.Linear(context_dim or query_dim, inner, bias=bias)
        self.to_out = nn.ModuleList([nn.Linear(inner, query_dim), nn.Dropout(0.0)])

    def _split_heads(self, x: torch.Tensor) -> torch.Tensor:
        b, n, c = x.shape
        return x.reshape(b, n, self.heads, c // self.heads).transpose(1, 2).reshape(b * self.heads, n, c // self.heads)

    def forward(self, x: torch.Tensor, context: Optional[torch.Tensor] = None) -> torch.Tensor:
        source = x if context is None else context
        q, k, v = self._split_heads(self.to_q(x)), self._split_heads(self.to_k(source)), self._split_heads(self.to_v(source))
        weights = torch.softmax(torch.bmm(q * self.scale, k.transpose(1, 2)), dim=-1)
        out = torch.bmm(weights, v)
        bh, n, d = out.shape
        out = out.reshape(bh // self.heads, self.heads, n, d).transpose(1, 2).reshape(bh // self.heads, n, self.heads * d)
        for layer in self.to_out:
            out = layer(out)
        return out


class GEGLU(nn.Module):
    def __init__(self, dim: int, inner: int):
        super().__init__()
        self.proj = nn.Linear(dim, inner * 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        value, gate = self.proj(x).chunk(2, dim=-1)
        return value * F.gelu(gate)


class FeedForward(nn.Module):
    def __init__(self, dim: int, mult: int = 4):
        super().__init__()
        self.net = nn.ModuleList([GEGLU(dim, dim * mult), nn.Dropout(0.0), nn.Linear(dim * mult, dim)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.net:
            x = layer(x)
        return x


class BasicTransformerBlock(nn.Module):
    """Self-attention, cross-attention to the text condition, GEGLU feed-forward; pre-norm residuals."""

    def __init__(self, dim: int, heads: int, head_dim: int, context_dim: int):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn1 = Attention(dim, heads, head_dim)
        self.norm2 = nn.LayerNorm(dim)
        self.attn2 = Attention(dim, heads, head_dim, context_dim)
        self.norm3 = nn.LayerNorm(dim)
        self.ff = FeedForward(dim)

    def forward(self, x: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        x = x + self.attn1(self.norm1(x))
        x = x + self.attn2(self.norm2(x), context)
        return x + self.ff(self.norm3(x))


class Transformer2D(nn.Module):
    """A feature map as tokens through one transformer block (SD1.5: 1×1-conv projections), residual."""

    def __init__(self, channels: int, heads: int, context_dim: int, groups: int):
        super().__init__()
        self.norm = nn.GroupNorm(groups, channels, eps=1e-6)
        self.proj_in = nn.Conv2d(channels, channels, 1)
        self.transformer_blocks = nn.ModuleList([BasicTransformerBlock(channels, heads, channels // heads, context_dim)])
        self.proj_out = nn.Conv2d(channels, channels, 1)

    def forward(self, x: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        b, c, h, w = x.shape
        tokens = self.proj_in(self.norm(x)).flatten(2).transpose(1, 2)
        for block in self.transformer_blocks:
            tokens = block(tokens, context)
        return x + self.proj_out(tokens.transpose(1, 2).reshape(b, c, h, w))


class NoAttention(nn.Module):
    """Stands in for a Transformer2D in blocks without attention: no parameters, so no state-dict keys."""

    def forward(self, x: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        return x


class Downsample2D(nn.Module):
    """Stride-2 3×3 conv. The VAE pads right/bottom only (`asymmetric`), the U-Net symmetrically."""

    def __init__(self, channels: int, asymmetric: bool = False):
        super().__init__()
        self.asymmetric = asymmetric
        self.conv = nn.Conv2d(channels, channels, 3, stride=2, padding=0 if asymmetric else 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(F.pad(x, [0, 1, 0, 1]) if self.asymmetric else x)


class Upsample2D(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x: torch.Tensor, size: list[int]) -> torch.Tensor:
        return self.conv(F.interpolate(x, size=size, mode="nearest"))
