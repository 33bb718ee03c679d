"""The registered configurations: students here; teachers join them in the teacher issue."""
from __future__ import annotations

from .effnet import EfficientNetB7Features
from .mobilenetv2 import MobileNetV2, load_tflite_weights
from ..paths import PRETRAINED_DIR
from .registry import register_model
from .student import InputNormalization, StudentIQA

_HEAD = {"hidden_channels": 256, "map_channels": 8, "map_size": 64, "mlp_grid": 4, "mlp_hidden": 128, "dropout": 0.3}


@register_model("dpiqa_student_mobilenetv2", {
    "role": "student",
    "input_size": 384,
    "backbone": "mobilenetv2_100",
    "backbone_weights": "tf2_mobilenet_v2_1.0_224_ptq.tflite",
    # The TFLite model was trained on inputs in [-1, 1].
    "normalization": {"mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]},
    "head": _HEAD,
})
def _mobilenetv2_student(config, pretrained):
    backbone = MobileNetV2()
    if pretrained:
        load_tflite_weights(backbone, PRETRAINED_DIR / config["backbone_weights"])
    del backbone.classifier  # ImageNet logits are not part of the student
    norm = InputNormalization(tuple(config["normalization"]["mean"]), tuple(config["normalization"]["std"]))
    return StudentIQA(backbone, MobileNetV2.out_channels, norm, **config["head"])


@register_model("dpiqa_student_effnet_b7", {
    "role": "student",
    "input_size": 512,
    "backbone": "efficientnet_b7",
    "backbone_weights": None,  # a torchvision efficientnet_b7 state dict supplied by the user
    "normalization": {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
    "head": _HEAD,
})
def _effnet_b7_student(config, pretrained):
    weights = config["backbone_weights"] if pretrained else None
    norm = InputNormalization(tuple(config["normalization"]["mean"]), tuple(config["normalization"]["std"]))
    return StudentIQA(EfficientNetB7Features(weights), EfficientNetB7Features.out_channels, norm, **config["head"])
