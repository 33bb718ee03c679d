import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import kustomize
from app_facts import ROOT

OVERLAYS = sorted(p for p in (ROOT / "k8s/overlays").iterdir() if p.is_dir())
JS = Path(__file__).parent / "js"


@pytest.fixture(scope="session", params=OVERLAYS, ids=lambda p: p.name)
def overlay(request):
    """(name, rendered objects) of each overlay."""
    return request.param.name, kustomize.render(request.param)


def run_node(script: str, *args: str, stdin: str | None = None):
    """Runs one of js/*.mjs and returns its JSON answer; skips where the validators are not installed, except in CI."""
    if shutil.which("node") is None or not (JS / "node_modules").is_dir():
        message = f"validators not installed: npm ci --prefix {JS.relative_to(ROOT)}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run(["node", str(JS / script), *args], input=stdin, capture_output=True, text=True,
                          timeout=60, check=True)
    return json.loads(done.stdout)
