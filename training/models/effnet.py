"""EfficientNet-B7 feature extractor, the paper's student backbone (DP-IQA §4.1), for user-supplied weights.

torchvision's architecture, so a torchvision `efficientnet_b7` state dict (ImageNet weights) loads as is.
No such weights are available offline here: without a file the backbone is randomly initialised and only
its shapes are tested.
"""
from __future__ import annotations

from pathlib import Path

import torch
from torch import nn
from torchvision.models import efficientnet_b7


class EfficientNetB7Features(nn.Module):
    out_channels = 2560

    def __init__(self, weights_path: str | Path | None = None):
        super().__init__()
        net = efficientnet_b7(weights=None)
        if weights_path is not None:
            state = torch.load(weights_path, map_location="cpu")
            missing, unexpected = net.load_state_dict(state, strict=False)
            # The classifier is dropped below, so only its absence is tolerated.
            missing = [k for k in missing if not k.startswith("classifier.")]
            if missing or [k for k in unexpected if not k.startswith("classifier.")]:
                raise ValueError(f"{weights_path}: not a torchvision efficientnet_b7 state dict "
                                 f"(missing {missing[:5]}, unexpected {unexpected[:5]})")
        self.features = net.features

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.features(x)
