"""k8s/ rendered per overlay and checked against the Kubernetes/KEDA schemas and against the application:
commands, configuration, ports and health paths, topics and consumer groups, writable paths."""
import hashlib
import json
import re
import shutil
import subprocess

import pytest
import yaml

import app_facts
import dockerfile
import kustomize
from app_facts import ROOT
from conftest import run_node
from k8s_facts import UTILITY_COMMANDS, dpiqa_pods, environment, find, image_name, mounted, resolve_port

K8S = ROOT / "k8s"
CRONJOB = K8S / "base/redistill-cronjob.yaml"


def manifest_files():
    """Every file under k8s/ that holds Kubernetes objects (not kustomizations or patches)."""
    for path in sorted(K8S.rglob("*.yaml")):
        docs = kustomize.load_yaml_docs(path)
        if path.name != "kustomization.yaml" and docs and isinstance(docs[0], dict) and "kind" in docs[0]:
            yield path


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl not installed: the renderer is not cross-checked")
@pytest.mark.parametrize("name", ["local", "prod"])
def test_renderer_agrees_with_kubectl_kustomize(name):
    out = subprocess.run(["kubectl", "kustomize", str(K8S / "overlays" / name)], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    key = lambda o: (o["kind"], o["metadata"]["name"])
    theirs = {key(o): o for o in yaml.safe_load_all(out) if o}
    mine = {key(o): o for o in kustomize.render(K8S / "overlays" / name)}
    assert mine == theirs


def test_rendered_objects_are_valid_against_their_schemas(overlay):
    name, objects = overlay
    assert run_node("validate-k8s.mjs", stdin=json.dumps(objects)) == []


def test_every_manifest_file_is_valid_against_its_schema_even_when_not_rendered():
    objects = [doc for path in manifest_files() for doc in kustomize.load_yaml_docs(path)]
    assert any(o["kind"] == "CronJob" for o in objects)
    assert run_node("validate-k8s.mjs", stdin=json.dumps(objects)) == []


def test_redistill_cronjob_is_in_the_base_exactly_when_the_distill_command_exists():
    listed = CRONJOB.name in kustomize.kustomization(K8S / "base").get("resources", [])
    command = kustomize.load_yaml_docs(CRONJOB)[0]["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
    assert command["args"][0] == "distill"
    assert listed == ("distill" in app_facts.subcommands()), \
        "list redistill-cronjob.yaml in k8s/base/kustomization.yaml iff `dpiqa distill` exists"


def test_containers_run_existing_cli_subcommands(overlay):
    _, objects = overlay
    for obj, _, container in dpiqa_pods(objects):
        if "command" in container:
            assert container["command"][0] in UTILITY_COMMANDS, container["name"]
        else:
            assert container["args"][0] in app_facts.subcommands(), obj["metadata"]["name"]


def test_environment_names_are_application_config(overlay):
    _, objects = overlay
    for obj, _, container in dpiqa_pods(objects):
        for name in environment(objects, container):
            assert app_facts.known_env(name), f"{obj['metadata']['name']}: {name} maps to no config key"


def test_secret_config_keys_are_application_config(overlay):
    _, objects = overlay
    for secret in (o for o in objects if o["kind"] == "Secret"):
        props = app_facts.read_properties(secret["stringData"]["application.properties"])
        for key, value in props.items():
            assert app_facts.known_key(key), key
            if key.startswith("dpiqa.api.auth.api-keys."):
                assert re.fullmatch(r"[0-9a-f]{64}", value), f"{key}: a lower-case SHA-256 hex"


def test_probes_ports_and_metrics_match_the_app(overlay):
    _, objects = overlay
    for obj, spec, container in dpiqa_pods(objects):
        if "command" in container or container["args"][0] != "serve":
            continue
        assert resolve_port("http", container) == app_facts.HTTP_PORT
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            get = container[probe]["httpGet"]
            assert get["path"] in app_facts.HEALTH_PATHS and resolve_port(get["port"], container) == app_facts.HTTP_PORT
        assert container["readinessProbe"]["httpGet"]["path"] == "/q/health/ready"
        annotations = obj["spec"]["template"]["metadata"]["annotations"]
        assert annotations["prometheus.io/path"] == app_facts.METRICS_PATH
        assert int(annotations["prometheus.io/port"]) == app_facts.HTTP_PORT
    for service in (o for o in objects if o["kind"] == "Service" and o["metadata"]["name"] == "dpiqa"):
        target = service["spec"]["ports"][0]["targetPort"]
        backend = next(c for o, _, c in dpiqa_pods(objects) if o["kind"] == "Deployment"
                       and service["spec"]["selector"].items() <= o["spec"]["template"]["metadata"]["labels"].items())
        assert resolve_port(target, backend) == app_facts.HTTP_PORT


def test_pods_are_hardened_and_write_only_to_mounted_volumes(overlay):
    _, objects = overlay
    image_env = dockerfile.parse().env(dockerfile.parse().stage("runtime"))
    for obj, spec, container in dpiqa_pods(objects):
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec.get("enableServiceLinks") is False, "service links inject DPIQA_* variables Quarkus would read"
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert "limits" in container["resources"] and "requests" in container["resources"]
        if "command" not in container:
            for name in ("DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "HOME"):
                path = environment(objects, container).get(name, image_env[name])
                assert mounted(path, container, spec, writable=True), f"{obj['metadata']['name']}: {name}={path}"
            cache = environment(objects, container).get("DPIQA_MODELS_CACHE_DIR")
            if cache:
                assert mounted(cache, container, spec, writable=False), cache


def test_students_run_the_cpu_image_and_teachers_the_cuda_image_on_gpu_nodes(overlay):
    _, objects = overlay
    student = find(objects, "Deployment", "dpiqa-student")["spec"]["template"]["spec"]
    teacher = find(objects, "Deployment", "dpiqa-teacher")["spec"]["template"]["spec"]
    assert image_name(student["containers"][0]["image"]) == "dpiqa"
    assert "nvidia.com/gpu" not in json.dumps(student)
    assert image_name(teacher["containers"][0]["image"]) == "dpiqa-cuda"
    assert teacher["containers"][0]["resources"]["limits"]["nvidia.com/gpu"] == 1
    assert teacher["tolerations"] and teacher["nodeSelector"]
    profile = environment(objects, teacher["containers"][0])["QUARKUS_PROFILE"]
    assert app_facts.property_value("dpiqa.pipeline.teachers", profile) != app_facts.property_value("dpiqa.pipeline.teachers")


def test_scalers_watch_the_apps_topics_groups_and_brokers(overlay):
    _, objects = overlay
    config = find(objects, "ConfigMap", "dpiqa-config")["data"]
    groups = app_facts.consumer_groups()
    for scaler in (o for o in objects if o["kind"] == "ScaledObject"):
        for trigger in scaler["spec"]["triggers"]:
            meta = trigger["metadata"]
            assert groups.get(meta["topic"]) == meta["consumerGroup"], meta
            assert meta["bootstrapServers"] == config["KAFKA_BOOTSTRAP_SERVERS"]
    for hpa in (o for o in objects if o["kind"] == "HorizontalPodAutoscaler"):
        for metric in (m for m in hpa["spec"]["metrics"] if m["type"] == "External"):
            labels = metric["external"]["metric"]["selector"]["matchLabels"]
            assert groups.get(labels["topic"]) == labels["consumergroup"]


def test_autoscaled_deployments_leave_replicas_to_the_autoscaler(overlay):
    _, objects = overlay
    for scaler in (o for o in objects if o["kind"] in {"ScaledObject", "HorizontalPodAutoscaler"}):
        target = find(objects, "Deployment", scaler["spec"]["scaleTargetRef"]["name"])
        assert "replicas" not in target["spec"], target["metadata"]["name"]


def test_local_demo_key_is_the_documented_one():
    secret = kustomize.load_yaml_docs(K8S / "overlays/local/secret.yaml")[0]
    props = app_facts.read_properties(secret["stringData"]["application.properties"])
    assert props["dpiqa.api.auth.api-keys.demo"] == hashlib.sha256(b"local-demo-key").hexdigest()
    assert "local-demo-key" in (ROOT / "docs/deployment.md").read_text()


def test_local_kafka_matches_the_client_version():
    kafka = find(kustomize.load_yaml_docs(K8S / "overlays/local/kafka.yaml"), "Deployment", "kafka")
    image = kafka["spec"]["template"]["spec"]["containers"][0]["image"]
    assert image.partition(":")[2] == app_facts.pom_property("kafka.version")
