"""The platform's job queue: procrastinate, over the services' own asyncpg driver.

Every background task of every service is a procrastinate task of the one :data:`queue_app`,
in the service's queue (``targeting``, ``interviews``…); ``rsi worker`` runs them. An API
process only defers: :func:`enqueue` writes the queue's row through the request's own
connection, so the job exists if and only if the change that asks for it commits.

procrastinate ships a psycopg connector; :class:`AsyncpgConnector` runs its queries on
SQLAlchemy's asyncpg connections instead, so that deferring joins the request's transaction
and one driver, one pool setting and one PgBouncer rule serve the whole platform.
"""

import functools
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
from procrastinate import App, exceptions
from procrastinate.connector import BaseAsyncConnector, Notify
from procrastinate.tasks import Task
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from services.shared.jobs import JOB_RETRY
from services.shared.tracing import TRACE_ARGUMENT, job_span, job_trace

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_CONCATENATED = re.compile(r"%\((\w+)\)s\s*\|\|")  # `%(n)s || ' SECOND'`: text to asyncpg

# Opens a connection in a transaction of its own for one query of the queue.
ConnectionScope = Callable[[], AbstractAsyncContextManager[AsyncConnection]]


def _to_asyncpg(query: str, arguments: dict[str, Any]) -> tuple[str, tuple[Any, ...]]:
    """procrastinate writes ``%(name)s`` (psycopg); asyncpg wants ``$1``. JSON values
    (dicts, and the ones nested in a job's composite row) go as text, as SQLAlchemy's
    jsonb codec expects; so do numbers concatenated to text in the query."""
    names: list[str] = []
    as_text = set(_CONCATENATED.findall(query))

    def number(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    converted = _PLACEHOLDER.sub(number, query)
    return converted, tuple(
        str(arguments[name]) if name in as_text else _json_as_text(arguments[name])
        for name in names
    )


def _json_as_text(value: Any) -> Any:
    if isinstance(value, dict):
        return json.dumps(value)
    if isinstance(value, tuple):  # a composite (procrastinate's job to defer)
        return tuple(_json_as_text(member) for member in value)
    if isinstance(value, list):
        return [_json_as_text(member) for member in value]
    return value


def _unique_violation(exc: DBAPIError) -> exceptions.UniqueViolation | None:
    cause = exc.orig.__cause__ if exc.orig is not None else None
    if isinstance(cause, asyncpg.UniqueViolationError):
        constraint = getattr(cause, "constraint_name", None)
        detail = str(getattr(cause, "detail", "") or "")
        lock = re.search(r"\(queueing_lock\)=\((.*)\)", detail)
        return exceptions.UniqueViolation(
            constraint_name=constraint, queueing_lock=lock.group(1) if lock else None
        )
    return None


class AsyncpgConnector(BaseAsyncConnector):
    """procrastinate's queries on SQLAlchemy asyncpg connections: each in a transaction of
    its own (from :meth:`use_engine` or :meth:`use_connections`), or on a caller's connection
    (``defer_async(connection=…)``), inside the caller's transaction."""

    def __init__(self) -> None:
        self._scope: ConnectionScope | None = None

    def use_engine(self, engine: AsyncEngine) -> None:
        self._scope = engine.begin

    def use_connections(self, scope: ConnectionScope) -> None:
        self._scope = scope

    async def open_async(self, pool: Any = None) -> None:
        if self._scope is None:
            raise exceptions.AppNotOpen("The job queue has no database (use_engine first).")

    async def close_async(self) -> None:
        """The engine belongs to whoever gave it."""

    async def _run(self, connection: AsyncConnection, query: str, **arguments: Any) -> Any:
        sql, values = _to_asyncpg(query, arguments)
        try:
            result = await connection.exec_driver_sql(sql, values)
        except DBAPIError as exc:
            if (violation := _unique_violation(exc)) is not None:
                raise violation from exc
            raise exceptions.ConnectorException(str(exc.orig)) from exc
        return result

    @asynccontextmanager
    async def _own_connection(self) -> AsyncIterator[AsyncConnection]:
        if self._scope is None:
            raise exceptions.AppNotOpen("The job queue has no database (use_engine first).")
        async with self._scope() as connection:
            yield connection

    async def execute_query_async(self, query: str, **arguments: Any) -> None:
        async with self._own_connection() as connection:
            await self._run(connection, query, **arguments)

    async def execute_query_one_async(self, query: str, **arguments: Any) -> dict[str, Any]:
        async with self._own_connection() as connection:
            result = await self._run(connection, query, **arguments)
            row = result.mappings().first()
        if row is None:
            raise exceptions.NoResult
        return dict(row)

    async def execute_query_all_async(self, query: str, **arguments: Any) -> list[dict[str, Any]]:
        async with self._own_connection() as connection:
            result = await self._run(connection, query, **arguments)
            return [dict(row) for row in result.mappings().all()]

    async def execute_query_one_async_with_connection(
        self, connection: AsyncConnection, query: str, **arguments: Any
    ) -> dict[str, Any]:
        row = (await self._run(connection, query, **arguments)).mappings().first()
        if row is None:
            raise exceptions.NoResult
        return dict(row)

    async def execute_query_all_async_with_connection(
        self, connection: AsyncConnection, query: str, **arguments: Any
    ) -> list[dict[str, Any]]:
        result = await self._run(connection, query, **arguments)
        return [dict(row) for row in result.mappings().all()]

    async def listen_notify(self, on_notification: Notify, channels: Iterable[str]) -> None:
        """Workers poll (``listen_notify=False``): LISTEN holds a session, which PgBouncer's
        transaction pooling does not keep."""
        raise exceptions.ConnectorException(
            "Workers poll the queue: no notifications are listened to."
        )


queue_connector = AsyncpgConnector()
queue_app = App(connector=queue_connector)


@dataclass(frozen=True)
class QueueTask:
    """A task of the queue by name: a service defers it without importing the code that runs
    it (its ``tasks`` module, which imports the service). Runs sharing a ``lock`` never
    overlap."""

    name: str
    queue: str
    lock: str | None = None


TaskDecorator = Callable[[Callable[..., Awaitable[None]]], Task[Any, Any, Any]]


def task(ref: QueueTask, **options: Any) -> TaskDecorator:
    """Declares the task that runs ``ref``: it receives the job context (for the worker's
    resources) and is retried as :data:`~services.shared.jobs.JOB_RETRY` says. Its run is a
    span of the trace that enqueued it (the trace context travels in the job's arguments)."""
    declare: TaskDecorator = queue_app.task(
        name=ref.name, queue=ref.queue, pass_context=True, retry=JOB_RETRY, **options
    )

    def decorator(function: Callable[..., Awaitable[None]]) -> Task[Any, Any, Any]:
        @functools.wraps(function)
        async def traced(context: Any, *args: Any, **kwargs: Any) -> None:
            with job_span(ref.name, kwargs.pop(TRACE_ARGUMENT, None)):
                await function(context, *args, **kwargs)

        return declare(traced)

    return decorator


def periodic_task(ref: QueueTask, *, exclusive: bool = True) -> TaskDecorator:
    """Declares a periodic task (scheduled by the worker, from the settings): never retried,
    since the next period is the retry; one waits in the queue at most, and, when
    ``exclusive``, runs never overlap. The stalled-job sweep is not exclusive: a sweep that
    dies with its worker would otherwise hold the lock that every later sweep waits for."""
    decorator: TaskDecorator = queue_app.task(
        name=ref.name,
        queue=ref.queue,
        pass_context=True,
        lock=ref.name if exclusive else None,
        queueing_lock=ref.name,
    )
    return decorator


async def enqueue(session: AsyncSession, ref: QueueTask, **kwargs: Any) -> int:
    """Defers ``ref`` in the session's transaction: the job exists once it commits, and
    never if it rolls back. Returns the queue's job id."""
    connection = await session.connection()
    deferrer = queue_app.configure_task(
        name=ref.name, queue=ref.queue, lock=ref.lock, connection=connection
    )
    job_id: int = await deferrer.defer_async(**kwargs, **job_trace())
    return job_id
