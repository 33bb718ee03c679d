"""A Dockerfile read into stages and instructions, enough to check it without a container engine."""
import json
import re
import shlex
from dataclasses import dataclass, field
from functools import cache

from app_facts import ROOT

PATH = ROOT / "docker/Dockerfile"


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [args for kw, args in self.instructions if kw == keyword]


@dataclass
class Dockerfile:
    global_args: dict[str, str]
    stages: list[Stage]
    header: str

    def stage(self, name: str) -> Stage:
        return next(s for s in self.stages if s.name == name)

    def expand(self, text: str, args: dict[str, str] | None = None) -> str:
        values = {**self.global_args, **(args or {})}
        return re.sub(r"\$\{(\w+)\}", lambda m: values[m.group(1)], text)

    def env(self, stage: Stage) -> dict[str, str]:
        env = {}
        for args in stage.all("ENV"):
            env.update(dict(pair.split("=", 1) for pair in shlex.split(args)))
        return env

    def exec_form(self, stage: Stage, keyword: str) -> list[str]:
        return json.loads(stage.all(keyword)[-1])


@cache
def parse() -> Dockerfile:
    text = PATH.read_text()
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    global_args, stages = {}, []
    for line in joined.splitlines():
        if not line.strip():
            continue
        keyword, _, args = line.strip().partition(" ")
        keyword, args = keyword.upper(), " ".join(args.split())
        if keyword == "FROM":
            m = re.fullmatch(r"(\S+)(?: AS (\S+))?", args, re.I)
            stages.append(Stage(m.group(1), m.group(2)))
        elif not stages and keyword == "ARG":
            name, _, default = args.partition("=")
            global_args[name] = default
        else:
            stages[-1].instructions.append((keyword, args))
    return Dockerfile(global_args, stages, header)
