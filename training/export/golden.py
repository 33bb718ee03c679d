"""golden/ of a model-cache version: what the Java parity test replays (model-cache/README.md).

The tensor case's input is generated, not stored: `golden_tensor` is an integer hash that Java recomputes bit for
bit (`GoldenParityTest.generatedBatch`), so a 512² golden costs bytes of JSON instead of a 6 MB float file in git.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from ..data.preprocess import model_input

TOLERANCE = {"score": 1e-4, "qmap": 1e-3}
GENERATOR = "lowbias32"


def golden_tensor(shape: tuple[int, ...]) -> torch.Tensor:
    """Noise in [0, 1) from element index i: the top 24 bits of Wellons' lowbias32 hash of i, over 2^24 (exact in
    float32, so no rounding can differ between languages)."""
    h = np.arange(int(np.prod(shape)), dtype=np.uint64)
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x7FEB352D)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(15)
    h = (h * np.uint64(0x846CA68B)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(16)
    return torch.from_numpy(((h >> np.uint64(8)).astype(np.float32) / np.float32(1 << 24)).reshape(shape))


def _outputs(model: torch.jit.ScriptModule, x: torch.Tensor) -> tuple[list[float], list[float], list[float]]:
    with torch.no_grad():
        scores, qmaps = model(x)
    return ([float(s) for s in scores], [float(q.mean()) for q in qmaps], [float(q.norm()) for q in qmaps])


def tensor_case(model: torch.jit.ScriptModule, size: int, batch: int = 2, channels: int = 3) -> dict:
    shape = (batch, channels, size, size)
    scores, means, norms = _outputs(model, golden_tensor(shape))
    return {"generator": GENERATOR, "shape": list(shape), "scores": scores, "qmap_mean": means, "qmap_l2": norms}


def write_golden(model: torch.jit.ScriptModule, size: int, folder: Path, images: dict[str, Image.Image],
                 views=("whole",), decode_reduction: dict | None = None) -> None:
    """`golden/golden.json` with one case per image (saved beside it as PNG, replayed through the serving
    preprocessing of the model's `views`) and the generated tensor case (the model alone)."""
    folder.mkdir(parents=True, exist_ok=True)
    cases = []
    for name, image in images.items():
        image.save(folder / name)
        scores, means, norms = _outputs(model, model_input(folder / name, size, size, views, decode_reduction)[None])
        cases.append({"image": name, "score": scores[0], "qmap_mean": means[0], "qmap_l2": norms[0]})
    golden = {"tolerance": TOLERANCE, "cases": cases, "tensor_case": tensor_case(model, size, channels=3 * len(views))}
    (folder / "golden.json").write_text(json.dumps(golden, indent=2) + "\n")
