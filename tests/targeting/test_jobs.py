"""Jobs: progress as a percentage, failures reported, and the lease that tells a live
process's job from a dead one's."""

import asyncio
import time
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Role
from services.shared.errors import Unprocessable
from services.shared.jobs import JobRead, JobRunner, JobStatus, Progress
from services.targeting.registry.models import TargetingJob
from tests.factories import TokenFactory


async def _job(session: AsyncSession, status: JobStatus = JobStatus.QUEUED) -> TargetingJob:
    job = TargetingJob(kind="test", status=status.value, created_by="test", total=0, done=0)
    session.add(job)
    await session.flush()
    return job


async def test_percent_follows_progress_and_failures_keep_their_reason(
    session: AsyncSession,
    targeting_app: FastAPI,
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
) -> None:
    runner: JobRunner = targeting_app.state.job_runner
    ok, failing = await _job(session), await _job(session)

    async def halfway_then_done(progress: Progress) -> dict[str, object]:
        await progress.set_total(200)
        await progress.advance(100)
        read = await targeting_client.get(f"/jobs/{ok.id}", headers=tokens.headers(Role.ADMIN))
        assert read.json()["percent"] == 50.0 and read.json()["status"] == "running"
        return {"answer": 42}

    async def refuse(progress: Progress) -> dict[str, object]:
        raise Unprocessable("The file is empty.")

    # One after the other: in these tests every session shares the test's one connection.
    runner.start(TargetingJob, ok.id, halfway_then_done)
    await runner.wait_idle()
    runner.start(TargetingJob, failing.id, refuse)
    await runner.wait_idle()
    await session.refresh(ok)
    await session.refresh(failing)
    assert JobRead.of(ok).percent == 100.0 and ok.result == {"answer": 42}
    assert failing.status == "failed" and failing.error == "The file is empty."


async def test_only_jobs_whose_lease_lapsed_are_failed(
    session: AsyncSession, targeting_app: FastAPI
) -> None:
    """Another live process's job keeps running; a dead process's job (no heartbeat for a
    lease period, or never started) is failed; a finished job is left alone."""
    live, dead, never_started, finished = (
        await _job(session, JobStatus.RUNNING),
        await _job(session, JobStatus.RUNNING),
        await _job(session, JobStatus.QUEUED),
        await _job(session, JobStatus.SUCCEEDED),
    )
    await session.execute(
        update(TargetingJob)
        .where(TargetingJob.id == live.id)
        .values(heartbeat_at=func.clock_timestamp() - timedelta(seconds=20))
    )
    await session.execute(
        update(TargetingJob)
        .where(TargetingJob.id.in_([dead.id, never_started.id, finished.id]))
        .values(created_at=func.now() - timedelta(minutes=5))
    )
    await session.execute(
        update(TargetingJob)
        .where(TargetingJob.id == dead.id)
        .values(heartbeat_at=func.clock_timestamp() - timedelta(seconds=90))
    )
    runner = JobRunner(targeting_app.state.sessionmaker, lease_seconds=60)
    assert await runner.fail_abandoned(TargetingJob) == 2
    for job in (live, dead, never_started, finished):
        await session.refresh(job)
    assert live.status == "running"
    assert (dead.status, dead.error) == ("failed", "Interrupted: the process running it stopped.")
    assert never_started.status == "failed"
    assert finished.status == "succeeded"


async def test_a_running_job_renews_its_lease(
    session: AsyncSession, targeting_app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = await _job(session)
    runner = JobRunner(targeting_app.state.sessionmaker, heartbeat_seconds=0.05)
    renewals: list[float] = []
    update_job = Progress.update

    async def counted(progress: Progress, **values: object) -> None:
        await update_job(progress, **values)
        if not values:  # a renewal, not a status or progress change
            renewals.append(time.monotonic())

    monkeypatch.setattr(Progress, "update", counted)

    async def quiet_work(progress: Progress) -> dict[str, object]:
        await asyncio.sleep(0.4)  # no progress reported meanwhile
        return {}

    runner.start(TargetingJob, job.id, quiet_work)
    await runner.wait_idle()
    await session.refresh(job)
    assert len(renewals) >= 3
    assert job.status == "succeeded" and job.heartbeat_at is not None
    # Renewals stop with the job.
    count = len(renewals)
    await asyncio.sleep(0.15)
    assert len(renewals) == count
