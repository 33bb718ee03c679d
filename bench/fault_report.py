"""Render target/fault-report.jsonl (written by the pipeline's fault tests) as the fault table of bench/RESULTS.md.

    /usr/bin/python3 bench/fault_report.py target/fault-report.jsonl bench/RESULTS.md "COMMAND"
"""
import json
import sys
from pathlib import Path

from sections import date_line, machine_line, splice

BEGIN = "<!-- bench/faults.sh: generated section begins -->"
END = "<!-- bench/faults.sh: generated section ends -->"


def section(cases: list[dict], command: str) -> str:
    lines = [
        "### Pipeline faults: events lost and duplicated (both must be 0)",
        "",
        f"- Command: `{command}`",
        date_line(),
        machine_line(),
        "- Each case is a test on a real embedded broker (`UploadPipelineTest`, `StudentOnlyPipelineTest`, "
        "`RedistillationPipelineTest`, `PipelineCrashIT`); recovery: from the fault to the first answer written "
        "after it (– where answering never stopped)",
        "",
        "| fault | what happened | events | lost | duplicates | recovery s |",
        "|---|---|---|---|---|---|",
    ]
    for case in cases:
        recovery = "–" if case["recovery_s"] is None else f"{case['recovery_s']:.1f}"
        lines.append(f"| {case['fault']} | {case['outcome']} | {case['events']} | {case['lost']} "
                     f"| {case['duplicates']} | {recovery} |")
    total_lost = sum(c["lost"] for c in cases)
    total_duplicates = sum(c["duplicates"] for c in cases)
    lines += ["", f"Total over {len(cases)} cases: {total_lost} lost, {total_duplicates} duplicated."]
    return "\n".join(lines)


def main() -> None:
    report, results, command = sys.argv[1:4]
    cases = [json.loads(line) for line in Path(report).read_text().splitlines() if line.strip()]
    splice(Path(results), BEGIN, END, section(cases, command))


if __name__ == "__main__":
    main()
