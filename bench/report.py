"""Summarise ServingBench and python_latency JSON into the generated section of bench/RESULTS.md.

Only the text between the BEGIN/END markers is replaced, so hand-written findings around it survive reruns.

    /usr/bin/python3 bench/report.py JAVA.json PYTHON_BEFORE.json PYTHON_AFTER.json RESULTS.md "COMMAND" "ALLOCATOR" "LABEL"

PYTHON_BEFORE and PYTHON_AFTER are python_latency runs right before and after the Java run; their samples are pooled.
"""
import json
import statistics
import sys
from pathlib import Path

from sections import date_line, machine_line, splice

BEGIN = "<!-- bench/run.sh: generated section begins -->"
END = "<!-- bench/run.sh: generated section ends -->"


def row(name: str, samples: list[float], batch: int) -> str:
    median = statistics.median(samples)
    return (f"| {name} | {batch} | {min(samples):.1f} | {median:.1f} | {max(samples):.1f} "
            f"| {1000 * batch / median:.2f} |")


def ratio(rates: dict, top: str, bottom: str, batch: int) -> float:
    return statistics.median(rates[f"{top}/{batch}"]) / statistics.median(rates[f"{bottom}/{batch}"])


def best(rates: dict, names: tuple, batch: int) -> float:
    """The median of the fastest layout measured: each engine at its best use of the same cores."""
    return max(statistics.median(rates[f"{n}/{batch}"]) for n in names if f"{n}/{batch}" in rates)


def ort_ratios(rates: dict, batches: list[int]) -> list[str]:
    """ONNX Runtime against its own model-only path, Python torch and DJL; the parallel layout is how it serves."""
    parallel = "java_ort_parallel_model_only/1" in rates
    head = ["batch", "ORT e2e / model-only, serial (goal >= 0.9)"]
    head += ["ORT e2e / model-only, parallel as served (goal >= 0.9)", "ORT / Python, parallel"] if parallel else []
    head += ["ORT / Python, serial", "ORT / Python, each at its best layout (goal >= 1.15)", "ORT / DJL, serial"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for b in batches:
        cells = [str(b), f"{ratio(rates, 'java_ort_end_to_end', 'java_ort_model_only', b):.3g}"]
        if parallel:
            cells += [f"{ratio(rates, 'java_ort_parallel_end_to_end', 'java_ort_parallel_model_only', b):.3g}",
                      f"{ratio(rates, 'java_ort_parallel_model_only', 'python_parallel_model_only', b):.3g}"]
        ort_best = best(rates, ("java_ort_model_only", "java_ort_parallel_model_only"), b)
        python_best = best(rates, ("python_model_only", "python_parallel_model_only"), b)
        cells += [f"{ratio(rates, 'java_ort_model_only', 'python_model_only', b):.3g}",
                  f"{ort_best / python_best:.3g}", f"{ratio(rates, 'java_ort_model_only', 'java_model_only', b):.3g}"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def section(java: dict, python: dict, command: str, allocator: str, label: str) -> str:
    rates = {**java["images_per_s"], **python["images_per_s"]}
    batches = sorted({int(key.split("/")[1]) for key in rates})
    lines = [
        f"### {label}",
        "",
        f"- Command: `{command}`",
        date_line(),
        machine_line(),
        f"- Model: {java['model']}, input {java['input']}; {java['threads']} cores' worth of threads, 1 inter-op: "
        f"serial = one forward pass at a time on {java['threads']} intra-op threads, parallel = {java['threads']} "
        f"passes at once on one thread each (ONNX Runtime's serving default; Python runs both layouts too)",
        f"- Images: {java['jpeg']['count']} JPEGs of {java['jpeg']['size']}, "
        f"mean {java['jpeg']['mean_bytes'] / 1024:.0f} KiB (bench/make_jpegs.py); end to end decoded for the model "
        f"at {java['jpeg']['decoded_for_model']} (manifest decode_reduction), on a pool of {java['threads']} threads "
        f"streaming into the micro-batcher",
        f"- Protocol: {java['repeats']} repeats, each sample >= {java['images_per_sample']} images, "
        f"2 warm-up samples, paths alternate within each repeat; Python measured right before and right after the "
        f"Java run, its samples pooled",
        f"- Allocator: {allocator}; Java: DJL libtorch 2.7.1 (java_*) and ONNX Runtime 1.22 (java_ort_*), "
        f"Python torch {python['torch']}; peak RSS of the bench JVM (both engines, 8 decoded photos): "
        f"{java['peak_rss_mib']:.0f} MiB",
        "",
        "| path | batch | min img/s | median img/s | max img/s | median ms/batch |",
        "|---|---|---|---|---|---|",
    ]
    names = ("java_ort_parallel_end_to_end", "java_ort_parallel_model_only", "java_ort_end_to_end",
             "java_ort_model_only", "java_end_to_end", "java_model_only", "python_parallel_model_only",
             "python_model_only")
    for name in (n for n in names if f"{n}/{batches[0]}" in rates):
        lines += [row(name, rates[f"{name}/{b}"], b) for b in batches]
    if "java_ort_model_only/1" in rates:
        lines += ["", *ort_ratios(rates, batches)]
    lines += ["", "| batch | DJL e2e / model-only | DJL / Python model-only (serial) |", "|---|---|---|"]
    lines += [f"| {b} | {ratio(rates, 'java_end_to_end', 'java_model_only', b):.3g} "
              f"| {ratio(rates, 'java_model_only', 'python_model_only', b):.3g} |" for b in batches]
    return "\n".join(lines)


def pooled(before: dict, after: dict) -> dict:
    """One Python result holding the samples of the runs before and after the Java run."""
    return {**before, "images_per_s": {path: samples + after["images_per_s"][path]
                                       for path, samples in before["images_per_s"].items()}}


def main() -> None:
    java_json, before_json, after_json, results, command, allocator, label = sys.argv[1:8]
    python = pooled(json.loads(Path(before_json).read_text()), json.loads(Path(after_json).read_text()))
    generated = section(json.loads(Path(java_json).read_text()), python, command, allocator, label)
    splice(Path(results), BEGIN, END, generated)


if __name__ == "__main__":
    main()
