"""Summarise PipelineBench JSON into its generated section of bench/RESULTS.md.

    /usr/bin/python3 bench/pipeline_report.py PIPELINE.json RESULTS.md "COMMAND" "IMAGES"
"""
import json
import sys
from pathlib import Path

from sections import date_line, machine_line, splice

BEGIN = "<!-- bench/pipeline.sh: generated section begins -->"
END = "<!-- bench/pipeline.sh: generated section ends -->"
# The service's threads by what they do (bench ThreadCpu): the model's include ONNX Runtime's native ones.
ROLES = ("model", "decode", "kafka", "jit", "gc", "other")


def spread(run: dict) -> str:
    """ " (min–max)" of the bursts' ratios, where the run has several."""
    ratios = run.get("burst_ratios", [])
    return f" ({min(ratios):.2f}–{max(ratios):.2f})" if len(ratios) > 1 else ""


def section(result: dict, command: str, images: str) -> str:
    lines = [
        "### Kafka pipeline: through the broker vs the engine in-process",
        "",
        f"- Command: `{command}`",
        date_line(),
        machine_line(),
        f"- Images: {images}; uploads by file URI; per poll batch a warm-up (rounds of {result['events']} uploads "
        "until the JIT compiler takes < 2 % of the service's CPU, at most 6), 3 bursts of "
        f"{result['events']} events (the capacity: their median), then streams offered at fixed fractions of that "
        "capacity",
        "- Service: the packaged app (`serve`), its own process, cascade off; broker in the bench JVM; memory read "
        "after the last stream (RSS from /proc, heap in use from its Prometheus endpoint)",
        "- In-process: the same student on the same engine, decode pool of 4 and micro-batches as the service's "
        "(column micro-batch: `dpiqa.scoring.max-batch`, by default 1 on ONNX Runtime and 8 on PyTorch), fed a "
        "steady stream with 4 uploads beyond a micro-batch in flight (the model never waits for a decode), measured "
        "before the first burst, between bursts and after the last; ratio = the median over bursts of the burst's "
        "rate to the mean of the in-process rates either side of it (min–max in brackets)",
        "- Engine: `dpiqa.models.engine` auto (ONNX Runtime on this CPU) at every poll batch, then DJL PyTorch at the "
        "default poll batch for its memory beside ONNX Runtime's",
        "",
        "| poll batch | engine | micro-batch | in-process img/s | pipeline events/s (burst) | ratio (goal >= 0.9) "
        "| start-up to ready s | warm-up rounds | RSS MiB | heap MiB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, run in result["pipeline"].items():
        mem = run["memory_after_load"]
        lines.append(f"| {key.split()[0]} | {run.get('engine', '?')} | {run.get('max_batch', 8)} "
                     f"| {run['in_process_images_per_s']:.1f} "
                     f"| {run['burst_events_per_s']:.1f} | {run['ratio_to_in_process']:.2f}{spread(run)} "
                     f"| {run['startup_to_ready_s']:.1f} | {run['warm_up_rounds']} | {mem['rss_mib']:.0f} "
                     f"| {mem['heap_used_mib']:.0f} |")
    lines += ["", "CPU per upload during the burst (all threads, user + system; the in-process JVM also holds the idle "
              "broker):", "",
              "| poll batch | engine | in-process CPU ms/image | service CPU ms/event (" + " / ".join(ROLES)
              + ") | broker + bench clients CPU ms/event | service / in-process (broker elsewhere) "
              "| total / in-process |", "|---|---|---|---|---|---|---|"]
    for key, run in result["pipeline"].items():
        cpu, alone = run["burst_cpu"], run["in_process_cpu_s_per_image"]
        total = cpu["service_s_per_event"] + cpu["broker_and_bench_clients_s_per_event"]
        roles = " / ".join(f"{1000 * cpu['service_by_role_s_per_event'].get(role, 0):.0f}" for role in ROLES)
        lines.append(f"| {key.split()[0]} | {run.get('engine', '?')} | {1000 * alone:.0f} "
                     f"| {1000 * cpu['service_s_per_event']:.0f} ({roles}) "
                     f"| {1000 * cpu['broker_and_bench_clients_s_per_event']:.0f} "
                     f"| {cpu['service_s_per_event'] / alone:.2f} | {total / alone:.2f} |")
    lines += ["", "Latency at fixed offered rates (upload record to quality record):", "",
              "| poll batch | offered (share of capacity) | offered events/s | achieved events/s | p50 ms | p99 ms "
              "| max ms |", "|---|---|---|---|---|---|---|"]
    for key, run in result["pipeline"].items():
        for fraction, point in run["offered_rate_sweep"].items():
            lat = point["latency_ms"]
            lines.append(f"| {key} | {float(fraction):.0%} | {point['offered_per_s']:.1f} "
                         f"| {point['achieved_per_s']:.1f} | {lat['p50']:.0f} | {lat['p99']:.0f} | {lat['max']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    pipeline_json, results, command, images = sys.argv[1:5]
    splice(Path(results), BEGIN, END, section(json.loads(Path(pipeline_json).read_text()), command, images))


if __name__ == "__main__":
    main()
