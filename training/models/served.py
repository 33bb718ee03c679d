"""A model-cache version as serving runs it: its TorchScript file, beside the versions it is composed with
(`training.export.model_cache.compose_by_reference`). Read by export (goldens of a composed whole), distillation
(a shipped teacher) and the out-of-domain protocol."""
from __future__ import annotations

import json
from pathlib import Path

import torch

from .ensemble import MeanOfModels


def with_companions(own: torch.nn.Module, compose_entry: dict, root: Path) -> MeanOfModels:
    """A composed version as serving runs it: the weighted mean of its own file's outputs and those of the versions
    it references (export's `compose_by_reference`); `root` is the model cache holding them all."""
    parts = [own]
    for ref in compose_entry["versions"]:
        folder = root / ref["name"] / ref["version"]
        if not (folder / "manifest.json").exists():
            raise FileNotFoundError(f"{folder}: a composed version is served from the cache holding what it "
                                    "references, and this one is not there")
        parts.append(served(folder))
    return MeanOfModels(parts, [compose_entry["self"]] + [ref["weight"] for ref in compose_entry["versions"]]).eval()


def served(folder: Path) -> torch.nn.Module:
    """A version folder's model as serving runs it: its TorchScript file, with any versions it is composed with."""
    manifest = json.loads((folder / "manifest.json").read_text())
    model = torch.jit.load(str(folder / manifest["file"]), map_location="cpu").eval()
    return with_companions(model, manifest["compose"], folder.parents[1]) if "compose" in manifest else model
