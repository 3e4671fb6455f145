"""Long-running work (imports, list materialisation, letter batches) as jobs with progress.

A service keeps its jobs in a table of its own built on :class:`JobColumns`: the resource
people poll (``GET /jobs/{id}``, with a true percent). The work itself is a task of the job
queue (:mod:`services.shared.queue`), deferred in the transaction that creates the row and
run by ``rsi worker``: :func:`run_job` moves the row along (queued → running → succeeded or
failed) and reports progress in short transactions of its own, so pollers see it while the
work's transaction is still open.

A transient failure (a peer or the database unavailable, a network error) is retried with
backoff, up to :data:`MAX_RUNS` runs; a worker that dies mid-job leaves its job to another
worker (the queue's stalled-job sweep). Each job's work is written so that running it again
changes nothing twice (one transaction, or inserts that ignore what exists).
"""

import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from enum import StrEnum
from typing import Any

import asyncpg
from procrastinate import BaseRetryStrategy, JobContext, RetryDecision
from procrastinate.jobs import Job
from pydantic import BaseModel, ConfigDict
from sqlalchemy import DateTime, Integer, SmallInteger, String, func, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.errors import DomainError, ServiceUnavailable

logger = logging.getLogger(__name__)
MAX_RUNS = 6  # a first run and five retries: 2, 4, 8, 16 and 32 seconds later
RETRY_BASE_SECONDS = 2


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class JobColumns:
    """Columns of a job table (mixed into a service's own mapped class)."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12), default=JobStatus.QUEUED.value)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    caisse_code: Mapped[str | None] = mapped_column(String(20))
    created_by: Mapped[str] = mapped_column(String(120))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(
        SmallInteger,
        default=0,
        server_default="0",
        comment="Runs started (a retry or a resumption after a worker died adds one).",
    )


class JobRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    status: JobStatus
    total: int
    done: int
    percent: float
    attempts: int
    result: dict[str, Any] | None
    error: str | None
    created_at: datetime
    finished_at: datetime | None

    @classmethod
    def of(cls, job: JobColumns) -> "JobRead":
        percent = (
            100.0
            if job.status == JobStatus.SUCCEEDED
            else (round(100.0 * job.done / job.total, 1) if job.total else 0.0)
        )
        return cls.model_validate({**_columns(job), "percent": min(percent, 100.0)})


def _columns(job: JobColumns) -> dict[str, Any]:
    keys = (
        "id",
        "kind",
        "status",
        "total",
        "done",
        "attempts",
        "result",
        "error",
        "created_at",
        "finished_at",
    )
    return {key: getattr(job, key) for key in keys}


class Progress:
    """Reports a running job's progress in short transactions of its own."""

    def __init__(
        self, model: type[JobColumns], job_id: uuid.UUID, sessions: async_sessionmaker[AsyncSession]
    ) -> None:
        self.model = model
        self.job_id = job_id
        self.sessions = sessions

    async def update(self, **values: Any) -> None:
        table: Any = self.model
        async with self.sessions() as session, session.begin():
            await session.execute(update(table).where(table.id == self.job_id).values(**values))

    async def set_total(self, total: int) -> None:
        await self.update(total=total)

    async def advance(self, done: int) -> None:
        await self.update(done=done)


def is_transient(exc: BaseException) -> bool:
    """Failures that another run, a little later, may not meet: a peer or the database
    unavailable, a dropped connection."""
    if isinstance(exc, ServiceUnavailable | ConnectionError | TimeoutError):
        return True
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    if isinstance(exc, DBAPIError):
        return exc.connection_invalidated or isinstance(
            exc.orig.__cause__ if exc.orig is not None else None,
            asyncpg.PostgresConnectionError | asyncpg.CannotConnectNowError,
        )
    return isinstance(exc, OSError | asyncpg.PostgresConnectionError)


class TransientRetry(BaseRetryStrategy):
    """Retries transient failures with exponential backoff; anything else fails at once."""

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if not will_retry(exception, job.attempts):
            return None
        return RetryDecision(retry_in={"seconds": RETRY_BASE_SECONDS ** (job.attempts + 1)})


def will_retry(exc: BaseException, previous_runs: int) -> bool:
    return is_transient(exc) and previous_runs + 1 < MAX_RUNS


JOB_RETRY = TransientRetry()
JobWork = Callable[[Progress], Awaitable[dict[str, Any]]]


def _readable(exc: BaseException) -> str:
    if isinstance(exc, DomainError):
        return exc.detail[:500]
    if is_transient(exc):
        return f"Service temporairement indisponible ({type(exc).__name__})."
    return f"Erreur inattendue ({type(exc).__name__}) ; elle a été journalisée."


async def run_job(
    sessions: async_sessionmaker[AsyncSession],
    model: type[JobColumns],
    job_id: uuid.UUID,
    context: JobContext,
    work: JobWork,
    on_failure: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """Runs one attempt of a job's work and records its outcome on the job's row.

    A transient failure with runs left puts the row back to ``queued`` with the reason, and
    the queue retries it later; a last or permanent failure ends ``failed`` with a reason a
    person can read, after ``on_failure`` (the job's own clean-up) has run."""
    progress = Progress(model, job_id, sessions)
    previous_runs = context.job.attempts
    table: Any = model
    await progress.update(
        status=JobStatus.RUNNING.value, error=None, done=0, attempts=table.attempts + 1
    )
    try:
        result = await work(progress)
    except Exception as exc:
        if will_retry(exc, previous_runs):
            logger.warning("job %s: %s, retried later", job_id, type(exc).__name__)
            await progress.update(status=JobStatus.QUEUED.value, error=_retrying(exc))
        else:
            if not isinstance(exc, DomainError):
                logger.exception("job %s failed", job_id)
            if on_failure is not None:
                await on_failure()
            await progress.update(
                status=JobStatus.FAILED.value, error=_readable(exc), finished_at=func.now()
            )
        raise  # the queue records the same outcome, and retries what TransientRetry allows
    await progress.update(
        status=JobStatus.SUCCEEDED.value, result=result, error=None, finished_at=func.now()
    )


def _retrying(exc: BaseException) -> str:
    return f"Nouvelle tentative prévue : {_readable(exc)}"[:500]
