"""plugin-descriptors/ checked against the application: AsyncAPI channels and groups, the plugin manifest's topics
and configuration schema (keys, defaults), and the integration examples against the event schemas."""
import hashlib
import json
import re
import uuid

import jsonschema
import pytest
import yaml

import app_facts
from app_facts import ROOT
from conftest import run_node

DESCRIPTORS = ROOT / "plugin-descriptors"
SCHEMAS = DESCRIPTORS / "schemas"
PLUGIN = yaml.safe_load((DESCRIPTORS / "plugin.yaml").read_text())
ASYNCAPI = yaml.safe_load((DESCRIPTORS / "asyncapi.yaml").read_text())
EVENT_TYPES = set(re.findall(r"String \w+ = \"(dev\.dpiqa\.[\w.]+)\"",
                             (app_facts.JAVA / "pipeline/event/EventTypes.java").read_text()))
EXAMPLES = sorted((DESCRIPTORS / "examples").rglob("*.json"))


def app_default(key: str) -> str | None:
    """The value the app runs with when nothing is set: application.properties, else @WithDefault."""
    value = app_facts.property_value(key)
    while value and (ref := re.fullmatch(r"\$\{([\w.-]+)\}", value)):
        value = app_facts.property_value(ref.group(1))
    return value if value is not None else app_facts.config_mappings().defaults.get(key)


def test_asyncapi_parses_without_errors_or_warnings_and_resolves_every_schema():
    answer = run_node("validate-asyncapi.mjs", str(DESCRIPTORS / "asyncapi.yaml"))
    assert answer["parsed"] and answer["problems"] == []
    for address, messages in answer["channels"].items():
        for message in messages:
            if message["dataRequired"] is not None:
                schema = next(p for p in SCHEMAS.glob("*.json") if json.loads(p.read_text()).get("title", "")
                              .endswith(f"(type {message['name']})"))
                assert message["dataRequired"] == json.loads(schema.read_text())["required"], address


def test_asyncapi_channels_are_the_apps_topics():
    addresses = {c["address"] for c in ASYNCAPI["channels"].values()}
    assert addresses == set(app_facts.topics().values())


def test_asyncapi_consumer_groups_are_the_apps():
    channels = {f"#/channels/{name}": c["address"] for name, c in ASYNCAPI["channels"].items()}
    received = {}
    for operation in ASYNCAPI["operations"].values():
        if operation["action"] == "receive":
            received[channels[operation["channel"]["$ref"]]] = operation["bindings"]["kafka"]["groupId"]["enum"][0]
    assert received == app_facts.consumer_groups()


def test_asyncapi_messages_name_real_event_types_and_existing_schemas():
    for message in ASYNCAPI["components"]["messages"].values():
        assert message["name"] in EVENT_TYPES
    refs = re.findall(r"\$ref: '(schemas/[^']+)'", (DESCRIPTORS / "asyncapi.yaml").read_text())
    assert refs and all((DESCRIPTORS / ref).is_file() for ref in refs)


def test_plugin_version_and_images_match_the_build():
    assert PLUGIN["version"] == app_facts.app_version()
    assert {i["name"] for i in PLUGIN["images"].values()} == {"dpiqa", "dpiqa-cuda"}
    assert all(i["tag"] == app_facts.app_version() for i in PLUGIN["images"].values())


def test_plugin_licence_is_the_poms_and_the_licence_file_holds_it():
    pom = (ROOT / "pom.xml").read_text()
    assert PLUGIN["license"] == re.search(r"<license>\s*<name>([^<]+)</name>", pom).group(1) == "Apache-2.0"
    assert (ROOT / "LICENSE").read_text().split()[:4] == ["Apache", "License", "Version", "2.0,"]


def test_plugin_topics_groups_and_schemas_match_the_app():
    entries = PLUGIN["inputs"] + PLUGIN["outputs"] + PLUGIN["internal"]
    assert {e["topic"] for e in entries} == set(app_facts.topics().values())
    groups = app_facts.consumer_groups()
    assert {e["topic"]: e["consumerGroup"] for e in entries if "consumerGroup" in e} == groups
    for entry in entries:
        if "schema" in entry:
            assert (DESCRIPTORS / entry["schema"]).is_file()
            assert entry["event"] in EVENT_TYPES


