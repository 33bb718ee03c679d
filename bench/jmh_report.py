"""Summarise JMH's JSON result (bench/jmh.sh) into its generated section of bench/RESULTS.md.

    /usr/bin/python3 bench/jmh_report.py JMH.json RESULTS.md "COMMAND" "JPEG-SIZE"
"""
import json
import statistics
import sys
from pathlib import Path

from sections import date_line, machine_line, splice

BEGIN = "<!-- bench/jmh.sh: generated section begins -->"
END = "<!-- bench/jmh.sh: generated section ends -->"


def iterations(run: dict) -> list[float]:
    return [x for fork in run["primaryMetric"]["rawData"] for x in fork]


def section(runs: list[dict], command: str, jpeg: str) -> str:
    rows, per_image = [], {}
    for run in runs:
        name = run["benchmark"].rsplit(".", 2)[-2] + "." + run["benchmark"].rsplit(".", 1)[-1]
        params = run.get("params", {})
        batch, threads, engine = int(params.get("batch", 1)), params.get("threads", "–"), params.get("engine", "–")
        xs = iterations(run)
        rows.append(f"| {name} | {engine} | {batch if 'batch' in params else '–'} | {threads} | {min(xs):.1f} "
                    f"| {statistics.median(xs):.1f} | {max(xs):.1f} | {statistics.median(xs) / batch:.1f} |")
        per_image[(name, engine, str(batch), str(threads))] = statistics.median(xs) / batch
    model = next((r["params"]["model"] for r in runs if "model" in r.get("params", {})), "?")
    lines = [
        "### JMH: one image's stages, and the forward pass by engine, batch and threads",
        "",
        f"- Command: `{command}`",
        date_line(),
        machine_line(),
        f"- Decode: a {jpeg} JPEG from bench/make_jpegs.py through `ImageIntake`, at full size (`decode`) and as "
        f"serving decodes it for the newest {model} (`decodeForModel`: reduced where its manifest's decode_reduction "
        "allows); resize: each decoded photo to that model's input tensor; forward: that model on DJL PyTorch and on "
        "ONNX Runtime, random inputs",
        f"- JMH average time, {runs[0]['forks']} fork(s) per row, {runs[0]['warmupIterations']} warm-up iterations "
        f"of {runs[0]['warmupTime']} and {runs[0]['measurementIterations']} measured of {runs[0]['measurementTime']}; "
        "min / median / max over the measured iterations",
        "",
        "| benchmark | engine | batch | intra-op threads | min ms | median ms | max ms | median ms per image |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
    ]
    def preparing(decode: str, resize: str) -> float | None:
        """Decode + resize of one image, when both ran."""
        times = [per_image.get((f"IntakeBenchmark.{name}", "–", "1", "–")) for name in (decode, resize)]
        return sum(times) if all(times) else None

    ratios = []
    full, served = preparing("decode", "resizeToTensor"), preparing("decodeForModel", "resizeReducedToTensor")
    for engine in ("pytorch", "onnxruntime"):
        for threads in ("1", "2"):
            b1 = per_image.get(("ForwardBenchmark.forward", engine, "1", threads))
            b8 = per_image.get(("ForwardBenchmark.forward", engine, "8", threads))
            if b1 and full and served:
                ratios.append(f"- {engine}, {threads} thread(s): decode + resize = {full / b1:.2f}x one batch-1 "
                              f"forward pass at full size, {served / b1:.2f}x as served"
                              + (f"; batch 8 costs {b8 / b1:.2f}x batch 1 per image" if b8 else ""))
        t1 = per_image.get(("ForwardBenchmark.forward", engine, "1", "1"))
        t2 = per_image.get(("ForwardBenchmark.forward", engine, "1", "2"))
        if t1 and t2:
            ratios.append(f"- {engine}: 2 threads vs 1 at batch 1: {t1 / t2:.2f}x faster")
    if full and served:
        ratios.append(f"- decode + resize as served vs at full size: {full / served:.2f}x faster")
    return "\n".join(lines + ["", "Ratios (same run):", ""] + ratios)


def main() -> None:
    jmh_json, results, command, jpeg = sys.argv[1:5]
    splice(Path(results), BEGIN, END, section(json.loads(Path(jmh_json).read_text()), command, jpeg))


if __name__ == "__main__":
    main()
