"""DP-IQA's constant conditional embedding (Fu et al., "DP-IQA", §3.3 and Table III): every combination of
the quality prompt template is encoded by CLIP's text encoder, each sentence's token embeddings are mean-pooled
to one vector, and the N vectors together are the U-Net's condition for every image.

No CLIP weights are available offline, so the embeddings are computed once where a CLIP text encoder exists
and stored in a file the teacher's config names:

    python3 -m training.models.prompts --clip openai/clip-vit-large-patch14 --out quality_prompts_clip_l14.pt

(needs the `transformers` package and the SD1.5 text encoder's weights; the file holds the prompts too, so a
file made from another template or word list is refused at load time).

The paper's Table III lists 9 scenes and 34 distortion types (1530 prompts) though its Table II counts 11 and
35 (1925); the words listed are what is used here.
"""
from __future__ import annotations

import argparse
from itertools import product
from pathlib import Path
from typing import Callable

import torch

TEMPLATE = "a photo of a {scene} with {distortion} artifacts, which is of {quality} quality"
SCENES = ("animal", "cityscape", "human", "indoor", "landscape", "night", "plant", "still_life", "other")
DISTORTIONS = (
    "jpeg2000 compression", "jpeg compression", "motion", "white noise", "gaussian blur", "fastfading", "fnoise",
    "lens", "diffusion", "shifting", "color quantization", "desaturation", "oversaturation", "underexposure",
    "overexposure", "contrast", "white noise with color", "impulse", "multiplicative", "jitter",
    "white noise with denoise", "brighten", "darken", "pixelate", "shifting the mean", "noneccentricity patch",
    "quantization", "color blocking", "sharpness", "realistic blur", "realistic noise", "realistic contrast change",
    "other realistic", "other")
QUALITIES = ("bad", "poor", "fair", "good", "perfect")


def quality_prompts(template: str = TEMPLATE) -> list[str]:
    return [template.format(scene=s, distortion=d, quality=q) for s, d, q in product(SCENES, DISTORTIONS, QUALITIES)]


def mean_pool_tokens(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """[N, T, D] token embeddings -> [N, D], averaging each sentence's real tokens (padding excluded)."""
    mask = attention_mask.to(hidden.dtype)[..., None]
    return (hidden * mask).sum(1) / mask.sum(1).clamp_min(1.0)


def embed_prompts(prompts: list[str], encode: Callable[[list[str]], tuple[torch.Tensor, torch.Tensor]],
                  batch_size: int = 64) -> torch.Tensor:
    """`encode(sentences) -> (last hidden states [n, T, D], attention mask [n, T])`, pooled per sentence."""
    return torch.cat([mean_pool_tokens(*encode(prompts[i:i + batch_size])) for i in range(0, len(prompts), batch_size)])


def load_prompt_embeddings(path: str | Path, template: str, dim: int) -> torch.Tensor:
    """The [N, dim] embeddings of `quality_prompts(template)` from a file written by this module."""
    stored = torch.load(path, map_location="cpu")
    if stored.get("prompts") != quality_prompts(template):
        raise ValueError(f"{path}: its prompts are not this template's {len(quality_prompts(template))} prompts; "
                         "recompute it with `python3 -m training.models.prompts`")
    embeddings = stored["embeddings"].float()
    if embeddings.shape != (len(stored["prompts"]), dim):
        raise ValueError(f"{path}: embeddings {tuple(embeddings.shape)}, expected ({len(stored['prompts'])}, {dim})")
    return embeddings


def clip_encoder(name_or_path: str, device: str) -> Callable[[list[str]], tuple[torch.Tensor, torch.Tensor]]:
    from transformers import CLIPTextModel, CLIPTokenizer  # only where CLIP weights exist

    tokenizer = CLIPTokenizer.from_pretrained(name_or_path)
    model = CLIPTextModel.from_pretrained(name_or_path).to(device).eval()

    @torch.no_grad()
    def encode(sentences: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
        tokens = tokenizer(sentences, padding="max_length", max_length=tokenizer.model_max_length,
                           truncation=True, return_tensors="pt").to(device)
        return model(**tokens).last_hidden_state.cpu(), tokens["attention_mask"].cpu()
    return encode


def main() -> None:
    parser = argparse.ArgumentParser(description="Embed the DP-IQA quality prompts with a CLIP text encoder.")
    parser.add_argument("--clip", required=True, help="transformers CLIPTextModel name or folder (SD1.5: ViT-L/14)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--template", default=TEMPLATE)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    prompts = quality_prompts(args.template)
    embeddings = embed_prompts(prompts, clip_encoder(args.clip, args.device))
    torch.save({"prompts": prompts, "embeddings": embeddings, "clip": args.clip}, args.out)
    print(f"{args.out}: {tuple(embeddings.shape)}")


if __name__ == "__main__":
    main()
