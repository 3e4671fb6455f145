"""Reading the deployment files as a container runtime would: docker-compose.yml with its
variable interpolation and its YAML merge keys, and the runtime stage of a Dockerfile (its
``ENV``, ``USER``, ``WORKDIR``, ``CMD`` and the folders it creates for its user)."""

import json
import re
import shlex
from dataclasses import dataclass, field
from typing import Any

import yaml

from services.shared.settings import PROJECT_ROOT

COMPOSE_FILE = PROJECT_ROOT / "docker-compose.yml"
_VARIABLE = re.compile(r"\$\$|\$\{(\w+)(?::?-([^}]*))?\}")


def interpolate(value: Any, variables: dict[str, str]) -> Any:
    """Compose's ``${NAME}``, ``${NAME:-default}`` and ``$$`` (a literal ``$``)."""
    if isinstance(value, str):

        def replace(match: re.Match[str]) -> str:
            if match.group(0) == "$$":
                return "$"
            return variables.get(match.group(1)) or (match.group(2) or "")

        return _VARIABLE.sub(replace, value)
    if isinstance(value, list):
        return [interpolate(item, variables) for item in value]
    if isinstance(value, dict):
        return {key: interpolate(item, variables) for key, item in value.items()}
    return value


def load_compose(variables: dict[str, str] | None = None) -> dict[str, Any]:
    """The compose file as ``docker compose config`` would see it (no .env file)."""
    document = yaml.safe_load(COMPOSE_FILE.read_text())
    assert isinstance(document, dict)
    return dict(interpolate(document, variables or {}))


@dataclass
class Service:
    name: str
    spec: dict[str, Any]

    @property
    def environment(self) -> dict[str, str]:
        return {key: str(value) for key, value in (self.spec.get("environment") or {}).items()}

    @property
    def volumes(self) -> dict[str, str]:
        """Named volume → where it is mounted."""
        mounts = {}
        for entry in self.spec.get("volumes") or []:
            source, target = str(entry).split(":")[:2]
            if not source.startswith((".", "/")):
                mounts[source] = target
        return mounts

    @property
    def depends_on(self) -> dict[str, str]:
        """Service → the condition it waits for."""
        return {
            name: str(condition.get("condition", "service_started"))
            for name, condition in (self.spec.get("depends_on") or {}).items()
        }

    @property
    def healthcheck(self) -> list[str] | None:
        check = self.spec.get("healthcheck") or {}
        if check.get("disable"):
            return None
        test = check.get("test")
        if not test:
            return None
        assert test[0] == "CMD", test
        return [str(part) for part in test[1:]]

    @property
    def builds(self) -> str | None:
        """The Dockerfile this service's image is built from, if any."""
        build = self.spec.get("build")
        return str(build["dockerfile"]) if build else None


def services(document: dict[str, Any]) -> dict[str, Service]:
    return {name: Service(name, spec) for name, spec in document["services"].items()}


def start_order(all_services: dict[str, Service]) -> list[str]:
    """Each service after those it depends on (compose's order)."""
    ordered: list[str] = []

    def visit(name: str) -> None:
        if name not in ordered:
            for dependency in all_services[name].depends_on:
                visit(dependency)
            ordered.append(name)

    for name in all_services:
        visit(name)
    return ordered


@dataclass
class RuntimeStage:
    """What the last stage of a Dockerfile gives a container."""

    env: dict[str, str] = field(default_factory=dict)
    user: tuple[int, int] = (0, 0)
    workdir: str = "/"
    cmd: list[str] = field(default_factory=list)
    user_folders: list[str] = field(default_factory=list)


def _instructions(text: str) -> list[tuple[str, str]]:
    joined = re.sub(r"\\\n", " ", text)
    result = []
    for line in joined.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            keyword, _, rest = stripped.partition(" ")
            result.append((keyword.upper(), rest.strip()))
    return result


def runtime_stage(dockerfile: str) -> RuntimeStage:
    instructions = _instructions((PROJECT_ROOT / dockerfile).read_text())
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    # The base image's PATH (python:3.11-slim), which ENV PATH="…:${PATH}" extends.
    stage = RuntimeStage(
        env={"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
    )
    for keyword, rest in instructions[last_from + 1 :]:
        if keyword == "ENV":
            for assignment in shlex.split(rest):
                name, _, value = assignment.partition("=")
                stage.env[name] = re.sub(
                    r"\$\{(\w+)\}", lambda m: stage.env.get(m.group(1), m.group(0)), value
                )
        elif keyword == "USER":
            uid, _, gid = rest.partition(":")
            stage.user = (int(uid), int(gid or uid))
        elif keyword == "WORKDIR":
            stage.workdir = rest
        elif keyword == "CMD":
            stage.cmd = list(json.loads(rest))
        elif keyword == "RUN":
            for folders in re.findall(r"install -d -o \S+ -g \S+ -m \d+ ((?:/\S+ ?)+)", rest):
                stage.user_folders.extend(folders.split())
    return stage
