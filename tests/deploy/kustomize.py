"""A small offline Kustomize: the subset k8s/ uses (resources, components, namespace, labels, images, JSON 6902
patches with a kind/name target). It exists so the tests need no kubectl; test_k8s compares it with
`kubectl kustomize` wherever kubectl is installed, and any field this renderer does not know fails loudly.
"""
import copy
from pathlib import Path

import yaml

KNOWN_FIELDS = {"apiVersion", "kind", "resources", "components", "namespace", "labels", "images", "patches"}
CLUSTER_SCOPED = {"Namespace", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding"}


def load_yaml_docs(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def kustomization(directory: Path) -> dict:
    spec = yaml.safe_load((directory / "kustomization.yaml").read_text())
    unknown = set(spec) - KNOWN_FIELDS
    if unknown:
        raise ValueError(f"{directory}: kustomization fields this renderer does not implement: {unknown}")
    return spec


def render(directory: Path) -> list[dict]:
    spec = kustomization(directory)
    objects = []
    for entry in spec.get("resources", []):
        path = directory / entry
        objects += render(path) if path.is_dir() else load_yaml_docs(path)
    for entry in spec.get("components", []):
        objects = _apply(directory / entry, kustomization(directory / entry), objects)
    return _apply(directory, spec, objects, own_resources_done=True)


def _apply(directory: Path, spec: dict, objects: list[dict], own_resources_done: bool = False) -> list[dict]:
    objects = copy.deepcopy(objects)
    if not own_resources_done:  # a component adds its resources, then patches everything accumulated so far
        for entry in spec.get("resources", []):
            objects += load_yaml_docs(directory / entry)
    for patch in spec.get("patches", []):
        ops = yaml.safe_load(patch["patch"]) if "patch" in patch else yaml.safe_load((directory / patch["path"]).read_text())
        target = patch["target"]
        for obj in objects:
            if obj["kind"] == target["kind"] and obj["metadata"]["name"] == target["name"]:
                for op in ops:
                    _json_patch(obj, op)
    for label_set in spec.get("labels", []):
        if label_set.get("includeSelectors") or label_set.get("includeTemplates"):
            raise ValueError("labels with includeSelectors/includeTemplates are not implemented")
        for obj in objects:
            obj["metadata"].setdefault("labels", {}).update(label_set["pairs"])
    if "namespace" in spec:
        for obj in objects:
            if obj["kind"] not in CLUSTER_SCOPED:
                obj["metadata"]["namespace"] = spec["namespace"]
    for image in spec.get("images", []):
        for container in containers(objects):
            name, _, tag = container["image"].partition(":")
            if name == image["name"]:
                container["image"] = f"{image.get('newName', name)}:{image.get('newTag', tag)}"
    return objects


def _json_patch(obj: dict, op: dict) -> None:
    *parents, last = [p.replace("~1", "/").replace("~0", "~") for p in op["path"].lstrip("/").split("/")]
    node = obj
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if op["op"] == "remove":
        del node[int(last) if isinstance(node, list) else last]
    elif op["op"] == "replace":
        if (isinstance(node, list) and int(last) >= len(node)) or (isinstance(node, dict) and last not in node):
            raise KeyError(f"replace of a missing path {op['path']}")
        node[int(last) if isinstance(node, list) else last] = op["value"]
    elif op["op"] == "add":
        if isinstance(node, list):
            node.insert(len(node) if last == "-" else int(last), op["value"])
        else:
            node[last] = op["value"]
    else:
        raise ValueError(f"JSON patch op {op['op']} is not implemented")


def pod_spec(obj: dict) -> dict | None:
    if obj["kind"] == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    if obj["kind"] in {"Deployment", "StatefulSet", "DaemonSet", "Job"}:
        return obj["spec"]["template"]["spec"]
    return None


def containers(objects: list[dict], init: bool = True) -> list[dict]:
    found = []
    for obj in objects:
        spec = pod_spec(obj)
        if spec:
            found += spec.get("containers", []) + (spec.get("initContainers", []) if init else [])
    return found
