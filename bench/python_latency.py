"""Python/libtorch model-only throughput of a model-cache TorchScript model, the reference for DJL's overhead.

Same protocol as the Java ServingBench: manifest input size, batches 1 and 8 alternating, 2 warm-up samples,
then `repeats` samples of at least `images` images each, one inter-op thread, in two layouts as Java's ONNX
Runtime: one forward pass at a time on `threads` intra-op threads (`python_model_only`), and, for threads > 1,
`threads` passes at once on one thread each (`python_parallel_model_only`; TorchScript releases the GIL).
Writes {"images_per_s": {"python_model_only/<batch>": [...], ...}, ...} as JSON.

    /usr/bin/python3 bench/python_latency.py MODEL_DIR OUT.json --threads 2 --repeats 5 --images 48
"""
import argparse
import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import torch

BATCHES = (1, 8)
WARMUP_SAMPLES = 2


def measure(model: torch.jit.ScriptModule, batch: torch.Tensor, images: int, callers: ThreadPoolExecutor,
            streams: int, threads: int) -> float:
    """Images per second over enough whole batches to score at least `images` images, `streams` at a time."""
    runs = max(1, -(-images // len(batch)))

    def forward_passes(count: int) -> None:
        torch.set_num_threads(threads)  # OpenMP's thread count is per calling thread
        with torch.inference_mode():
            for _ in range(count):
                model(batch)

    start = time.perf_counter()
    shares = [runs // streams + (s < runs % streams) for s in range(streams)]
    list(callers.map(forward_passes, shares))
    return runs * len(batch) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--images", type=int, default=48)
    args = parser.parse_args()
    torch.set_num_interop_threads(1)
    manifest = json.loads((args.model_dir / "manifest.json").read_text())
    size = (manifest["input"]["height"], manifest["input"]["width"])
    model = torch.jit.load(str(args.model_dir / manifest["file"]), map_location="cpu").eval()
    batches = {b: torch.rand(b, 3, *size, generator=torch.Generator().manual_seed(b)) for b in BATCHES}
    # (name prefix, forward passes at once, intra-op threads each)
    layouts = [("python_", 1, args.threads)] + ([("python_parallel_", args.threads, 1)] if args.threads > 1 else [])
    samples = {f"{prefix}model_only/{b}": [] for prefix, _, _ in layouts for b in BATCHES}
    with ThreadPoolExecutor(args.threads) as callers:
        for i in range(WARMUP_SAMPLES + args.repeats):
            for prefix, streams, threads in layouts:
                for b, batch in batches.items():
                    rate = measure(model, batch, args.images, callers, streams, threads)
                    if i >= WARMUP_SAMPLES:
                        samples[f"{prefix}model_only/{b}"].append(rate)
    args.out.write_text(json.dumps({"torch": torch.__version__, "threads": args.threads,
                                    "images_per_s": samples}, indent=2))


if __name__ == "__main__":
    main()
