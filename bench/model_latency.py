"""Model-only latency of the registered student and compact teacher at their serving input size: TorchScript,
float32, batch 1 and 8, as the Java engine runs them. Weights are random (latency does not depend on them), so
this runs anywhere the training code does, a GPU machine with no Java included. The serving input size, and the
networks an ensemble averages, are the newest model-cache version's (its manifest), else the registered default.

    python3 bench/model_latency.py --device cuda --out bench/out/model_latency.json

On a GPU each figure is the median of CUDA-event timings after warm-up; on a CPU, of wall-clock timings.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from training.export.model_cache import version_key  # noqa: E402
from training.models.ensemble import MeanOfModels  # noqa: E402
from training.models.registry import create_model  # noqa: E402

MODEL_CACHE = Path(__file__).resolve().parents[1] / "model-cache"

MODELS = ("dpiqa_student_mobilenetv2", "dpiqa_teacher_compact")


def serving_networks(name: str, cache: Path = MODEL_CACHE, version: str | None = None) -> list[dict] | None:
    """The networks `version` (default: the newest version, compared numerically) of `name` in `cache` runs on each
    image, as [{"name", "input_size", "weight"}], if it is shipped: an ensemble (`config.ensemble_of`) runs every
    member; a mixed one (`config.members`) names each; a composed one adds the versions it is served with
    (`compose`), e.g. a teacher beside a student's members."""
    manifests = sorted(cache.glob(f"{name}/*/manifest.json"), key=lambda p: version_key(p.parent))
    if version:
        manifests = [m for m in manifests if m.parent.name == version]
        if not manifests:
            raise SystemExit(f"{name} {version} is not in {cache}")
    if not manifests:
        return None
    manifest = json.loads(manifests[-1].read_text())
    config, compose = manifest.get("config", {}), manifest.get("compose", {"self": 1.0, "versions": []})
    own = config.get("members") or [{"name": name, "input_size": manifest["input"]["height"], "weight": 1.0}
                                    ] * config.get("ensemble_of", 1)
    beside = [{**network, "weight": network["weight"] * ref["weight"]} for ref in compose["versions"]
              for network in serving_networks(ref["name"], cache, ref["version"])]
    return [{**m, "weight": m["weight"] * compose["self"]} for m in own] + beside


def served_model(name: str, cache: Path = MODEL_CACHE, version: str | None = None) -> torch.nn.Module:
    """`name` shaped as `version` (default: its newest) serves it (input sizes, members), random weights."""
    members = serving_networks(name, cache, version)
    if members is None:
        return create_model(name, pretrained=False)
    networks = [create_model(m["name"], pretrained=False, input_size=m["input_size"]) for m in members]
    return networks[0] if len(networks) == 1 else MeanOfModels(networks, [m["weight"] for m in members])


def timed(fn, device: str, repeats: int) -> float:
    """Median milliseconds of `fn()` over `repeats` calls."""
    samples = []
    for _ in range(repeats):
        if device.startswith("cuda"):
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            fn()
            end.record()
            torch.cuda.synchronize()
            samples.append(start.elapsed_time(end))
        else:
            began = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--batches", default="1,8")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--models", nargs="+", default=list(MODELS),
                        help="registry names, NAME@VERSION for a version other than the newest (default: %(default)s)")
    parser.add_argument("--cache", type=Path, default=MODEL_CACHE,
                        help="the model cache whose versions shape the models (default: the repository's)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows = []
    with torch.no_grad():
        for spec in args.models:
            name, _, version = spec.partition("@")
            model = served_model(name, args.cache, version or None).eval()
            size = model.dpiqa_config["input_size"]
            scripted = torch.jit.script(model).to(args.device)
            for batch in map(int, args.batches.split(",")):
                x = torch.rand(batch, 3, size, size, device=args.device)
                for _ in range(5):
                    scripted(x)
                ms = timed(lambda: scripted(x), args.device, args.repeats)
                rows.append({"model": spec, "input": size, "networks": len(getattr(model, "members", [model])),
                             "batch": batch, "ms_per_batch": round(ms, 2),
                             "ms_per_image": round(ms / batch, 2)})
                print(json.dumps(rows[-1]), flush=True)
    report = {"device": torch.cuda.get_device_name() if args.device.startswith("cuda") else "cpu",
              "torch": torch.__version__, "threads": torch.get_num_threads(), "rows": rows}
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
