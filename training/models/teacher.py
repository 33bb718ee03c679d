"""The DP-IQA teacher (Fu et al., "DP-IQA", §3.3, Fig. 2): a frozen image encoder gives the latent, one pass
of the denoising U-Net at a fixed small timestep (no noise added) conditioned on the adapted constant prompt
embedding, with image-adapter features added on the way down; the quality feature decoder reads the four
up-block outputs and returns `(score [B] in [0, 1], qmap [B, 8, 64, 64])`, the student's contract.

`build_teacher(config)` assembles either registered configuration (`zoo.py`):
- `sd15`: SD1.5's VAE encoder and U-Net (diffusers-layout weights from the user), CLIP prompt embeddings from a
  file, a T2I-style image adapter;
- `compact`: the frozen TAEF2 encoder, a narrow U-Net of the same code (denoising pre-trained by
  `training.recipes.pretrain_unet`), learned prompt embeddings, the student's MobileNetV2 as image adapter.

Fine-tuning the faithful teacher where a GPU and the SD1.5 weights exist (diffusers layout; prompt file from
`python3 -m training.models.prompts`):

    python3 -m training.recipes.train_teacher --model dpiqa_teacher_sd15 --device cuda --split-seed 0 \
        --set unet.weights=/sd15/unet/diffusion_pytorch_model.bin \
        --set encoder.weights=/sd15/vae/diffusion_pytorch_model.bin \
        --set prompts.embeddings=quality_prompts_clip_l14.pt --out training/runs/teacher_sd15_seed0
"""
from __future__ import annotations

from typing import Any, List

import torch
from torch import nn

from .adapters import MobileNetV2ImageAdapter, PromptCondition, UnshuffleImageAdapter
from .diffusers_weights import load_diffusers_weights, read_state_dict
from .mobilenetv2 import MobileNetV2, load_tflite_weights
from .prompts import load_prompt_embeddings, quality_prompts
from .qfd import QualityFeatureDecoder
from .sd_vae import SDVAEEncoder
from .taef2 import TAEF2Encoder
from .unet import UNet2DCondition
from ..paths import PRETRAINED_DIR


class DPIQATeacher(nn.Module):
    def __init__(self, encoder: nn.Module, unet: UNet2DCondition, condition: PromptCondition,
                 image_adapter: nn.Module, decoder: QualityFeatureDecoder, timestep: int):
        super().__init__()
        self.encoder = encoder.requires_grad_(False)
        self.unet = unet
        self.condition = condition
        self.image_adapter = image_adapter
        self.decoder = decoder
        self.register_buffer("timestep", torch.tensor([timestep]), persistent=False)

    def from_latent(self, latent: torch.Tensor, adapter_features: List[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        """Everything after the frozen encoder: training on cached latents starts here."""
        context = self.condition(latent.shape[0])
        features = self.unet.up_features(latent, self.timestep.expand(latent.shape[0]), context, adapter_features)
        return self.decoder(features)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.from_latent(self.encoder(x), self.image_adapter(x))


def _pretrained_file(name: str | None) -> str | None:
    """A config's weight file: a bare name lives in shared/pretrained, a path is the user's."""
    if name is None or "/" in name:
        return name
    return str(PRETRAINED_DIR / name)


def _require(path: str | None, key: str) -> str:
    if path is None:
        raise ValueError(f"pretrained=True needs `{key}` in the config (a file path); "
                         "pass pretrained=False for a randomly initialised teacher")
    return path


def _encoder(config: dict[str, Any], pretrained: bool) -> nn.Module:
    if config["kind"] == "sd_vae":
        vae = SDVAEEncoder(config)
        if pretrained:
            path = _require(config["weights"], "encoder.weights")
            load_diffusers_weights(vae, read_state_dict(path), path, ignored_prefixes=("decoder.", "post_quant_conv."))
        return vae
    if config["kind"] == "taef2":
        return TAEF2Encoder(_pretrained_file(config["weights"]) if pretrained else None, config["scaling_factor"])
    raise ValueError(f"unknown encoder kind {config['kind']!r}")


def _unet(config: dict[str, Any], pretrained: bool) -> UNet2DCondition:
    """`weights`: a diffusers U-Net state dict (SD1.5) or a `training.recipes.pretrain_unet` checkpoint (compact);
    the compact teacher may also start from scratch (`weights_required: False`)."""
    unet = UNet2DCondition(config)
    path = config["weights"]
    if pretrained and config["weights_required"]:
        _require(path, "unet.weights")
    if pretrained and path is not None:
        load_diffusers_weights(unet, read_state_dict(path), path)
    return unet


def _condition(config: dict[str, Any], adapter: dict[str, Any], pretrained: bool) -> PromptCondition:
    if config["source"] == "clip_file":
        count = len(quality_prompts(config["template"]))
        embeddings = (load_prompt_embeddings(_require(config["embeddings"], "prompts.embeddings"), config["template"],
                                             config["dim"])
                      if pretrained else torch.zeros(count, config["dim"]))  # filled by a checkpoint
        return PromptCondition(embeddings, False, adapter["hidden"], adapter["gamma_init"])
    if config["source"] == "learned":
        condition = PromptCondition(torch.randn(config["count"], config["dim"]) * config["init_std"], True,
                                    adapter["hidden"], adapter["gamma_init"])
        if pretrained and config["weights"] is not None:  # prompts learned with the U-Net's denoising prior
            condition.load_state_dict(torch.load(config["weights"], map_location="cpu"))
        return condition
    raise ValueError(f"unknown prompt source {config['source']!r}")


def _image_adapter(config: dict[str, Any], level_channels: list[int], pretrained: bool) -> nn.Module:
    if config["kind"] == "unshuffle":
        return UnshuffleImageAdapter(level_channels, config["unshuffle"])
    if config["kind"] == "mobilenetv2":
        backbone = MobileNetV2()
        if pretrained and config.get("student_checkpoint"):
            path = config["student_checkpoint"]
            student = torch.load(path, map_location="cpu")
            missing, unexpected = backbone.load_state_dict(
                {k[len("backbone."):]: v for k, v in student.items() if k.startswith("backbone.")}, strict=False)
            if unexpected or [k for k in missing if not k.startswith("classifier.")]:  # students have no classifier
                raise ValueError(f"{path}: not a MobileNetV2 student checkpoint (missing {missing[:3]}, "
                                 f"unexpected {unexpected[:3]})")
        elif pretrained:
            load_tflite_weights(backbone, _pretrained_file(config["weights"]))
        return MobileNetV2ImageAdapter(level_channels, backbone)
    raise ValueError(f"unknown image adapter kind {config['kind']!r}")


def build_teacher(config: dict[str, Any], pretrained: bool) -> DPIQATeacher:
    unet = _unet(config["unet"], pretrained)
    return DPIQATeacher(
        encoder=_encoder(config["encoder"], pretrained),
        unet=unet,
        condition=_condition(config["prompts"], config["text_adapter"], pretrained),
        image_adapter=_image_adapter(config["image_adapter"], list(config["unet"]["block_out_channels"]), pretrained),
        decoder=QualityFeatureDecoder(unet.up_channels, **config["qfd"]),
        timestep=config["timestep"])
