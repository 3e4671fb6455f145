"""Async Alembic environment over the one metadata of all services."""

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

import services.models  # noqa: F401  (registers every service's tables)
from services.shared.db import Base, create_task_engine
from services.shared.settings import Settings

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logging", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata
# The job queue's schema is procrastinate's own (created by a revision from its SQL), not a
# service's models: autogenerate leaves it alone.
QUEUE_PREFIX = "procrastinate_"


def _include_name(name: str | None, type_: str, _parents: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(QUEUE_PREFIX))


def _database_url() -> str:
    url = config.attributes.get("database_url") or Settings().database_url
    if not url:
        raise RuntimeError("Set DATABASE_URL to run migrations")
    return str(url)


def run_migrations_offline() -> None:
    context.configure(url=_database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        include_name=_include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_online() -> None:
    engine = create_task_engine(_database_url())
    async with engine.connect() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    asyncio.run(run_migrations_online())
