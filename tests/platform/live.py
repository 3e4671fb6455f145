"""Helpers for tests against the live platform (see conftest.platform)."""

import socket

import httpx

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
