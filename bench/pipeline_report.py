"""Summarise PipelineBench JSON into its generated section of bench/RESULTS.md.

    /usr/bin/python3 bench/pipeline_report.py PIPELINE.json RESULTS.md "COMMAND" "IMAGES"
"""
import json
import sys
from pathlib import Path

from sections import date_line, machine_line, splice

BEGIN = "<!-- bench/pipeline.sh: generated section begins -->"
END = "<!-- bench/pipeline.sh: generated section ends -->"


def section(result: dict, command: str, images: str) -> str:
    lines = [
        "### Kafka pipeline: through the broker vs the engine in-process",
        "",
        f"- Command: `{command}`",
        date_line(),
        machine_line(),
        f"- Images: {images}; uploads by file URI; per poll batch a warm-up and a burst of {result['events']} "
        "events, then half as many paced at half the burst rate (latency without queueing)",
        "- Service: the packaged app (`serve`), its own process, cascade off; broker in the bench JVM",
        "- In-process: the same student, decode pool of 4 (as the service), micro-batches of up to 8, measured "
        "right before and after each pipeline run (mean)",
        "",
        "| poll batch | in-process img/s | pipeline events/s (burst) | ratio (goal >= 0.8) "
        "| paced at events/s | p50 ms | p99 ms | start-up to ready s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for batch, run in result["pipeline"].items():
        lat = run["paced_latency_ms"]
        lines.append(f"| {batch} | {run['in_process_images_per_s']:.1f} | {run['burst_events_per_s']:.1f} "
                     f"| {run['ratio_to_in_process']:.2f} | {run['paced_offered_per_s']:.1f} | {lat['p50']:.0f} "
                     f"| {lat['p99']:.0f} | {run['startup_to_ready_s']:.1f} |")
    return "\n".join(lines)


def main() -> None:
    pipeline_json, results, command, images = sys.argv[1:5]
    splice(Path(results), BEGIN, END, section(json.loads(Path(pipeline_json).read_text()), command, images))


if __name__ == "__main__":
    main()
