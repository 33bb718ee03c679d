"""Stable Diffusion's denoising U-Net (Rombach et al., CVPR 2022) in diffusers' `UNet2DConditionModel` layout,
configured by the same keys as a diffusers `unet/config.json`, plus the two hooks DP-IQA needs (Fu et al.,
"DP-IQA", §3.3): image-adapter features added to each down block's output, and the outputs of the four up
blocks returned as the multi-level prior features the quality feature decoder reads.

`SD15_UNET_CONFIG` is SD1.5's U-Net (859.5 M parameters); the compact teacher uses the same code narrower.
"""
from __future__ import annotations

from typing import Any, List, Optional

import torch
from torch import nn

from .diffusion_blocks import (Downsample2D, NoAttention, ResnetBlock2D, TimestepEmbedding, Transformer2D,
                               Upsample2D, timestep_features)

SD15_UNET_CONFIG: dict[str, Any] = {
    "in_channels": 4,
    "out_channels": 4,
    "block_out_channels": [320, 640, 1280, 1280],
    "down_block_types": ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
    "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"],
    "layers_per_block": 2,
    "attention_head_dim": 8,  # diffusers' name; SD1.5 means 8 heads per attention
    "cross_attention_dim": 768,
    "norm_num_groups": 32,
}


def _attention(has_attention: bool, channels: int, config: dict[str, Any]) -> nn.Module:
    if not has_attention:
        return NoAttention()
    return Transformer2D(channels, config["attention_head_dim"], config["cross_attention_dim"], config["norm_num_groups"])


class DownBlock(nn.Module):
    """`CrossAttnDownBlock2D` or `DownBlock2D`: resnet(+attention) layers, then an optional stride-2 conv."""

    def __init__(self, in_channels: int, out_channels: int, temb_channels: int, has_attention: bool,
                 add_downsample: bool, config: dict[str, Any]):
        super().__init__()
        n, groups = config["layers_per_block"], config["norm_num_groups"]
        self.resnets = nn.ModuleList([ResnetBlock2D(in_channels if i == 0 else out_channels, out_channels,
                                                    temb_channels, groups, 1e-5) for i in range(n)])
        self.attentions = nn.ModuleList([_attention(has_attention, out_channels, config) for _ in range(n)])
        self.downsamplers = nn.ModuleList([Downsample2D(out_channels)] if add_downsample else [])

    def forward(self, x: torch.Tensor, temb: torch.Tensor, context: torch.Tensor,
                adapter_feature: Optional[torch.Tensor]) -> tuple[torch.Tensor, List[torch.Tensor]]:
        skips: List[torch.Tensor] = []
        last = len(self.resnets) - 1
        for i, (resnet, attention) in enumerate(zip(self.resnets, self.attentions)):
            x = attention(resnet(x, temb), context)
            if i == last and adapter_feature is not None:
                x = x + adapter_feature  # the image adapter joins where the block's features leave for the skip
            skips.append(x)
        for downsampler in self.downsamplers:
            x = downsampler(x)
            skips.append(x)
        return x, skips


