"""Model registry: named configurations and one factory, in the manner of timm's `create_model`.

A config carries everything needed to rebuild a model and to feed it: the architecture arguments and the
preprocessing metadata (input size, resize method, value range) that the exporter writes into manifest.json,
so the Java side never hard-codes a preprocessing constant.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

import torch
from torch import nn

from ..data.preprocess import RESIZE_METHOD, VIEWS, min_decoded_short_side


_BUILDERS: dict[str, Callable[..., nn.Module]] = {}
_CONFIGS: dict[str, dict[str, Any]] = {}


def register_model(name: str, config: dict[str, Any]):
    """Decorator: register a builder `fn(config, pretrained) -> nn.Module` under `name` with its default config."""
    def wrap(fn: Callable[..., nn.Module]):
        if name in _BUILDERS:
            raise ValueError(f"model {name!r} registered twice")
        _BUILDERS[name] = fn
        _CONFIGS[name] = {"name": name, **config}
        return fn
    return wrap


def list_models() -> list[str]:
    return sorted(_BUILDERS)


def get_config(name: str, **overrides: Any) -> dict[str, Any]:
    if name not in _CONFIGS:
        raise KeyError(f"unknown model {name!r}; known: {', '.join(list_models())}")
    config = copy.deepcopy(_CONFIGS[name])
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(config.get(key), dict):
            config[key].update(value)
        else:
            config[key] = value
    return config


def create_model(name: str, pretrained: bool = True, **overrides: Any) -> nn.Module:
    """Build a registered model; `pretrained` loads the backbone weights named in its config when available."""
    config = get_config(name, **overrides)
    model = _BUILDERS[name](config, pretrained)
    model.dpiqa_config = config
    return model


def parse_overrides(assignments: list[str]) -> dict[str, Any]:
    """Command-line KEY=VALUE config changes, VALUE in JSON (else a string), a dotted KEY naming a section:
    ["unet.weights=/a/b.pt", "timestep=10"] -> {"unet": {"weights": "/a/b.pt"}, "timestep": 10}."""
    out: dict[str, Any] = {}
    for assignment in assignments:
        key, _, raw = assignment.partition("=")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        section, _, name = key.rpartition(".")
        (out.setdefault(section, {}) if section else out)[name] = value
    return out


def load_trained(name: str, checkpoint: str | Path, **overrides: Any) -> nn.Module:
    """A registered model with a training run's weights (a whole state dict, e.g. `best.pt`), on the CPU;
    `overrides` as the run's recipe had them (`Recipe.model_overrides`)."""
    model = create_model(name, pretrained=False, **overrides)
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    return model


def load_run(folder: Path) -> nn.Module:
    """A finished training run's chosen checkpoint as the model it trained (`best.pt`, built with the config
    changes of its `summary.json` recipe), in eval mode on the CPU."""
    if not (folder / "summary.json").exists():
        raise FileNotFoundError(f"{folder} holds no finished training run (summary.json, best.pt)")
    recipe = json.loads((folder / "summary.json").read_text())["recipe"]
    return load_trained(recipe["model"], folder / "best.pt", **recipe.get("model_overrides", {})).eval()


def input_views(config: dict[str, Any]) -> list[str]:
    """The views a config's model reads, in channel order (`data.preprocess`); older configs: the whole image."""
    views = list(config.get("input_views", ["whole"]))
    unknown = [v for v in views if v not in VIEWS]
    if not views or unknown or len(set(views)) != len(views):
        raise ValueError(f"input_views {views}: expected distinct views among {list(VIEWS)}")
    return views


def preprocessing_of(config: dict[str, Any]) -> dict[str, Any]:
    """The manifest's input and preprocessing sections for a config. A model reading only the whole image keeps
    the manifest of older versions byte for byte (no `views`), so older servers still load it; a config's
    `decode_reduction` (`data.preprocess`: large JPEGs decoded reduced by DCT scaling) is declared as it is."""
    size, views = config["input_size"], input_views(config)
    section = {
        "input": {"height": size, "width": size, "channels": 3 * len(views), "layout": "NCHW", "dtype": "float32",
                  "color": "RGB", "value_range": [0.0, 1.0]},
        "preprocessing": {"decode": "8-bit sRGB, EXIF orientation applied, alpha composited over white",
                          "resize": RESIZE_METHOD, "keep_aspect": False, "normalization": "inside_model"},
    }
    if views != ["whole"]:
        section["input"]["views"] = views
    reduction = config.get("decode_reduction")
    if reduction:
        if min_decoded_short_side(reduction, views, size, size) == 0:
            raise ValueError(f"decode_reduction needs every input view to be whole (a native crop reads the photo's"
                             f" own pixels), got {views}")
        section["preprocessing"]["decode_reduction"] = reduction
    return section


# Importing the architecture modules registers them.
from . import zoo  # noqa: E402,F401
