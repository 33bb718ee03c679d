"""docker/Dockerfile checked statically (no container engine runs here): bases, stages, copied paths, the
runtime contract with the app (port, health path, command, environment) and with the ./dpiqa launcher."""
import re
import shlex

import pytest

import app_facts
import dockerfile
from app_facts import ROOT

DF = dockerfile.parse()
RUNTIME = DF.stage("runtime")
FLAVORS = {app_facts.pom_property("pytorch.flavor"), app_facts.pom_property("pytorch.flavor", "cuda")}


def test_every_external_base_image_is_pinned_by_tag():
    stage_names = {s.name for s in DF.stages}
    for stage in DF.stages:
        base = stage.base
        if "${FLAVOR}" in base:
            assert {base.replace("${FLAVOR}", f) for f in FLAVORS} <= stage_names, base
            continue
        image = DF.expand(base)
        if image in stage_names:
            continue
        name, _, tag = image.rpartition("/")[2].partition(":")
        assert tag and tag != "latest", f"{image}: pin a tag"


def test_flavors_are_the_poms_libtorch_flavours_and_the_cuda_build_uses_the_cuda_profile():
    assert DF.global_args["FLAVOR"] == app_facts.pom_property("pytorch.flavor")
    assert {s.name for s in DF.stages if s.name and s.name.startswith("build-")} == {f"build-{f}" for f in FLAVORS}
    assert DF.stage("build-cu128").all("RUN")[-1].endswith("-Pcuda")
    assert "-P" not in DF.stage("build-cpu").all("RUN")[-1]
    for flavor in FLAVORS:
        assert "package -DskipTests" in DF.stage(f"build-{flavor}").all("RUN")[-1]


def test_copied_build_inputs_exist_and_pass_the_dockerignore():
    ignore = (ROOT / ".dockerignore").read_text().split()
    included = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    for stage in DF.stages:
        for args in stage.all("COPY"):
            if args.startswith("--from="):
                continue
            *sources, _ = shlex.split(args)
            for source in sources:
                assert (ROOT / source).exists(), source
                assert source.rstrip("/") in included, f"{source} is not re-included in .dockerignore"


def test_runtime_copies_the_fast_jar_from_the_build_stage():
    copies = [a for a in RUNTIME.all("COPY") if a.startswith("--from=app ")]
    assert copies and copies[0].split()[1] == "/src/target/quarkus-app/"
    assert DF.stage("sources").all("WORKDIR") == ["/src"]
    assert DF.exec_form(RUNTIME, "ENTRYPOINT")[-1] == "/opt/dpiqa/quarkus-app/quarkus-run.jar"


def test_port_health_check_and_command_match_the_app():
    assert RUNTIME.all("EXPOSE") == [str(app_facts.HTTP_PORT)]
    url = re.search(r"http://[^\"]+", RUNTIME.all("HEALTHCHECK")[0]).group(0)
    assert url == f"http://127.0.0.1:{app_facts.HTTP_PORT}/q/health/live"
    assert DF.exec_form(RUNTIME, "CMD")[0] in app_facts.subcommands()


def test_runs_as_a_numeric_non_root_user():
    user = RUNTIME.all("USER")[-1].split(":")[0]
    assert user.isdigit() and int(user) != 0


def test_environment_matches_the_launcher_and_the_app():
    env = DF.env(RUNTIME)
    launcher = (ROOT / "dpiqa").read_text()
    # Same allocator and engine settings as ./dpiqa, where they were measured.
    assert f"tcmalloc={env['LD_PRELOAD']}" in launcher
    assert "-Dai.djl.offline=true" in launcher and "-Dai.djl.offline=true" in DF.exec_form(RUNTIME, "ENTRYPOINT")
    for name in ("PYTORCH_FLAVOR", "DJL_CACHE_DIR", "DPIQA_MODELS_CACHE_DIR"):
        assert name in env and name in launcher
    for name in env:
        if name.startswith(("DPIQA_", "QUARKUS_", "KAFKA_")):
            assert app_facts.known_env(name), name
    # Everything the engine writes stays under /tmp, so a read-only root filesystem works with /tmp mounted.
    assert env["DJL_CACHE_DIR"].startswith("/tmp/") and env["ENGINE_CACHE_DIR"].startswith("/tmp/")
    assert env["HOME"] == "/tmp"


def test_baked_model_cache_is_the_default_cache_dir():
    env = DF.env(RUNTIME)
    workdir = RUNTIME.all("WORKDIR")[-1]
    assert any(a == "model-cache/ model-cache/" for a in RUNTIME.all("COPY"))
    assert env["DPIQA_MODELS_CACHE_DIR"] == f"{workdir}/model-cache"


@pytest.mark.parametrize("flavor,name", [("cpu", "dpiqa"), ("cu128", "dpiqa-cuda")])
def test_documented_build_commands_tag_the_app_version(flavor, name):
    command = next(line for line in DF.header.splitlines() if "docker build" in line
                   and (f"FLAVOR={flavor}" in line) == (flavor != DF.global_args["FLAVOR"]))
    assert f"-t {name}:{app_facts.app_version()} " in command
