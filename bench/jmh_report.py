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
        batch, threads = int(params.get("batch", 1)), params.get("threads", "–")
        xs = iterations(run)
        rows.append(f"| {name} | {batch if 'batch' in params else '–'} | {threads} | {min(xs):.1f} "
                    f"| {statistics.median(xs):.1f} | {max(xs):.1f} | {statistics.median(xs) / batch:.1f} |")
        per_image[(name, str(batch), str(threads))] = statistics.median(xs) / batch
    model = next((r["params"]["model"] for r in runs if "model" in r.get("params", {})), "?")
    lines = [
        "### JMH: one image's stages, and the forward pass by batch and threads",
        "",
        f"- Command: `{command}`",
        date_line(),
        machine_line(),
        f"- Decode: a {jpeg} JPEG from bench/make_jpegs.py through `ImageIntake`; resize: the decoded photo to the "
        f"input tensor of the newest {model} (size from its manifest); forward: that model via DJL, random inputs",
        f"- JMH average time, {runs[0]['forks']} fork(s) per row, {runs[0]['warmupIterations']} warm-up iterations "
        f"of {runs[0]['warmupTime']} and {runs[0]['measurementIterations']} measured of {runs[0]['measurementTime']}; "
        "min / median / max over the measured iterations",
        "",
        "| benchmark | batch | intra-op threads | min ms | median ms | max ms | median ms per image |",
        "|---|---|---|---|---|---|---|",
        *rows,
    ]
    decode = per_image.get(("IntakeBenchmark.decode", "1", "–"))
    resize = per_image.get(("IntakeBenchmark.resizeToTensor", "1", "–"))
    ratios = []
    for threads in ("1", "2"):
        b1 = per_image.get(("ForwardBenchmark.forward", "1", threads))
        b8 = per_image.get(("ForwardBenchmark.forward", "8", threads))
        if decode and resize and b1:
            ratios.append(f"- {threads} thread(s): decode + resize = {(decode + resize) / b1:.2f}x one batch-1 "
                          f"forward pass" + (f"; batch 8 costs {b8 / b1:.2f}x batch 1 per image" if b8 else ""))
    t1 = per_image.get(("ForwardBenchmark.forward", "1", "1"))
    t2 = per_image.get(("ForwardBenchmark.forward", "1", "2"))
    if t1 and t2:
        ratios.append(f"- 2 threads vs 1 at batch 1: {t1 / t2:.2f}x faster")
    return "\n".join(lines + ["", "Ratios (same run):", ""] + ratios)


def main() -> None:
    jmh_json, results, command, jpeg = sys.argv[1:5]
    splice(Path(results), BEGIN, END, section(json.loads(Path(jmh_json).read_text()), command, jpeg))


if __name__ == "__main__":
    main()
