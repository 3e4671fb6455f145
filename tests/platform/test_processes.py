"""The services as real processes over HTTP, on a database of their own."""

import json
import re
import socket
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from services.platform.database import DatabaseServer, drop_database, ensure_database, migrate
from services.platform.seed import seed_all
from services.platform.stack import (
    SERVICES,
    StackConfig,
    running_processes,
    service_environment,
    start_services,
)

pytestmark = pytest.mark.processes
NIR_PATTERN = re.compile(r"\b[12]\d{4}(?:\d{2}|2[AB])\d{6}\d{2}\b")


def _free_port_block(size: int) -> int:
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = int(probe.getsockname()[1])
        if base + size < 65000 and all(_is_free(base + i) for i in range(size)):
            return base
    raise RuntimeError("no free block of ports")


def _is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture(scope="module")
def platform(
    database_server: DatabaseServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[StackConfig, Path]]:
    import asyncio

    name = f"rsi_processes_{uuid.uuid4().hex[:10]}"
    url = ensure_database(database_server, name)
    migrate(url)
    asyncio.run(seed_all(url, demo=True, population=300))
    data_dir = tmp_path_factory.mktemp("stack")
    config = StackConfig(
        data_dir=data_dir,
        port_base=_free_port_block(len(SERVICES)),
        spa_port=0,
        build_spa=False,
        database_url=url,
    )
    processes: list[subprocess.Popen[bytes]]
    with running_processes() as processes:
        start_services(config, service_environment(config, url), processes, log_dir=data_dir)
        yield config, data_dir
    drop_database(database_server, name)


def _login(config: StackConfig, username: str, password: str) -> httpx.Response:
    return httpx.post(
        f"{config.service_url('identity')}/auth/login",
        json={"username": username, "password": password},
    )


def test_every_service_is_ready(platform: tuple[StackConfig, Path]) -> None:
    config, _ = platform
    for service in SERVICES:
        response = httpx.get(f"{config.service_url(service)}/readyz")
        assert response.json() == {"status": "ready", "service": service}


def test_login_then_caisses_across_processes(platform: tuple[StackConfig, Path]) -> None:
    """targeting verifies identity's token through identity's JWKS, over HTTP."""
    config, _ = platform
    login = _login(config, "conseiller.bretagne", "conseiller-demo")
    assert login.status_code == 200
    headers = {
        "Authorization": f"Bearer {login.json()['access_token']}",
        "X-Request-ID": "e2e-request-0001",
    }
    caisses = httpx.get(f"{config.service_url('targeting')}/caisses", headers=headers)
    assert caisses.status_code == 200
    assert [c["code"] for c in caisses.json()["items"]] == ["BRETAGNE"]
    assert caisses.headers["x-request-id"] == "e2e-request-0001"

    national = _login(config, "national", "national-demo").json()["access_token"]
    everything = httpx.get(
        f"{config.service_url('targeting')}/caisses",
        headers={"Authorization": f"Bearer {national}"},
    )
    assert everything.json()["total"] == 30


def test_logs_are_json_with_request_ids_and_no_secrets(platform: tuple[StackConfig, Path]) -> None:
    config, data_dir = platform
    token = _login(config, "national", "national-demo").json()["access_token"]
    httpx.get(
        f"{config.service_url('targeting')}/caisses/ALPES",
        headers={"Authorization": f"Bearer {token}", "X-Request-ID": "log-check-0001"},
    )
    httpx.post(  # a failed login must not log the password either
        f"{config.service_url('identity')}/auth/login",
        json={"username": "national", "password": "wrong-password-xyz"},
    )
    lines = (data_dir / "targeting.log").read_text().splitlines()
    records = [json.loads(line) for line in lines if line.startswith("{")]
    access = [r for r in records if r.get("request_id") == "log-check-0001"]
    assert access and access[0]["path"] == "/caisses/ALPES" and access[0]["status"] == 200
    for service in SERVICES:
        text = (data_dir / f"{service}.log").read_text()
        assert "eyJ" not in text
        assert "wrong-password-xyz" not in text and "national-demo" not in text
        assert not NIR_PATTERN.search(text)
