"""Jobs: progress as a percentage, failures reported, abandoned jobs closed at start-up."""

import httpx
from fastapi import FastAPI
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


async def test_jobs_left_running_by_a_stopped_process_are_failed_at_start_up(
    session: AsyncSession, targeting_app: FastAPI
) -> None:
    running, finished = (
        await _job(session, JobStatus.RUNNING),
        await _job(session, JobStatus.SUCCEEDED),
    )
    await targeting_app.state.job_runner.fail_abandoned(TargetingJob)
    await session.refresh(running)
    await session.refresh(finished)
    assert (running.status, running.error) == ("failed", "Interrupted by a restart.")
    assert finished.status == "succeeded"
