"""Long-running work (imports, list materialisation, batch letters) as jobs with progress.

A service keeps its jobs in a table of its own built on :class:`JobColumns`; the work runs in
the service process as an asyncio task, and reports progress through its own short
transactions so that pollers see it while the work's transaction is still open.

Several processes of a service may run jobs (replicas): each running job holds a lease, its
``heartbeat_at``, renewed while the work runs. A job whose lease has lapsed belongs to a process
that died; every process fails such jobs at start-up and then periodically — never a job that
another live process is running.
"""

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from contextlib import suppress
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import DateTime, Integer, String, func, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.errors import DomainError

logger = logging.getLogger(__name__)


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
    heartbeat_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="Renewed by the process running the job (its lease)."
    )


class JobRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    status: JobStatus
    total: int
    done: int
    percent: float
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
    keys = ("id", "kind", "status", "total", "done", "result", "error", "created_at", "finished_at")
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
        """Writes the values and renews the job's lease (wall-clock time, not the
        transaction's)."""
        table: Any = self.model
        async with self.sessions() as session, session.begin():
            await session.execute(
                update(table)
                .where(table.id == self.job_id)
                .values(heartbeat_at=func.clock_timestamp(), **values)
            )

    async def set_total(self, total: int) -> None:
        await self.update(total=total)

    async def advance(self, done: int) -> None:
        await self.update(done=done)


JobWork = Callable[[Progress], Awaitable[dict[str, Any]]]


class JobRunner:
    """Runs jobs as tasks of this process and keeps references so they are not collected."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        heartbeat_seconds: float = 15.0,
        lease_seconds: float = 60.0,
    ) -> None:
        self.sessions = sessions
        self.heartbeat_seconds = heartbeat_seconds
        self.lease_seconds = lease_seconds
        self._tasks: set[asyncio.Task[None]] = set()
        self._sweeper: asyncio.Task[None] | None = None

    def start(self, model: type[JobColumns], job_id: uuid.UUID, work: JobWork) -> None:
        task = asyncio.create_task(self._run(model, job_id, work))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def wait_idle(self) -> None:
        """Waits for every job started by this runner (used by the tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def _run(self, model: type[JobColumns], job_id: uuid.UUID, work: JobWork) -> None:
        progress = Progress(model, job_id, self.sessions)
        await progress.update(status=JobStatus.RUNNING.value)
        heartbeat = asyncio.create_task(self._renew_lease(progress))
        outcome: dict[str, Any]
        try:
            outcome = {"status": JobStatus.SUCCEEDED.value, "result": await work(progress)}
        except DomainError as exc:
            outcome = {"status": JobStatus.FAILED.value, "error": exc.detail[:500]}
        except Exception as exc:
            logger.exception("job %s failed", job_id)
            outcome = {
                "status": JobStatus.FAILED.value,
                "error": f"Unexpected error ({type(exc).__name__}); it has been logged.",
            }
        finally:
            heartbeat.cancel()
            with suppress(asyncio.CancelledError):
                await heartbeat
        await progress.update(**outcome, finished_at=func.now())

    async def _renew_lease(self, progress: Progress) -> None:
        while True:
            await asyncio.sleep(self.heartbeat_seconds)
            try:
                await progress.update()
            except Exception:  # a lapse is survivable; the next beat tries again
                logger.warning("job %s: lease not renewed", progress.job_id, exc_info=True)

    async def fail_abandoned(self, model: type[JobColumns]) -> int:
        """Fails the queued or running jobs whose lease has lapsed (their process died);
        returns how many."""
        table: Any = model
        lapsed = func.clock_timestamp() - timedelta(seconds=self.lease_seconds)
        async with self.sessions() as session, session.begin():
            result = await session.execute(
                update(table)
                .where(
                    table.status.in_([JobStatus.QUEUED.value, JobStatus.RUNNING.value]),
                    func.coalesce(table.heartbeat_at, table.created_at) < lapsed,
                )
                .values(
                    status=JobStatus.FAILED.value,
                    error="Interrupted: the process running it stopped.",
                    finished_at=func.now(),
                )
            )
        return int(getattr(result, "rowcount", 0) or 0)

    async def watch(self, model: type[JobColumns]) -> None:
        """At start-up and then every lease period: fails the jobs of processes that died."""
        await self.fail_abandoned(model)

        async def sweep() -> None:
            while True:
                await asyncio.sleep(self.lease_seconds)
                try:
                    if failed := await self.fail_abandoned(model):
                        logger.warning("%d abandoned %s failed", failed, model.__name__)
                except Exception:
                    logger.warning("abandoned jobs not swept", exc_info=True)

        self._sweeper = asyncio.create_task(sweep())

    async def stop(self) -> None:
        """Stops the sweeping (the jobs themselves end with the process)."""
        if self._sweeper is not None:
            self._sweeper.cancel()
            with suppress(asyncio.CancelledError):
                await self._sweeper
