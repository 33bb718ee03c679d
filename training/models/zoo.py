"""The registered configurations: the students and the teachers (faithful SD1.5 and compact)."""
from __future__ import annotations

from .effnet import EfficientNetB7Features
from .mobilenetv2 import MobileNetV2, load_tfjs_weights, load_tflite_weights
from ..paths import FETCHED_DIR, PRETRAINED_DIR
from .prompts import TEMPLATE
from .registry import register_model
from .sd_vae import SD15_VAE_CONFIG
from .student import InputNormalization, StudentIQA
from .teacher import build_teacher
from .unet import SD15_UNET_CONFIG

def _student(backbone, config) -> StudentIQA:
    """A backbone under the config's input normalisation and quality-map head."""
    norm = InputNormalization(tuple(config["normalization"]["mean"]), tuple(config["normalization"]["std"]))
    return StudentIQA(backbone, norm, **config["head"])


_HEAD = {"hidden_channels": 256, "map_channels": 8, "map_size": 64, "mlp_grid": 4, "mlp_hidden": 128, "dropout": 0.3}


@register_model("dpiqa_student_mobilenetv2", {
    "role": "student",
    # CLIVE's native 500 px. Not settled: a plain fine-tune on whole photos at 384 px scored at least as well on
    # held-out photos and still noticed blur and noise (reports/student_recipes.md, 2026-11-28).
    "input_size": 512,
    "backbone": "mobilenetv2_100",
    "backbone_weights": "tf2_mobilenet_v2_1.0_224_ptq.tflite",
    # The TFLite model was trained on inputs in [-1, 1].
    "normalization": {"mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]},
    # Ends of the stride-8, stride-16 and stride-32 stages (32, 96 and 1280 channels).
    "head": {**_HEAD, "taps": [6, 13, 18]},
})
def _mobilenetv2_student(config, pretrained):
    backbone = MobileNetV2()
    if pretrained:
        load_tflite_weights(backbone, PRETRAINED_DIR / config["backbone_weights"])
    del backbone.classifier  # ImageNet logits are not part of the student
    return _student(backbone, config)


@register_model("dpiqa_student_mobilenetv2_140", {
    "role": "student",
    "input_size": 384,
    "backbone": "mobilenetv2_140",
    # nsfwjs 4.4.0's backbone (TF-Hub ImageNet MobileNetV2-1.4, fine-tuned on NSFW classes), fetched from npm by
    # training.scripts.fetch_nsfwjs: a second pre-trained backbone, for diversity in a teacher ensemble.
    "backbone_weights": "nsfwjs-4.4.0/mobilenet_v2_mid",
    "backbone_weights_sha256": "fee38f0bcbad1a223b8301c014bbf78984365aef5ab08fc3289ed4229ab67f0e",  # its weights.bin
    "normalization": {"mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]},
    # The same stage ends as the 1.0 student (48, 136 and 1792 channels at width 1.4).
    "head": {**_HEAD, "taps": [6, 13, 18]},
})
def _mobilenetv2_140_student(config, pretrained):
    backbone = MobileNetV2(width=1.4)
    if pretrained:
        weights = FETCHED_DIR / config["backbone_weights"]
        if not (weights / "model.json").exists():
            raise FileNotFoundError(f"{weights}: not fetched; run python3 -m training.scripts.fetch_nsfwjs")
        load_tfjs_weights(backbone, weights)
    del backbone.classifier
    return _student(backbone, config)


@register_model("dpiqa_student_effnet_b7", {
    "role": "student",
    "input_size": 512,
    "backbone": "efficientnet_b7",
    "backbone_weights": None,  # a torchvision efficientnet_b7 state dict supplied by the user
    "normalization": {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
    "head": _HEAD,
})
def _effnet_b7_student(config, pretrained):
    return _student(EfficientNetB7Features(config["backbone_weights"] if pretrained else None), config)


_QUALITY_MAP = {"map_size": 64, "reduction": [512, 128, 32, 8]}


@register_model("dpiqa_teacher_sd15", {
    "role": "teacher",
    "input_size": 512,
    "timestep": 1,
    "encoder": {"kind": "sd_vae", **SD15_VAE_CONFIG, "weights": None},  # diffusers vae/ state dict
    "unet": {**SD15_UNET_CONFIG, "weights": None, "weights_required": True},  # diffusers unet/ state dict
    "prompts": {"source": "clip_file", "template": TEMPLATE, "dim": 768, "embeddings": None},
    "text_adapter": {"hidden": 768, "gamma_init": 1e-4},
    "image_adapter": {"kind": "unshuffle", "unshuffle": 8},
    "qfd": {**_QUALITY_MAP, "tap_channels": 512, "kernel": 3, "mlp_hidden": [512, 128], "mlp_grid": None,
            "dropout": 0.0},
})
def _sd15_teacher(config, pretrained):
    return build_teacher(config, pretrained)


@register_model("dpiqa_teacher_compact", {
    "role": "teacher",
    # The student's scale, as trained from images on a GPU (`training.evaluation.teacher_protocol`); CPU training from cached
    # frozen outputs passes `--set input_size=384`, the size its caches were computed at.
    "input_size": 512,
    "timestep": 1,
    # TAEF2 latents of CLIVE photos have std ≈ 0.82 (24 images); the factor brings them to ≈ 1, as SD's 0.18215.
    "encoder": {"kind": "taef2", "weights": "taef2_encoder.pth", "scaling_factor": 1.22},
    "unet": {"in_channels": 32, "out_channels": 32, "block_out_channels": [32, 64, 128, 128],
             # Attention only at 1/16 and 1/32: at 1/8 self-attention over 48² tokens dominates CPU time.
             "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
             "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"],
             "layers_per_block": 1, "attention_head_dim": 2, "cross_attention_dim": 64, "norm_num_groups": 8,
             "weights": None, "weights_required": False},  # a training.recipes.pretrain_unet checkpoint
    "prompts": {"source": "learned", "count": 16, "dim": 64, "init_std": 1.0,
                "weights": None},  # condition.pt of the same training.recipes.pretrain_unet run
    "text_adapter": {"hidden": 64, "gamma_init": 1e-4},
    "image_adapter": {"kind": "mobilenetv2", "weights": "tf2_mobilenet_v2_1.0_224_ptq.tflite",
                      "student_checkpoint": None},  # a trained student's best.pt instead of ImageNet weights
    "qfd": {**_QUALITY_MAP, "reduction": [64, 32, 16, 8], "tap_channels": 32, "kernel": 1, "mlp_hidden": [128],
            "mlp_grid": 4, "dropout": 0.3},
})
def _compact_teacher(config, pretrained):
    return build_teacher(config, pretrained)
