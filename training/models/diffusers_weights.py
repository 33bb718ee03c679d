"""Load a user's diffusers checkpoint (`unet/diffusion_pytorch_model.{bin,safetensors}`,
`vae/diffusion_pytorch_model.{bin,safetensors}`) into our re-implemented modules, refusing partial loads.

A teacher silently half-initialised from a checkpoint of another layout would train and ship as if it had the
diffusion prior, so every missing, unexpected or shape-mismatched tensor is listed in one error.
"""
from __future__ import annotations

import re
from pathlib import Path

import torch
from torch import nn

# Older diffusers releases (and SD1.5's published VAE file) name the VAE attention's projections this way.
_LEGACY_ATTENTION = {"query": "to_q", "key": "to_k", "value": "to_v", "proj_attn": "to_out.0"}
_LEGACY_PATTERN = re.compile(r"\.attentions\.(\d+)\.(query|key|value|proj_attn)\.")


def read_state_dict(path: str | Path) -> dict[str, torch.Tensor]:
    path = Path(path)
    if path.suffix == ".safetensors":
        try:
            from safetensors.torch import load_file
        except ImportError as e:
            raise ImportError(f"{path}: reading .safetensors needs the `safetensors` package") from e
        return load_file(str(path))
    state = torch.load(path, map_location="cpu")
    return state.get("state_dict", state)


def _modern_name(key: str) -> str:
    return _LEGACY_PATTERN.sub(lambda m: f".attentions.{m.group(1)}.{_LEGACY_ATTENTION[m.group(2)]}.", key)


def load_diffusers_weights(module: nn.Module, state: dict[str, torch.Tensor], source: str,
                           ignored_prefixes: tuple[str, ...] = ()) -> None:
    """Copy `state` into `module` by diffusers names; keys under `ignored_prefixes` (e.g. a VAE's decoder) are
    skipped. Raises ValueError naming every missing, unexpected and mismatched tensor."""
    given = {_modern_name(k): v for k, v in state.items() if not k.startswith(ignored_prefixes)}
    expected = module.state_dict()
    missing = sorted(k for k in expected if k not in given)
    unexpected = sorted(k for k in given if k not in expected)
    mismatched = sorted(f"{k}: checkpoint {tuple(given[k].shape)}, model {tuple(v.shape)}"
                        for k, v in expected.items() if k in given and given[k].shape != v.shape)
    problems = [f"{title} ({len(keys)}):\n  " + "\n  ".join(keys)
                for title, keys in (("missing", missing), ("unexpected", unexpected), ("shape mismatch", mismatched))
                if keys]
    if problems:
        raise ValueError(f"{source} does not fit {type(module).__name__} in diffusers layout; " + "\n".join(problems))
    module.load_state_dict({k: v.to(expected[k].dtype) for k, v in given.items()}, strict=True)
