"""ONNX copies of model-cache versions, for ONNX Runtime on CPUs (issue 27); the TorchScript file stays the source.

    python3 -m training.export.onnx_model model-cache/dpiqa_student_mobilenetv2/0.4.0 [more version folders]

writes `model.onnx` beside `model.pt` (opset 17, dynamic batch, input channels = 3 per manifest view) and lists
both files in the manifest's `files` with their sha256 and engine; `file` / `sha256` keep naming the TorchScript
file, so older servers load the version unchanged. A version exported before ONNX is rebuilt from its registry
config with the TorchScript weights loaded strictly, so the ONNX graph has exactly the served weights.
`training.export.model_cache` writes both files for new versions. The ONNX file is checked against the TorchScript
one on seeded noise before it is listed (`MAX_DIFF`); the Java parity test replays the goldens through both engines.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
from pathlib import Path
from typing import Iterator

import torch
import torch.nn.functional as F

OPSET = 17
ONNX_FILE = "model.onnx"
MAX_DIFF = 1e-4  # score and qmap, ONNX (re-traced in torch) against TorchScript


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def fixed_grid_pooling() -> Iterator[None]:
    """While tracing for ONNX, `adaptive_avg_pool2d` to a grid that divides the map is written as the fixed
    `avg_pool2d` it equals: after the heads' 64×64 resize the exporter no longer knows the map's size and refuses
    the adaptive form. Patched here, in the export path only, so TorchScript exports are unchanged."""
    adaptive = F.adaptive_avg_pool2d

    def pool(x: torch.Tensor, output_size):
        grid = (output_size, output_size) if isinstance(output_size, int) else tuple(output_size)
        height, width = int(x.shape[-2]), int(x.shape[-1])
        if all(g is not None and g > 0 for g in grid) and height % grid[0] == 0 and width % grid[1] == 0:
            kernel = (height // grid[0], width // grid[1])
            return F.avg_pool2d(x, kernel, kernel)
        return adaptive(x, output_size)

    F.adaptive_avg_pool2d = pool
    try:
        yield
    finally:
        F.adaptive_avg_pool2d = adaptive


def write_onnx(model: torch.nn.Module, path: Path, channels: int, size: int) -> None:
    """Trace `model` (an nn.Module, or a ScriptModule without adaptive pooling) to ONNX at `[B, channels, size,
    size]`, the batch dynamic."""
    example = torch.zeros(2, channels, size, size)
    with fixed_grid_pooling(), torch.no_grad():
        torch.onnx.export(model.eval(), (example,), str(path), opset_version=OPSET, input_names=["input"],
                          output_names=["score", "qmap"], do_constant_folding=True,
                          dynamic_axes={"input": {0: "batch"}, "score": {0: "batch"}, "qmap": {0: "batch"}})


def rebuild(folder: Path) -> torch.nn.Module:
    """The registry-built module of a version folder with its TorchScript weights loaded strictly: one network, or
    the mean of `ensemble_of` members of the manifest's config (members that read different views need their
    own configs, which older manifests do not record: those are refused)."""
    from ..models.ensemble import MeanOfModels
    from ..models.registry import create_model

    manifest = json.loads((folder / "manifest.json").read_text())
    config = dict(manifest["config"])
    name = config.pop("name")
    members = config.pop("ensemble_of", None)
    views = config.pop("input_views", None)
    if members and views and len(views) > 1:
        raise ValueError(f"{folder}: an ensemble over views {views} records no per-member config")
    if "members" in config:
        raise ValueError(f"{folder}: a weighted or mixed-size ensemble records no config per member; "
                         "compose it again from its members' versions")
    scripted = torch.jit.load(str(folder / manifest["file"]), map_location="cpu")
    if members:
        model = MeanOfModels([create_model(name, pretrained=False, **config) for _ in range(members)])
    else:
        model = create_model(name, pretrained=False, **config)
    model.load_state_dict(persistent_state(model, scripted.state_dict()), strict=True)
    return model.eval()


def persistent_state(model: torch.nn.Module, state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """`state` of a TorchScript file without the non-persistent buffers scripting saved with it (the teacher's
    fixed timestep), each checked equal to the value the registry model builds, so a strict load still catches
    every other mismatch."""
    expected, buffers = model.state_dict(), dict(model.named_buffers())
    kept = {}
    for key, value in state.items():
        if key not in expected:
            built = buffers.get(key)
            if built is None or not torch.equal(built, value):
                raise ValueError(f"unexpected key {key!r} in the TorchScript file's weights")
            continue
        kept[key] = value
    return kept


def check_against(reference: torch.nn.Module, traced: torch.nn.Module, channels: int, size: int) -> float:
    """Largest absolute difference of score and qmap between two modules on seeded noise, batch of 2."""
    generator = torch.Generator().manual_seed(27)
    x = torch.rand(2, channels, size, size, generator=generator)
    with torch.no_grad(), fixed_grid_pooling():
        a, b = reference(x), traced(x)
    return max(float((a[0] - b[0]).abs().max()), float((a[1] - b[1]).abs().max()))


def list_files(manifest: dict, onnx_sha256: str) -> dict:
    """The manifest with `files`: each model file, its sha256 and the engine that reads it."""
    files = [{"file": manifest["file"], "sha256": manifest["sha256"], "engine": "pytorch"},
             {"file": ONNX_FILE, "sha256": onnx_sha256, "engine": "onnxruntime"}]
    out = {}
    for key, value in manifest.items():  # keep the manifest's order, `files` right after `sha256`
        out[key] = value
        if key == "sha256":
            out["files"] = files
    return out


def with_onnx(manifest: dict, folder: Path, model: torch.nn.Module, scripted: torch.nn.Module) -> dict:
    """Write `folder/model.onnx` traced from `model`, check it against the TorchScript `scripted` (the file is
    removed if they differ), and return `manifest` listing both files."""
    channels, size = manifest["input"]["channels"], manifest["input"]["height"]
    onnx_file = folder / ONNX_FILE
    write_onnx(model, onnx_file, channels, size)
    diff = check_against(scripted, model, channels, size)
    if diff > MAX_DIFF:
        onnx_file.unlink()
        raise ValueError(f"{folder}: the module traced to ONNX differs from the TorchScript file by {diff:.3g}")
    return list_files(manifest, sha256_of(onnx_file))


def add_onnx(folder: Path, model: torch.nn.Module | None = None) -> Path:
    """Write `folder/model.onnx` from `model` (default: `rebuild(folder)`), check it against the TorchScript file,
    and list it in the manifest."""
    manifest_file = folder / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    model = rebuild(folder) if model is None else model
    scripted = torch.jit.load(str(folder / manifest["file"]), map_location="cpu").eval()
    manifest_file.write_text(json.dumps(with_onnx(manifest, folder, model, scripted), indent=2) + "\n")
    return folder / ONNX_FILE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+", help="model-cache version folders")
    args = parser.parse_args()
    torch.set_num_threads(1)
    for folder in args.folders:
        onnx_file = add_onnx(folder)
        print(f"{onnx_file}: {onnx_file.stat().st_size} bytes")


if __name__ == "__main__":
    main()
