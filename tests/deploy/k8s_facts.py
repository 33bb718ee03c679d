"""Reading rendered Kubernetes objects: which containers are dpiqa's, their environment, their mounts."""
from pathlib import Path

from kustomize import pod_spec

DPIQA_IMAGES = {"dpiqa", "dpiqa-cuda"}
# Containers of the dpiqa image that run a tool of the image rather than the dpiqa CLI.
UTILITY_COMMANDS = {"cp"}


def image_name(image: str) -> str:
    return image.rpartition("/")[2].partition(":")[0].partition("@")[0]


def dpiqa_pods(objects: list[dict]):
    """(object, pod spec, container) for every container of a dpiqa image."""
    for obj in objects:
        spec = pod_spec(obj)
        for container in (spec.get("containers", []) + spec.get("initContainers", [])) if spec else []:
            if image_name(container["image"]) in DPIQA_IMAGES:
                yield obj, spec, container


def find(objects: list[dict], kind: str, name: str) -> dict:
    return next(o for o in objects if o["kind"] == kind and o["metadata"]["name"] == name)


def environment(objects: list[dict], container: dict) -> dict[str, str]:
    """The container's environment: its ConfigMaps (envFrom), then its own env entries."""
    env = {}
    for source in container.get("envFrom", []):
        ref = source.get("configMapRef")
        if ref:
            env.update(find(objects, "ConfigMap", ref["name"])["data"])
    env.update({e["name"]: e.get("value") for e in container.get("env", [])})
    return env


def mounted(path: str, container: dict, spec: dict, writable: bool) -> bool:
    """Whether path lies under one of the container's mounts (an emptyDir or PVC when writable is asked)."""
    volumes = {v["name"]: v for v in spec.get("volumes", [])}
    for mount in container.get("volumeMounts", []):
        if Path(path).is_relative_to(mount["mountPath"]):
            volume = volumes[mount["name"]]
            return not writable or (not mount.get("readOnly") and ("emptyDir" in volume or "persistentVolumeClaim" in volume))
    return False


def resolve_port(port, container: dict) -> int:
    if isinstance(port, int):
        return port
    return next(p["containerPort"] for p in container["ports"] if p["name"] == port)
