"""The deployment files, checked offline: docker-compose.yml against the Compose
Specification's JSON schema (vendored in infra/schemas), and what the image and compose must
agree on for the processes to write where they may."""

import subprocess
import sys
from pathlib import Path

from services.shared.settings import PROJECT_ROOT
from tests.deploy.compose import COMPOSE_FILE, load_compose, runtime_stage, services

SCHEMAS = PROJECT_ROOT / "infra" / "schemas"
PYTHON_DOCKERFILE = "infra/docker/python.Dockerfile"
# The settings naming a file or folder a process writes, and who writes it.
WRITTEN_PATHS = {
    "RSI_SIGNING_KEY_PATH": ("identity",),
    "RSI_LINK_SECRET_PATH": ("interviews", "worker"),
    "RSI_FILES_DIR": ("targeting", "interviews", "worker"),
}


def _tool(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def test_the_compose_file_follows_the_compose_specification() -> None:
    result = subprocess.run(
        [
            _tool("check-jsonschema"),
            "--schemafile",
            str(SCHEMAS / "compose-spec.json"),
            str(COMPOSE_FILE),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_refuses_a_broken_compose_file(tmp_path: Path) -> None:
    broken = tmp_path / "compose.yml"
    broken.write_text(
        "services:\n  web:\n    image: nginx\n    restart: sometimes-maybe\n    porst: [80]\n"
    )
    result = subprocess.run(
        [
            _tool("check-jsonschema"),
            "--schemafile",
            str(SCHEMAS / "compose-spec.json"),
            str(broken),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1


def test_every_written_path_is_on_a_volume_of_the_process_that_writes_it() -> None:
    every = services(load_compose())
    for setting, writers in WRITTEN_PATHS.items():
        for name in writers:
            service = every[name]
            path = service.environment[setting]
            assert any(
                path == target or path.startswith(target + "/")
                for target in service.volumes.values()
            ), f"{name}: {setting}={path} is on none of its volumes {service.volumes}"


def test_the_image_creates_each_volume_folder_for_its_user() -> None:
    """A named volume takes the ownership of the folder it is mounted on: one the image does
    not create is root's, and the service user could not write there."""
    image = runtime_stage(PYTHON_DOCKERFILE)
    assert image.user == (10001, 10001)
    for service in services(load_compose()).values():
        if service.builds == PYTHON_DOCKERFILE:
            for target in service.volumes.values():
                assert target in image.user_folders, f"{service.name}: {target}"


def test_python_containers_are_read_only_with_a_tmpfs() -> None:
    for service in services(load_compose()).values():
        if service.builds == PYTHON_DOCKERFILE:
            assert service.spec.get("read_only") is True, service.name
            assert "/tmp" in service.spec.get("tmpfs", []), service.name
            assert service.spec.get("cap_drop") == ["ALL"], service.name


def test_the_services_use_pgbouncer_and_the_migrations_postgresql() -> None:
    every = services(load_compose())
    for name, service in every.items():
        if service.builds != PYTHON_DOCKERFILE:
            continue
        url = service.environment["DATABASE_URL"]
        if name == "migrate":
            assert "@postgres:5432/" in url and service.environment["RSI_DB_POOLER"] == "none"
        else:
            assert "@pgbouncer:6432/" in url, name
            assert service.environment["RSI_DB_POOLER"] == "pgbouncer-transaction", name
            assert service.environment["RSI_SMTP_HOST"] == "mailpit", name