def test_plugin_http_surface_matches_the_app():
    assert PLUGIN["http"]["port"] == app_facts.HTTP_PORT
    assert set(PLUGIN["http"]["health"].values()) <= app_facts.HEALTH_PATHS
    assert PLUGIN["http"]["metrics"] == app_facts.METRICS_PATH


def test_plugin_endpoints_are_the_openapi_documents():
    openapi = yaml.safe_load((DESCRIPTORS / PLUGIN["openapi"]).read_text())
    documented = {(method.upper(), path) for path, item in openapi["paths"].items() for method in item}
    assert {(e["method"], e["path"]) for e in PLUGIN["http"]["endpoints"]} == documented
    assert openapi["info"]["license"]["name"] == PLUGIN["license"]


@pytest.mark.parametrize("key", sorted(PLUGIN["configuration"]["properties"]))
def test_plugin_config_keys_exist_with_the_apps_defaults(key):
    spec = PLUGIN["configuration"]["properties"][key]
    assert app_facts.known_key(key)
    expected = app_default(key)
    if "default" in spec:
        assert str(spec["default"]).lower() == str(expected).lower(), f"{key}: app default {expected}"
    else:
        assert expected is None, f"{key}: declare the app's default {expected}"


def test_plugin_config_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(PLUGIN["configuration"])


def event_validator(event_type: str) -> jsonschema.Draft202012Validator:
    """The envelope with the event's data schema; references resolve by each schema's $id (Debian's jsonschema 4.10)."""
    store = {s["$id"]: s for s in (json.loads(p.read_text()) for p in SCHEMAS.glob("*.json"))}
    data = next(e["schema"] for e in PLUGIN["inputs"] + PLUGIN["outputs"] + PLUGIN["internal"]
                if e.get("event") == event_type)
    schema = {"allOf": [{"$ref": "cloudevent-envelope.schema.json"},
                        {"properties": {"data": {"$ref": data.removeprefix("schemas/")}}}]}
    base = next(iter(store)).rpartition("/")[0] + "/"
    resolver = jsonschema.RefResolver(base, schema, store=store)
    return jsonschema.Draft202012Validator(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(DESCRIPTORS)))
def test_examples_are_valid_events(path):
    event = json.loads(path.read_text())
    assert event["type"] in EVENT_TYPES
    event_validator(event["type"]).validate(event)


def java_name_uuid(text: str) -> str:
    """java.util.UUID.nameUUIDFromBytes: MD5, version 3."""
    raw = bytearray(hashlib.md5(text.encode()).digest())
    raw[6], raw[8] = (raw[6] & 0x0F) | 0x30, (raw[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(raw)))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(DESCRIPTORS)))
def test_example_answers_carry_the_ids_the_app_derives(path):
    """QualityEvents.answerId: an answer's id is derived from the upload's, which is what makes it idempotent."""
    event = json.loads(path.read_text())
    kind = {"dev.dpiqa.image.quality": "quality", "dev.dpiqa.thumbnail.selected": "thumbnail"}.get(event["type"])
    if kind:
        assert event["source"] == "/dpiqa"
        assert event["id"] == java_name_uuid(f"{kind}:{event['data']['source_event_id']}")


def test_dam_rules_cover_every_verdict_and_read_real_headers():
    rules = yaml.safe_load((DESCRIPTORS / "examples/dam/rules.yaml").read_text())
    verdicts = json.loads((SCHEMAS / "quality-report.schema.json").read_text())["properties"]["verdict"]["enum"]
    assert set(rules["actions"]) == set(verdicts)
    assert rules["consume"]["topic"] == app_facts.topics()["quality"]
    assert rules["dead_letters"]["topic"] == app_facts.topics()["dead-letter"]
    headers = (app_facts.JAVA / "pipeline/kafka/PipelineHeaders.java").read_text()
    assert f"\"{rules['dead_letters']['action']['reason_from_header']}\"" in headers
