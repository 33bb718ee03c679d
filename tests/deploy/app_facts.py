"""What the application declares, read from its sources: config keys and defaults, CLI subcommands, build facts.

Manifests are checked against these, so a renamed key, topic or command fails a test instead of a deployment.
"""
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JAVA = ROOT / "src/main/java/dev/dpiqa"
PROPERTIES = ROOT / "src/main/resources/application.properties"

# Keys Quarkus itself reads that deployments set; application.properties does not mention them.
QUARKUS_RUNTIME_KEYS = {"quarkus.profile", "quarkus.http.port", "quarkus.http.host", "quarkus.log.level"}
# Documented in application.properties: kafka.* passes through to every Kafka client.
PASS_THROUGH_PREFIXES = ("kafka.",)


def env_name(key: str) -> str:
    """Quarkus' environment form of a config key: upper case, every non-alphanumeric character an underscore."""
    return re.sub(r"[^A-Za-z0-9]", "_", key).upper()


def kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()


def read_properties(text: str) -> dict[str, str]:
    """key -> value of a .properties file (continuation lines joined; '%profile.' prefixes kept)."""
    text = re.sub(r"\\\n\s*", "", text)
    props = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "!")) and "=" in line:
            key, value = line.split("=", 1)
            props[key.strip()] = value.strip()
    return props


@dataclass
class ConfigMappings:
    """Keys of every @ConfigMapping interface: exact keys with their @WithDefault, and map prefixes (any sub-key)."""
    defaults: dict[str, str | None] = field(default_factory=dict)
    map_prefixes: set[str] = field(default_factory=set)


_METHOD = re.compile(r"(@WithDefault\(\"([^\"]*)\"\)\s*)?(?<!default )([\w<>, ?]+?)\s+(\w+)\(\);")


def _interface_bodies(source: str) -> dict[str, str]:
    """Interface name -> its body, nested interfaces cut out of their parent's body."""
    bodies = {}
    for match in re.finditer(r"interface\s+(\w+)[^{]*\{", source):
        depth, start = 1, match.end()
        i = start
        while depth:
            depth += {"{": 1, "}": -1}.get(source[i], 0)
            i += 1
        bodies[match.group(1)] = source[start:i - 1]
    for name, body in bodies.items():
        for other, inner in bodies.items():
            if other != name and inner in body:
                body = body.replace(inner, "")
        bodies[name] = body
    return bodies


def _expand(prefix: str, interface: str, bodies: dict[str, str], out: ConfigMappings) -> None:
    body = re.sub(r"/\*\*.*?\*/", "", bodies[interface], flags=re.S)
    for m in _METHOD.finditer(body):
        default, type_, name = m.group(2), m.group(3).strip(), m.group(4)
        key = f"{prefix}.{kebab(name)}"
        inner = re.fullmatch(r"Optional<(\w+)>", type_)
        type_ = inner.group(1) if inner else type_
        if type_ in bodies:
            _expand(key, type_, bodies, out)
        elif type_.startswith("Map<"):
            out.map_prefixes.add(key + ".")
        else:
            out.defaults[key] = default


@cache
def config_mappings() -> ConfigMappings:
    out = ConfigMappings()
    for path in JAVA.rglob("*Config.java"):
        source = path.read_text()
        mapping = re.search(r"@ConfigMapping\(prefix\s*=\s*\"([^\"]+)\"\)\s*public\s+interface\s+(\w+)", source)
        if mapping:
            _expand(mapping.group(1), mapping.group(2), _interface_bodies(source), out)
    return out


@cache
def properties() -> dict[str, str]:
    return read_properties(PROPERTIES.read_text())


def property_value(key: str, profile: str | None = None) -> str | None:
    props = properties()
    return props.get(f"%{profile}.{key}", props.get(key)) if profile else props.get(key)


def known_key(key: str) -> bool:
    mappings = config_mappings()
    unprofiled = {re.sub(r"^%[\w-]+\.", "", k) for k in properties()}
    return (key in unprofiled or key in mappings.defaults or key in QUARKUS_RUNTIME_KEYS
            or key.startswith(PASS_THROUGH_PREFIXES) or key.startswith(tuple(mappings.map_prefixes)))


def known_env(name: str) -> bool:
    """Whether an environment variable maps onto a key the application (or Quarkus, or Kafka) reads."""
    mappings = config_mappings()
    unprofiled = {re.sub(r"^%[\w-]+\.", "", k) for k in properties()}
    exact = {env_name(k) for k in unprofiled | set(mappings.defaults) | QUARKUS_RUNTIME_KEYS}
    prefixes = tuple(env_name(p) for p in set(PASS_THROUGH_PREFIXES) | mappings.map_prefixes)
    return name in exact or name.startswith(prefixes)


def topics() -> dict[str, str]:
    """dpiqa.pipeline.topics.<role> -> topic name."""
    prefix = "dpiqa.pipeline.topics."
    return {k[len(prefix):]: v for k, v in properties().items() if k.startswith(prefix)}


def consumer_groups() -> dict[str, str]:
    """topic -> consumer group of the incoming channel that reads it."""
    props, groups = properties(), {}
    for key, value in props.items():
        m = re.fullmatch(r"mp\.messaging\.incoming\.([\w-]+)\.topic", key)
        if m:
            role = re.fullmatch(r"\$\{dpiqa\.pipeline\.topics\.([\w-]+)\}", value)
            topic = topics()[role.group(1)] if role else value
            groups[topic] = props[f"mp.messaging.incoming.{m.group(1)}.group.id"]
    return groups


@cache
def subcommands() -> set[str]:
    """Names of the subcommands DpiqaCommand registers."""
    top = (JAVA / "cli/DpiqaCommand.java").read_text()
    names = set()
    for cls in re.findall(r"(\w+)\.class", re.search(r"subcommands\s*=\s*\{([^}]*)\}", top).group(1)):
        source = next(JAVA.rglob(f"{cls}.java")).read_text()
        name = re.search(r"@Command\(\s*name\s*=\s*([\w.\"]+)", source).group(1)
        if not name.startswith('"'):  # a constant, e.g. ServeCommand.NAME
            name = re.search(rf"String\s+{name.split('.')[-1]}\s*=\s*(\"[^\"]+\")", source).group(1)
        names.add(name.strip('"'))
    return names


def pom_property(name: str, profile: str | None = None) -> str:
    pom = (ROOT / "pom.xml").read_text()
    if profile:
        pom = re.search(rf"<id>{profile}</id>(.*?)</profile>", pom, re.S).group(1)
    return re.search(rf"<{re.escape(name)}>([^<]+)</{re.escape(name)}>", pom).group(1)


def app_version() -> str:
    return re.search(r"<artifactId>dpiqa</artifactId>\s*<version>([^<]+)</version>", (ROOT / "pom.xml").read_text()) \
        .group(1).removesuffix("-SNAPSHOT")


HTTP_PORT = int(property_value("quarkus.http.port") or 8080)
HEALTH_PATHS = {"/q/health", "/q/health/live", "/q/health/ready", "/q/health/started"}
METRICS_PATH = "/q/metrics"
