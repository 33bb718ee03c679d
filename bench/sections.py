"""Shared by the bench report scripts: the machine's description, and replacing one generated section of
bench/RESULTS.md between its markers so hand-written text around it survives reruns."""
import os
import platform
from datetime import datetime, timezone
from pathlib import Path


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def machine_line() -> str:
    return (f"- Machine: {os.cpu_count()} cores, {cpu_model()}; load average at the end "
            f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())} (1/5/15 min)")


def date_line() -> str:
    return f"- Date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}"


def splice(results: Path, begin: str, end: str, generated: str) -> None:
    """Replaces the text between the markers; appends the markers when the file has none yet."""
    text = results.read_text() if results.exists() else "# Benchmarks\n"
    if begin not in text:
        text = f"{text.rstrip()}\n\n{begin}\n{end}\n"
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
    results.write_text(f"{head}{begin}\n{generated}\n{end}{tail}")
