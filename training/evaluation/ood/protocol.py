"""The out-of-domain robustness protocol: every model of model-cache/ and BRISQUE on the same chains.

Each model scores a degraded photo exactly as serving would: the full-resolution image through the manifest's
preprocessing (whole-image antialiased bilinear resize to the model's input). With `delivery="jpeg"` every step
reaches the models as a JPEG upload (quality 95) and is decoded as each manifest says, so a declared
`decode_reduction` takes effect as it does in the service; with the default `"array"` the models read the
degraded pixels themselves. BRISQUE, the anchor, is the SVR on all 937 CLIVE photos and reads each degraded array
reduced to CLIVE's scale (500 px on the short side), where it learnt its statistics, in both deliveries.
"""
from __future__ import annotations

import io
import json
import shlex
import sys
import time
from pathlib import Path
from typing import Sequence

import cv2
import numpy as np
import torch
from PIL import Image

from .. import plots, robustness
from ..baselines import brisque
from ...data import splits
from ...data.preprocess import load_rgb, min_decoded_short_side, model_views, to_tensor
from ...export.model_cache import MODEL_CACHE, version_key
from ...models.served import served
from . import degradations, photos

BRISQUE = "BRISQUE"
BRISQUE_SHORT_SIDE = 500
DELIVERIES = ("array", "jpeg")
UPLOAD_JPEG_QUALITY = 95


def served_models(root: Path = MODEL_CACHE) -> list[str]:
    """Every NAME/VERSION in the model cache, students first, oldest version first."""
    found = [f"{d.parent.name}/{d.name}" for d in root.glob("*/*") if (d / "manifest.json").exists()]
    return sorted(found, key=lambda m: ("teacher" in m, m.split("/")[0], version_key(Path(m))))


def _version_dir(model: str) -> Path:
    """NAME/VERSION of the model cache, or the path of a version folder exported elsewhere (a candidate)."""
    path = Path(model)
    return path if (path / "manifest.json").exists() else MODEL_CACHE / model


def upload_bytes(img: np.ndarray) -> bytes:
    """A degraded step as the JPEG upload of `delivery="jpeg"` (Pillow's libjpeg, quality 95, 4:2:0)."""
    buffer = io.BytesIO()
    Image.fromarray(img).save(buffer, format="JPEG", quality=UPLOAD_JPEG_QUALITY)
    return buffer.getvalue()


class _ModelInputs:
    """The current chain's images prepared per model input (size, views, decode) once, however many models share
    it; under the "jpeg" delivery each step is encoded once and decoded per model as its manifest says."""

    def __init__(self, delivery: str = "array") -> None:
        if delivery not in DELIVERIES:
            raise ValueError(f"delivery {delivery!r}: expected one of {DELIVERIES}")
        self.delivery = delivery
        self._chain: list | None = None
        self._uploads: list[bytes] = []
        self._by_input: dict[tuple, torch.Tensor] = {}

    def __call__(self, chain: list[np.ndarray], height: int, width: int, views=("whole",),
                 min_short_side: int = 0) -> torch.Tensor:
        if chain is not self._chain:
            self._chain, self._by_input = chain, {}
            self._uploads = [upload_bytes(img) for img in chain] if self.delivery == "jpeg" else []
        key = (height, width, tuple(views), min_short_side)
        if key not in self._by_input:
            images = ([load_rgb(io.BytesIO(upload), min_short_side) for upload in self._uploads]
                      if self.delivery == "jpeg" else [Image.fromarray(img) for img in chain])
            self._by_input[key] = torch.stack(
                [model_views(to_tensor(img), views, height, width) for img in images])
        return self._by_input[key]


def model_score_fn(model_dir: Path, inputs: _ModelInputs):
    manifest = json.loads((model_dir / "manifest.json").read_text())
    if manifest["preprocessing"]["resize"] != "bilinear_antialias":
        raise ValueError(f"{model_dir}: preprocessing {manifest['preprocessing']} is not serving's")
    model = served(model_dir)
    height, width = manifest["input"]["height"], manifest["input"]["width"]
    views = manifest["input"].get("views", ["whole"])
    scale = manifest["outputs"]["score"]["mos_scale"]
    # Only an upload is a JPEG to decode reduced; pixels handed over as an array are the photo at its full size.
    min_short_side = (min_decoded_short_side(manifest["preprocessing"].get("decode_reduction"), views, height, width)
                      if inputs.delivery == "jpeg" else 0)

    @torch.no_grad()
    def score(chain):
        return (model(inputs(chain, height, width, views, min_short_side))[0] * scale).tolist()
    return score


def brisque_score_fn(root: str | Path, seed: int):
    model = brisque.train_on_names(root, [n for n, _ in splits.load_clive(root)], seed)

    def score(chain):
        reduced = []
        for img in chain:
            h, w = img.shape[:2]
            s = min(1.0, BRISQUE_SHORT_SIDE / min(h, w))
            reduced.append(cv2.resize(img, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA))
        return model.score_images(reduced)
    return score


def run(root: str | Path, models: Sequence[str] | None, seed: int, out: Path | None, threads: int = 2,
        delivery: str = "array") -> dict:
    """Score every chain with each model and BRISQUE; the report, also written to `out` with a plot beside it."""
    torch.set_num_threads(threads)
    started = time.time()
    models = list(models) if models else served_models()
    inputs = _ModelInputs(delivery)
    score_fns = {m: model_score_fn(_version_dir(m), inputs) for m in models}
    score_fns[BRISQUE] = brisque_score_fn(root, seed)
    sources = photos.prepared()
    reports = robustness.robustness_reports(score_fns, [img for _, img in sources], degradations.KINDS,
                                            range(degradations.MAX_LEVEL + 1), seed, degradations.degrade,
                                            progress=True)
    report = {"protocol": "ood", "seed": seed, "delivery": delivery, "kinds": list(degradations.KINDS),
              "severity": degradations.SEVERITY, "photos": photos.provenance(),
              "resolutions": sorted({f"{img.shape[1]}x{img.shape[0]}" for _, img in sources}),
              "models": reports, "seconds": round(time.time() - started),
              "command": "python3 -m training.evaluation.robustness " + shlex.join(sys.argv[1:])}
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=1))
        plot(report, out.with_suffix(".png"))
    return report


def table(report: dict) -> str:
    """Markdown: one row per model, the sign-flipped rho per kind and the mean (+1 = the score falls at every step)."""
    kinds = report["kinds"]
    lines = ["| model | " + " | ".join(kinds) + " | mean |", "|---" * (len(kinds) + 2) + "|"]
    for name, r in report["models"].items():
        lines.append(f"| {name} | " + " | ".join(f"{r['per_kind'][k]:+.2f}" for k in kinds)
                     + f" | {r['overall']:+.3f} |")
    return "\n".join(lines)


def plot(report: dict, path: Path) -> None:
    plots.robustness_grid_plot(report["models"], path,
                               f"Out-of-domain robustness: {len(report['photos']['photos'])} photos, mean score per "
                               "step (legend: sign-flipped Spearman, +1 = falls at every step)")
