"""Summarise ServingBench and python_latency JSON into the generated section of bench/RESULTS.md.

Only the text between the BEGIN/END markers is replaced, so hand-written findings around it survive reruns.

    /usr/bin/python3 bench/report.py JAVA.json PYTHON.json RESULTS.md "COMMAND" "ALLOCATOR" "LABEL"
"""
import json
import os
import platform
import statistics
import sys
from datetime import datetime, timezone
from pathlib import Path

BEGIN = "<!-- bench/run.sh: generated section begins -->"
END = "<!-- bench/run.sh: generated section ends -->"


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def row(name: str, samples: list[float], batch: int) -> str:
    median = statistics.median(samples)
    return (f"| {name} | {batch} | {min(samples):.1f} | {median:.1f} | {max(samples):.1f} "
            f"| {1000 * batch / median:.2f} |")


def ratio(rates: dict, top: str, bottom: str, batch: int) -> float:
    return statistics.median(rates[f"{top}/{batch}"]) / statistics.median(rates[f"{bottom}/{batch}"])


def section(java: dict, python: dict, command: str, allocator: str, label: str) -> str:
    rates = {**java["images_per_s"], **python["images_per_s"]}
    batches = sorted({int(key.split("/")[1]) for key in rates})
    lines = [
        f"### {label}",
        "",
        f"- Command: `{command}`",
        f"- Date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: {os.cpu_count()} cores, {cpu_model()}; load average at the end "
        f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())} (1/5/15 min)",
        f"- Model: {java['model']}, input {java['input']}; {java['threads']} intra-op thread(s), 1 inter-op",
        f"- Images: {java['jpeg']['count']} JPEGs of {java['jpeg']['size']}, "
        f"mean {java['jpeg']['mean_bytes'] / 1024:.0f} KiB (bench/make_jpegs.py)",
        f"- Protocol: {java['repeats']} repeats, each sample >= {java['images_per_sample']} images, "
        f"2 warm-up samples, paths alternate within each repeat",
        f"- Allocator: {allocator}; Java DJL libtorch 2.7.1, Python torch {python['torch']}",
        "",
        "| path | batch | min img/s | median img/s | max img/s | median ms/batch |",
        "|---|---|---|---|---|---|",
    ]
    for name in ("java_end_to_end", "java_model_only", "python_model_only"):
        lines += [row(name, rates[f"{name}/{b}"], b) for b in batches]
    lines += ["", "| batch | e2e / model-only (Java, goal >= 0.9) | DJL / Python model-only |", "|---|---|---|"]
    lines += [f"| {b} | {ratio(rates, 'java_end_to_end', 'java_model_only', b):.3g} "
              f"| {ratio(rates, 'java_model_only', 'python_model_only', b):.3g} |" for b in batches]
    return "\n".join(lines)


def main() -> None:
    java_json, python_json, results, command, allocator, label = sys.argv[1:7]
    generated = section(json.loads(Path(java_json).read_text()), json.loads(Path(python_json).read_text()),
                        command, allocator, label)
    path = Path(results)
    text = path.read_text() if path.exists() else f"# Serving benchmark\n\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    path.write_text(f"{head}{BEGIN}\n{generated}\n{END}{tail}")


if __name__ == "__main__":
    main()
