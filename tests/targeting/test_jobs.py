"""Jobs on the queue: deferred with the change that asks for them, run by procrastinate's
worker, progress as a true percentage, transient failures retried, permanent ones failed
with their reason, and the jobs of a dead worker taken again."""

import uuid
from typing import Any

import httpx
from procrastinate import JobContext
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Role
from services.shared.errors import ServiceUnavailable, Unprocessable
from services.shared.jobs import MAX_RUNS, JobRead, JobStatus, Progress, run_job
from services.shared.queue import QueueTask, enqueue, task
from services.shared.worker import resources_of
from services.targeting.registry.models import TargetingJob
from services.worker.maintenance import STALLED_TASK
from tests.conftest import RunJobs
from tests.factories import TokenFactory

SCENARIO = QueueTask("test.scenario", queue="test")
# What each test's job does on each run, by the job's id.
scenarios: dict[str, list[Any]] = {}


@task(SCENARIO)
async def scenario(context: JobContext, *, job_id: str) -> None:
    resources = resources_of(context)

    async def work(progress: Progress) -> dict[str, Any]:
        step = scenarios[job_id].pop(0)
        if isinstance(step, Exception):
            raise step
        await progress.set_total(200)
        await progress.advance(100)
        return dict(await step(job_id))

    await run_job(resources.sessions, TargetingJob, uuid.UUID(job_id), context, work)


async def _queued(session: AsyncSession, *steps: Any) -> TargetingJob:
    job = TargetingJob(kind="test", created_by="test", total=0, done=0)
    session.add(job)
    await session.flush()
    scenarios[str(job.id)] = list(steps)
    await enqueue(session, SCENARIO, job_id=str(job.id))
    return job


async def _queue_row(session: AsyncSession, job: TargetingJob) -> dict[str, Any]:
    row = (
        await session.execute(
            text(
                "SELECT status::text, attempts, scheduled_at > now() AS later "
                "FROM procrastinate_jobs WHERE args->>'job_id' = :id"
            ),
            {"id": str(job.id)},
        )
    ).one()
    return dict(row._mapping)


async def test_a_job_exists_only_if_the_change_that_asks_for_it_commits(
    session: AsyncSession,
) -> None:
    before = await session.scalar(text("SELECT count(*) FROM procrastinate_jobs"))
    savepoint = await session.begin_nested()
    await _queued(session)
    assert await session.scalar(text("SELECT count(*) FROM procrastinate_jobs")) == before + 1
    await savepoint.rollback()
    assert await session.scalar(text("SELECT count(*) FROM procrastinate_jobs")) == before
    assert await session.scalar(select(func.count()).select_from(TargetingJob)) == 0


async def test_a_queued_job_waits_then_the_worker_runs_it_with_a_true_percent(
    session: AsyncSession,
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    run_jobs: RunJobs,
) -> None:
    headers = tokens.headers(Role.ADMIN)
    seen: list[dict[str, Any]] = []

    async def halfway(job_id: str) -> dict[str, Any]:
        seen.append((await targeting_client.get(f"/jobs/{job_id}", headers=headers)).json())
        return {"answer": 42}

    job = await _queued(session, halfway)
    waiting = (await targeting_client.get(f"/jobs/{job.id}", headers=headers)).json()
    assert (waiting["status"], waiting["percent"], waiting["attempts"]) == ("queued", 0.0, 0)
    await run_jobs()
    assert (seen[0]["status"], seen[0]["percent"]) == ("running", 50.0)
    await session.refresh(job)
    read = JobRead.of(job)
    assert (read.status, read.percent, read.attempts, read.result) == (
        JobStatus.SUCCEEDED,
        100.0,
        1,
        {"answer": 42},
    )
    assert (await _queue_row(session, job))["status"] == "succeeded"


async def test_a_permanent_failure_ends_failed_at_once_with_its_reason(
    session: AsyncSession, run_jobs: RunJobs
) -> None:
    job = await _queued(session, Unprocessable("Le fichier est vide."))
    await run_jobs()
    await session.refresh(job)
    assert (job.status, job.error, job.attempts) == ("failed", "Le fichier est vide.", 1)
    assert job.finished_at is not None
    assert (await _queue_row(session, job))["status"] == "failed"


async def test_a_transient_failure_is_retried_later_and_then_succeeds(
    session: AsyncSession, run_jobs: RunJobs
) -> None:
    async def done(job_id: str) -> dict[str, Any]:
        return {"second": True}

    job = await _queued(session, ServiceUnavailable("The targeting service is unavailable."), done)
    await run_jobs()
    await session.refresh(job)
    assert job.status == "queued" and job.attempts == 1
    assert job.error is not None and job.error.startswith("Nouvelle tentative prévue")
    assert await _queue_row(session, job) == {"status": "todo", "attempts": 1, "later": True}
    await run_jobs()  # not due yet: nothing runs
    await session.refresh(job)
    assert job.attempts == 1
    await session.execute(text("UPDATE procrastinate_jobs SET scheduled_at = now()"))
    await run_jobs()
    await session.refresh(job)
    read = JobRead.of(job)
    assert (read.status, read.attempts, read.error) == (JobStatus.SUCCEEDED, 2, None)
    assert read.result == {"second": True}


async def test_a_transient_failure_on_the_last_run_fails_the_job(
    session: AsyncSession, run_jobs: RunJobs
) -> None:
    job = await _queued(session, *[ConnectionRefusedError("peer down")] * MAX_RUNS)
    for _ in range(MAX_RUNS):
        await run_jobs()
        await session.execute(text("UPDATE procrastinate_jobs SET scheduled_at = now()"))
    await session.refresh(job)
    assert (job.status, job.attempts) == ("failed", MAX_RUNS)
    assert job.error == "Service temporairement indisponible (ConnectionRefusedError)."
    assert (await _queue_row(session, job))["status"] == "failed"


async def test_the_job_of_a_dead_worker_is_taken_again_and_finishes(
    session: AsyncSession, run_jobs: RunJobs
) -> None:
    async def done(job_id: str) -> dict[str, Any]:
        return {"resumed": True}

    job = await _queued(session, done)
    # A worker takes the job, then dies: its heartbeat stops.
    dead = await session.scalar(text("SELECT procrastinate_register_worker_v1()"))
    await session.execute(
        text("SELECT * FROM procrastinate_fetch_job_v2(ARRAY['test']::varchar[], :worker)"),
        {"worker": dead},
    )
    await session.execute(
        update(TargetingJob).where(TargetingJob.id == job.id).values(status="running", attempts=1)
    )
    await run_jobs()  # nobody else takes a job that is "doing"
    assert (await _queue_row(session, job))["status"] == "doing"
    await session.execute(
        text("UPDATE procrastinate_workers SET last_heartbeat = now() - interval '1 hour'")
    )

    await enqueue(session, STALLED_TASK, timestamp=0)  # the periodic sweep, once here
    await run_jobs()
    assert (await _queue_row(session, job))["status"] == "todo"
    # Retried "now" by the wall clock, which is later than the test transaction's now().
    await session.execute(text("UPDATE procrastinate_jobs SET scheduled_at = now()"))
    await run_jobs()
    await session.refresh(job)
    assert (job.status, job.attempts, job.result) == ("succeeded", 2, {"resumed": True})
