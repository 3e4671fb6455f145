"""One metadata for the whole schema, the async engine, and the per-request session.

Tables carry their owning service's prefix (``identity_``, ``targeting_``…); a service writes
only its own tables. The request's session owns the transaction: services only ``flush()``.
"""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.util import await_

from services.shared.settings import DbPooler, Settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _unique_statement_name() -> str:
    return f"__rsi_{uuid.uuid4().hex}__"


def pooler_connect_args(pooler: DbPooler) -> dict[str, Any]:
    """asyncpg's connection options for what stands between the services and PostgreSQL.

    Behind PgBouncer in transaction pooling mode, a client connection holds a server
    connection for one transaction only, and PgBouncer 1.18 (Debian bookworm) passes prepared
    statements through without tracking them: a statement prepared in one transaction is
    missing from the server connection of the next, and asyncpg's per-connection names
    (``__asyncpg_stmt_1__``…) collide between the clients sharing a server connection. So
    neither asyncpg (``statement_cache_size``) nor SQLAlchemy's dialect
    (``prepared_statement_cache_size``) keeps a statement beyond its use, and each statement
    SQLAlchemy prepares (always inside a transaction, so on one server connection) is named
    uniquely. Cost: one more round trip per statement than with the caches.
    """
    if pooler is DbPooler.PGBOUNCER_TRANSACTION:
        return {
            "statement_cache_size": 0,
            "prepared_statement_cache_size": 0,
            "prepared_statement_name_func": _unique_statement_name,
        }
    return {}


def create_engine(settings: Settings) -> AsyncEngine:
    """The engine of a service process (its pool and the pooler settings)."""
    if not settings.database_url:
        raise RuntimeError("DATABASE_URL is not set (the run command sets it for you)")
    engine = create_async_engine(
        settings.database_url,
        pool_pre_ping=True,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        connect_args=pooler_connect_args(settings.db_pooler),
    )
    engine.sync_engine.dialect.do_ping = _ping_in_one_round_trip  # type: ignore[method-assign]
    return engine


def _ping_in_one_round_trip(dbapi_connection: Any) -> bool:
    """The pre-ping of every checkout, as one simple-protocol query. SQLAlchemy's asyncpg
    ping opens a transaction, runs a prepared ``;`` and rolls back: three round trips per
    request, a fifth of a booking's time in its profile. A simple query needs no transaction
    to stay on one PgBouncer server connection, and a dead connection fails it the same way
    (the error is translated as SQLAlchemy's own ping does, so the pool reconnects)."""
    try:
        # Not ";": asyncpg's simple-query path fails on PostgreSQL's empty-query answer.
        await_(dbapi_connection._connection.execute("SELECT 1"))
    except Exception as error:
        dbapi_connection._handle_exception(error)
    return True


def create_task_engine(database_url: str, pooler: DbPooler | None = None) -> AsyncEngine:
    """An engine for a one-off task (migrations, seed, a CLI command) at ``database_url``,
    with the pooler settings of ``RSI_DB_POOLER`` unless ``pooler`` is given."""
    if pooler is None:
        pooler = Settings().db_pooler
    return create_async_engine(database_url, connect_args=pooler_connect_args(pooler))


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


_AFTER_COMMIT = "rsi_after_commit"
_AFTER_ROLLBACK = "rsi_after_rollback"


def run_after_commit(session: AsyncSession, callback: Callable[[], None]) -> None:
    """Runs ``callback`` once the request's transaction has committed (e.g. to start a job
    whose row this transaction creates); never if it rolls back."""
    session.info.setdefault(_AFTER_COMMIT, []).append(callback)


def run_after_rollback(session: AsyncSession, callback: Callable[[], Awaitable[None]]) -> None:
    """Awaits ``callback`` once the request's transaction has rolled back on an error, before
    the error goes on; never if it commits. For what must outlive a refusal (a failed login):
    the callback opens a transaction of its own, and holds no second connection meanwhile.
    An error it raises replaces the request's."""
    session.info.setdefault(_AFTER_ROLLBACK, []).append(callback)


async def request_transaction(session: AsyncSession) -> AsyncIterator[AsyncSession]:
    """Yields ``session`` as the request's unit of work: commit on success, rollback on error."""
    try:
        yield session
    except BaseException as exc:
        session.info.pop(_AFTER_COMMIT, None)
        after_rollback = session.info.pop(_AFTER_ROLLBACK, [])
        await session.rollback()
        if isinstance(exc, Exception):  # not on a cancellation
            for rollback_callback in after_rollback:
                await rollback_callback()
        raise
    else:
        session.info.pop(_AFTER_ROLLBACK, None)
        await session.commit()
        for callback in session.info.pop(_AFTER_COMMIT, []):
            callback()


# The request's error is thrown into request_transaction (an ``async for`` would leave it
# suspended, to be closed later by the event loop): it rolls back, then runs the callbacks.
request_unit_of_work = asynccontextmanager(request_transaction)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session and one transaction per request."""
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with sessionmaker() as session, request_unit_of_work(session) as unit_of_work:
        yield unit_of_work


# scope="function": the commit runs before the response is sent, so a failed commit
# becomes an error response instead of a 2xx for a change that was never written.
DbSession = Annotated[AsyncSession, Depends(get_session, scope="function")]
