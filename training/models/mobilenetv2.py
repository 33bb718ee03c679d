"""MobileNetV2 (Sandler et al., CVPR 2018) with TensorFlow 'SAME' padding, initialised from TF exports.

The weights we have offline are TF exports with batch-norm folded into the conv biases, so each layer here is
a plain conv with bias + ReLU6: the ImageNet 1.0 model as an int8 post-training-quantised TFLite file, and the
width-1.4 backbone of nsfwjs (TF-Hub's ImageNet MobileNetV2-1.4 fine-tuned on NSFW classes) as a uint8-quantised
TF.js graph model. TF pads stride-2 convolutions asymmetrically (the extra pixel goes bottom/right), which
torch's symmetric padding cannot express, hence `SamePad`.
"""
from __future__ import annotations

import math
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from .tfjs import read_graph_model
from .tflite import read_tflite

# (expansion t, output channels c, repeats n, first stride s) for width multiplier 1.0.
_INVERTED_RESIDUAL_SETTING = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                              (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]


class SamePad(nn.Module):
    """TF 'SAME' padding for a k×k conv with stride s, computed from the actual input size."""

    def __init__(self, kernel: int, stride: int):
        super().__init__()
        self.kernel, self.stride = kernel, stride

    def _pads(self, size: int) -> tuple[int, int]:
        out = (size + self.stride - 1) // self.stride
        total = max((out - 1) * self.stride + self.kernel - size, 0)
        return total // 2, total - total // 2

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        top, bottom = self._pads(x.shape[-2])
        left, right = self._pads(x.shape[-1])
        return F.pad(x, [left, right, top, bottom])


def conv_relu6(cin: int, cout: int, kernel: int = 1, stride: int = 1, groups: int = 1, act: bool = True) -> nn.Sequential:
    layers: list[nn.Module] = []
    if kernel > 1:
        layers.append(SamePad(kernel, stride))
    layers.append(nn.Conv2d(cin, cout, kernel, stride, 0, groups=groups, bias=True))
    if act:
        layers.append(nn.ReLU6(inplace=True))
    return nn.Sequential(*layers)


class InvertedResidual(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int, expansion: int):
        super().__init__()
        hidden = cin * expansion
        layers = [conv_relu6(cin, hidden)] if expansion != 1 else []
        layers += [conv_relu6(hidden, hidden, 3, stride, groups=hidden), conv_relu6(hidden, cout, act=False)]
        self.block = nn.Sequential(*layers)
        self.use_residual = stride == 1 and cin == cout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.block(x)
        return x + y if self.use_residual else y


def make_divisible(channels: float, divisor: int = 8) -> int:
    """A width-scaled channel count as TF's MobileNet rounds it: to the nearest multiple of `divisor`, never more
    than 10 % below the scaled value."""
    rounded = max(divisor, int(channels + divisor / 2) // divisor * divisor)
    return rounded + divisor if rounded < 0.9 * channels else rounded


class MobileNetV2(nn.Module):
    """Feature extractor: input in [-1, 1], output the last map at stride 32 (`features`; 1280 channels at width
    1.0, the last layer never narrower than that).

    `classifier` (1×1 conv to 1001 ImageNet classes, index 0 = background) is kept so a conversion
    can be checked by classifying photos; the IQA student does not use it.
    """

    def __init__(self, num_classes: int = 1001, width: float = 1.0):
        super().__init__()
        cin = make_divisible(32 * width)
        layers: list[nn.Module] = [conv_relu6(3, cin, 3, 2)]
        for t, c, n, s in _INVERTED_RESIDUAL_SETTING:
            for i in range(n):
                layers.append(InvertedResidual(cin, make_divisible(c * width), s if i == 0 else 1, t))
                cin = make_divisible(c * width)
        self.out_channels = make_divisible(1280 * max(1.0, width))
        layers.append(conv_relu6(cin, self.out_channels))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Conv2d(self.out_channels, num_classes, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.features(x)

    def classify(self, x: torch.Tensor) -> torch.Tensor:
        """ImageNet logits [B, 1001] for inputs in [-1, 1]."""
        pooled = self.features(x).mean(dim=(2, 3), keepdim=True)
        return self.classifier(pooled).flatten(1)


def _copy_convs(model: nn.Module, sources: list[tuple[str, torch.Tensor, torch.Tensor]], origin: str) -> nn.Module:
    """Copy (name, OIHW weight, bias) layers into the module's convolutions, in graph order."""
    targets = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    if len(sources) != len(targets):
        raise ValueError(f"{origin}: {len(sources)} conv layers in the graph, {len(targets)} in MobileNetV2")
    with torch.no_grad():
        for (name, weight, bias), conv in zip(sources, targets):
            if weight.shape != conv.weight.shape or bias.shape != conv.bias.shape:
                raise ValueError(f"{origin}: {name} has shape {tuple(weight.shape)}, which does not fit "
                                 f"{tuple(conv.weight.shape)}")
            conv.weight.copy_(weight)
            conv.bias.copy_(bias)
    return model


def load_tflite_weights(model: MobileNetV2, path: str | Path) -> MobileNetV2:
    """Copy dequantised conv weights and biases from a MobileNetV2 TFLite file, layer by layer in graph order."""
    tfl = read_tflite(path)
    sources = []
    for op in (op for op in tfl.operators if op.op in ("CONV_2D", "DEPTHWISE_CONV_2D")):
        kernel, bias = tfl.tensors[op.inputs[1]], tfl.tensors[op.inputs[2]]
        w = torch.from_numpy(kernel.dequantize().copy())
        # TFLite stores conv kernels OHWI and depthwise kernels 1HWO; torch wants OIHW (depthwise: O1HW).
        w = w.permute(3, 0, 1, 2) if op.op == "DEPTHWISE_CONV_2D" else w.permute(0, 3, 1, 2)
        sources.append((kernel.name, w, torch.from_numpy(bias.dequantize().copy())))
    return _copy_convs(model, sources, str(path))


def load_tfjs_weights(model: MobileNetV2, folder: str | Path) -> MobileNetV2:
    """Copy the fused (batch-norm folded) convolutions of a MobileNetV2 TF.js graph model, in graph order. The
    graph's own input scaling (x·2 − 1 for TF-Hub models) is not copied: the model's input is already [-1, 1].
    The graph's classifier is a dense layer for other classes than ImageNet's, so `classifier` stays untouched."""
    sources = []
    for node, kernel, bias in read_graph_model(folder).convolutions():
        w = torch.from_numpy(kernel.copy())
        # TF keeps conv kernels HWIO and depthwise kernels HWC1; torch wants OIHW (depthwise: C1HW).
        if node["op"] == "FusedDepthwiseConv2dNative":
            w = w.permute(2, 3, 0, 1).reshape(-1, 1, kernel.shape[0], kernel.shape[1])
        else:
            w = w.permute(3, 2, 0, 1)
        sources.append((node["name"], w, torch.from_numpy(bias.copy())))
    _copy_convs(model.features, sources, str(folder))
    return model


def mobilenetv2_from_tflite(path: str | Path) -> MobileNetV2:
    return load_tflite_weights(MobileNetV2(), path)


def feature_stride() -> int:
    return int(math.prod(s for _, _, _, s in _INVERTED_RESIDUAL_SETTING) * 2)