class MidBlock(nn.Module):
    """`UNetMidBlock2DCrossAttn`: resnet, attention, resnet."""

    def __init__(self, channels: int, temb_channels: int, config: dict[str, Any]):
        super().__init__()
        groups = config["norm_num_groups"]
        self.resnets = nn.ModuleList([ResnetBlock2D(channels, channels, temb_channels, groups, 1e-5) for _ in range(2)])
        self.attentions = nn.ModuleList([_attention(True, channels, config)])

    def forward(self, x: torch.Tensor, temb: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        x = self.resnets[0](x, temb)
        for attention in self.attentions:
            x = attention(x, context)
        return self.resnets[1](x, temb)


class UpBlock(nn.Module):
    """`CrossAttnUpBlock2D` or `UpBlock2D`: each layer concatenates one skip, then an optional 2× upsample."""

    def __init__(self, prev_channels: int, out_channels: int, skip_channels: list[int], temb_channels: int,
                 has_attention: bool, add_upsample: bool, config: dict[str, Any]):
        super().__init__()
        groups = config["norm_num_groups"]
        self.resnets = nn.ModuleList([ResnetBlock2D((prev_channels if i == 0 else out_channels) + skip, out_channels,
                                                    temb_channels, groups, 1e-5) for i, skip in enumerate(skip_channels)])
        self.attentions = nn.ModuleList([_attention(has_attention, out_channels, config) for _ in skip_channels])
        self.upsamplers = nn.ModuleList([Upsample2D(out_channels)] if add_upsample else [])

    def forward(self, x: torch.Tensor, skips: List[torch.Tensor], temb: torch.Tensor,
                context: torch.Tensor) -> torch.Tensor:
        for resnet, attention in zip(self.resnets, self.attentions):
            x = attention(resnet(torch.cat([x, skips.pop()], dim=1), temb), context)
        for upsampler in self.upsamplers:
            x = upsampler(x, skips[-1].shape[-2:])  # the next block's skip fixes the size (odd sizes round down)
        return x


class UNet2DCondition(nn.Module):
    def __init__(self, config: dict[str, Any]):
        super().__init__()
        channels = list(config["block_out_channels"])
        temb_channels = channels[0] * 4
        levels = len(channels)
        self.base_channels = channels[0]
        self.conv_in = nn.Conv2d(config["in_channels"], channels[0], 3, padding=1)
        self.time_embedding = TimestepEmbedding(channels[0], temb_channels)

        self.down_blocks = nn.ModuleList()
        skip_channels = [channels[0]]
        for i, kind in enumerate(config["down_block_types"]):
            add_downsample = i < levels - 1
            self.down_blocks.append(DownBlock(channels[max(i - 1, 0)], channels[i], temb_channels,
                                              kind.startswith("CrossAttn"), add_downsample, config))
            skip_channels += [channels[i]] * (config["layers_per_block"] + int(add_downsample))

        self.mid_block = MidBlock(channels[-1], temb_channels, config)

        self.up_blocks = nn.ModuleList()
        prev = channels[-1]
        for i, kind in enumerate(config["up_block_types"]):
            out = channels[levels - 1 - i]
            taken = [skip_channels.pop() for _ in range(config["layers_per_block"] + 1)]
            self.up_blocks.append(UpBlock(prev, out, taken, temb_channels, kind.startswith("CrossAttn"),
                                          i < levels - 1, config))
            prev = out
        self.up_channels = [channels[levels - 1 - i] for i in range(levels)]

        self.conv_norm_out = nn.GroupNorm(config["norm_num_groups"], channels[0], eps=1e-5)
        self.conv_act = nn.SiLU()
        self.conv_out = nn.Conv2d(channels[0], config["out_channels"], 3, padding=1)

    def up_features(self, sample: torch.Tensor, timesteps: torch.Tensor, context: torch.Tensor,
                    adapter_features: Optional[List[torch.Tensor]] = None) -> List[torch.Tensor]:
        """The output of every up block (coarse to fine): DP-IQA's multi-level diffusion prior features."""
        temb = self.time_embedding(timestep_features(timesteps, self.base_channels))
        x = self.conv_in(sample)
        skips: List[torch.Tensor] = [x]
        for i, block in enumerate(self.down_blocks):
            x, block_skips = block(x, temb, context, None if adapter_features is None else adapter_features[i])
            skips.extend(block_skips)
        x = self.mid_block(x, temb, context)
        features: List[torch.Tensor] = []
        for block in self.up_blocks:
            x = block(x, skips, temb, context)
            features.append(x)
        return features

    def forward(self, sample: torch.Tensor, timesteps: torch.Tensor, context: torch.Tensor,
                adapter_features: Optional[List[torch.Tensor]] = None) -> torch.Tensor:
        """The noise prediction, as in diffusion training."""
        last = self.up_features(sample, timesteps, context, adapter_features)[-1]
        return self.conv_out(self.conv_act(self.conv_norm_out(last)))
