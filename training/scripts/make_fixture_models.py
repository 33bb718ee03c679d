"""Build the tiny TorchScript fixture models the Java tests load through DJL.

They honour the model-cache contract (model-cache/README.md) at a toy size: input float32 [B,3,S,S] RGB in
[0,1], output (score [B] in [0,1], qmap [B,8,S,S]), S = 64 unless noted. Two student versions (so registry
ordering and hot-swap have a real "newer, different" model), one teacher, and a second teacher at S = 96 (real
teachers take larger inputs than their students, so the cascade must resize per model), each with its own seeded
weights, plus golden/ outputs for the Java parity test (`training.export.golden`): a generated tensor case, and PNG
image cases preprocessed by training's own `model_input`, so the Java test covers decode + resize + model end to
end. Deterministic from one checkout: re-running rewrites byte-identical files (TorchScript's debug info records
this script's path and line numbers, so model.pt and its sha256 change when run from another folder or after
editing the class; the weights and outputs do not).

    /usr/bin/python3 -m training.scripts.make_fixture_models [--out src/test/resources/model-cache]
"""
import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

from training.export.golden import write_golden

DEFAULT_SIZE = 64
QMAP_CHANNELS = 8
CREATED_AT = "2026-11-27T00:00:00Z"  # fixed, so the manifests are reproducible


class FixtureIqa(nn.Module):
    """conv3x3 -> ReLU -> conv1x1 -> sigmoid quality map -> centred mean pool -> linear -> sigmoid score.

    Plain parameters and F.conv2d rather than nn.Conv2d: nn.Conv2d's TorchScript constants come from a Python
    set, whose order changes per process and would make model.pt (and its sha256) differ on every run.
    No batch-dependent layers, so a batch scores exactly like its items one by one.
    """

    def __init__(self, width: int, channels: int = 3):
        super().__init__()
        self.conv1_weight = nn.Parameter(torch.randn(width, channels, 3, 3) * 0.3)
        self.conv1_bias = nn.Parameter(torch.randn(width) * 0.1)
        self.conv2_weight = nn.Parameter(torch.randn(QMAP_CHANNELS, width, 1, 1) * 0.5)
        self.conv2_bias = nn.Parameter(torch.randn(QMAP_CHANNELS) * 0.1)
        # Large head weights spread the scores, so different test images get clearly different MOS values.
        self.head_weight = nn.Parameter(torch.randn(1, QMAP_CHANNELS) * 2.0)
        self.head_bias = nn.Parameter(torch.zeros(1))

    def forward(self, x: torch.Tensor):
        hidden = F.relu(F.conv2d(x, self.conv1_weight, self.conv1_bias, padding=1))
        qmap = torch.sigmoid(F.conv2d(hidden, self.conv2_weight, self.conv2_bias))
        pooled = qmap.mean(dim=(2, 3)) - 0.5
        score = torch.sigmoid(F.linear(pooled, self.head_weight, self.head_bias).squeeze(1))
        return score, qmap


def build(seed: int, width: int, channels: int = 3) -> torch.jit.ScriptModule:
    torch.manual_seed(seed)
    return torch.jit.script(FixtureIqa(width, channels).eval())


def manifest(name, version, role, sha256, seed, width, parent, size, views):
    extra = {} if views == ("whole",) else {"views": list(views)}
    return {
        "name": name,
        "version": version,
        "role": role,
        "created_at": CREATED_AT,
        "file": "model.pt",
        "sha256": sha256,
        "input": {"height": size, "width": size, "channels": 3 * len(views), "layout": "NCHW",
                  "dtype": "float32", "color": "RGB", "value_range": [0.0, 1.0], **extra},
        "preprocessing": {
            "decode": "8-bit sRGB, EXIF orientation applied, alpha composited over white",
            "resize": "bilinear_antialias",
            "keep_aspect": False,
            "normalization": "inside_model",
        },
        "outputs": {"score": {"range": [0.0, 1.0], "mos_scale": 100.0},
                    "qmap": {"shape": [QMAP_CHANNELS, size, size]}},
        "config": {"arch": "fixture_iqa", "width": width},
        "metrics": {},
        "lineage": {"parent": parent, "data": "none (random weights, test fixture)", "seed": seed,
                    "recipe": "training/scripts/make_fixture_models.py"},
    }


def golden_images() -> dict[str, Image.Image]:
    """Two small RGB PNGs that the resize must not just copy: a non-square downscale with fine texture (the
    antialias filter matters) and an upscale of a few smooth blobs. For a native crop the first is cut at its own
    pixels and the second, smaller than the input, enlarged first."""
    rng = np.random.default_rng(5678)
    y, x = np.mgrid[0:90, 0:120] / 90.0
    texture = np.stack([np.sin(x * 40) * 0.5 + 0.5, y, np.cos((x + y) * 25) * 0.5 + 0.5], axis=-1)
    texture = np.clip(texture * 0.8 + rng.uniform(0, 0.2, texture.shape), 0, 1)
    blobs = rng.uniform(0, 1, (5, 3, 3)).repeat(8, axis=0).repeat(8, axis=1)
    return {name: Image.fromarray((pixels * 255).round().astype(np.uint8), "RGB")
            for name, pixels in (("img_0.png", texture), ("img_1.png", blobs))}


def export(out: Path, name: str, version: str, role: str, seed: int, width: int, parent=None,
           size: int = DEFAULT_SIZE, views: tuple[str, ...] = ("whole",), onnx: bool = True):
    from training.export.onnx_model import ONNX_FILE, list_files, write_onnx  # here: lines above FixtureIqa stay put

    folder = out / name / version
    folder.mkdir(parents=True, exist_ok=True)
    model = build(seed, width, 3 * len(views))
    model_file = folder / "model.pt"
    model.save(str(model_file))
    sha256 = hashlib.sha256(model_file.read_bytes()).hexdigest()
    described = manifest(name, version, role, sha256, seed, width, parent, size, views)
    if onnx:  # the same weights for ONNX Runtime, listed in `files` beside the TorchScript file
        write_onnx(model, folder / ONNX_FILE, 3 * len(views), size)
        described = list_files(described, hashlib.sha256((folder / ONNX_FILE).read_bytes()).hexdigest())
    text = json.dumps(described, indent=2) + "\n"
    (folder / "manifest.json").write_text(text)
    write_golden(model, size, folder / "golden", golden_images(), views)
    print(f"{folder}: sha256={sha256} size={model_file.stat().st_size}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("src/test/resources/model-cache"))
    out = parser.parse_args().out
    torch.set_num_threads(1)
    export(out, "fixture_student", "1.0.0", "student", seed=1, width=6)
    export(out, "fixture_student", "1.1.0", "student", seed=2, width=6, parent="fixture_student/1.0.0")
    # Teachers serve on GPUs (PyTorch): these stay TorchScript-only, the case of versions exported before ONNX.
    export(out, "fixture_teacher", "1.0.0", "teacher", seed=3, width=12, onnx=False)
    export(out, "fixture_teacher_96", "1.0.0", "teacher", seed=4, width=12, size=96, onnx=False)
    export(out, "fixture_student_views", "1.0.0", "student", seed=5, width=6, views=("whole", "native_crop"))


if __name__ == "__main__":
    main()
