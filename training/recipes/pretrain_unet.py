"""Denoising pre-training of the compact teacher's U-Net on TAEF2 latents: a small stand-in for the generative
prior SD1.5's U-Net brings to DP-IQA (no large diffusion U-Net fits 2 CPU cores).

    python3 -m training.recipes.pretrain_unet --split-seed 0 --steps 400 --out training/runs/unet_prior_seed0

The usual DDPM objective (Ho et al., 2020): noise a latent to a random timestep of SD's scaled-linear schedule
and predict the noise, conditioned on the teacher's learned prompts, on random flipped crops of the latents
(a denoiser is local enough to learn from crops, at a fraction of the cost). Only the training part of the split is
used (images, never labels), so the test part stays unseen. Writes `unet.pt` (diffusers names: the compact
config's `unet.weights`) and `condition.pt` (`prompts.weights`); `--resume` continues from `last.pt`.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from tqdm import tqdm

from ..data import splits
from ..models.registry import create_model, get_config
from .teacher_cache import taef2_latents
from .train_student import seed_everything

MODEL = "dpiqa_teacher_compact"


def scaled_linear_alphas_cumprod(steps: int = 1000, beta_start: float = 0.00085, beta_end: float = 0.012) -> torch.Tensor:
    """ᾱ_t of Stable Diffusion's training schedule."""
    betas = torch.linspace(beta_start ** 0.5, beta_end ** 0.5, steps) ** 2
    return torch.cumprod(1.0 - betas, dim=0)


def denoising_loss(unet: torch.nn.Module, context: torch.Tensor, latents: torch.Tensor,
                   alphas_cumprod: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    t = torch.randint(0, len(alphas_cumprod), (latents.shape[0],), generator=generator)
    noise = torch.randn(latents.shape, generator=generator)
    a = alphas_cumprod[t].view(-1, 1, 1, 1)
    noisy = a.sqrt() * latents + (1 - a).sqrt() * noise
    return F.mse_loss(unet(noisy, t, context), noise)


def training_names(split_seed: int | None) -> list[str]:
    names = [n for n, _ in splits.load_clive()]
    return list(splits.split_or_all(names, split_seed).train_all)


def pretrain(split_seed: int | None, steps: int, out_dir: Path, batch_size: int = 16, crop: int = 32,
             lr: float = 2e-4, seed: int = 0, resume: bool = False, size: int | None = None) -> dict:
    """`size`: the image size whose cached latents it learns from (default: the teacher config's input size)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    seed_everything(seed)
    teacher = create_model(MODEL)
    unet, condition = teacher.unet, teacher.condition
    scale = get_config(MODEL)["encoder"]["scaling_factor"]
    latents = taef2_latents(size or get_config(MODEL)["input_size"])
    names = training_names(split_seed)
    data = torch.stack([latents[n] for n in names]).float() * scale
    params = list(unet.parameters()) + list(condition.parameters())
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=1e-2)
    alphas_cumprod = scaled_linear_alphas_cumprod()
    generator = torch.Generator().manual_seed(seed)
    start, history = 0, []
    last = out_dir / "last.pt"
    if resume and last.exists():
        state = torch.load(last)
        unet.load_state_dict(state["unet"])
        condition.load_state_dict(state["condition"])
        optimizer.load_state_dict(state["optimizer"])
        generator.set_state(state["generator"])
        start, history = state["step"], state["history"]
    rng = np.random.default_rng(seed + start)
    unet.train()
    started, running = time.time(), []
    bar = tqdm(range(start, steps), desc="denoising pre-training", unit="step", initial=start, total=steps)
    for step in bar:
        top, left = rng.integers(data.shape[-2] - crop + 1), rng.integers(data.shape[-1] - crop + 1)
        batch = data[torch.from_numpy(rng.choice(len(data), batch_size, replace=False)), :, top:top + crop, left:left + crop]
        flips = torch.from_numpy(rng.random(batch_size) < 0.5)
        batch[flips] = batch[flips].flip(-1)
        loss = denoising_loss(unet, condition(batch_size), batch, alphas_cumprod, generator)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        running.append(float(loss))
        bar.set_postfix(loss=f"{np.mean(running[-20:]):.4f}")
        if (step + 1) % 50 == 0 or step + 1 == steps:
            history.append({"step": step + 1, "loss": float(np.mean(running[-50:])), "seconds": round(time.time() - started, 1)})
            torch.save({"unet": unet.state_dict(), "condition": condition.state_dict(), "step": step + 1,
                        "optimizer": optimizer.state_dict(), "generator": generator.get_state(), "history": history}, last)
    torch.save(unet.state_dict(), out_dir / "unet.pt")
    torch.save(condition.state_dict(), out_dir / "condition.pt")
    summary = {"split_seed": split_seed, "seed": seed, "steps": steps, "batch_size": batch_size, "crop": crop, "lr": lr,
               "images": len(names), "history": history}
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split-seed", type=splits.parse_split_seed, default=0,
                        help="split whose training part is used, or 'all'")
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--crop", type=int, default=32, help="latent cells (of 48 at 384 px)")
    parser.add_argument("--size", type=int, default=384,
                        help="image size of the cached latents (`training.recipes.teacher_cache --size`), as CPU training uses")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)
    summary = pretrain(args.split_seed, args.steps, args.out,
                       args.batch_size, args.crop, seed=args.seed, resume=args.resume, size=args.size)
    print(json.dumps(summary["history"][-1]))


if __name__ == "__main__":
    main()
