"""Targeting's import fixtures: the app and a worker in the background on committed data."""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from services.shared.auth import TokenVerifier
from services.shared.settings import Settings
from services.shared.storage import Storage
from services.shared.worker import WorkerResources
from services.targeting.app import create_app
from services.targeting.caisses.seed import seed_caisses
from services.targeting.registry.models import InsuredPerson, TargetingJob
from tests.queue import running_worker


@pytest.fixture
async def live(
    settings: Settings,
    engine: AsyncEngine,
    verifier: TokenVerifier,
    storage: Storage,
    worker_resources: WorkerResources,
) -> AsyncIterator[tuple[httpx.AsyncClient, FastAPI]]:
    """The targeting app and a worker in the background, on committed data."""
    app = create_app(settings=settings)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    app.state.engine, app.state.sessionmaker = engine, sessions
    app.state.token_verifier, app.state.storage = verifier, storage
    async with sessions() as session, session.begin():
        await seed_caisses(session)
    async with (
        running_worker(engine, replace(worker_resources, sessions=sessions)),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client,
    ):
        yield client, app
    async with sessions() as session, session.begin():
        await session.execute(delete(InsuredPerson))
        await session.execute(delete(TargetingJob))


async def finished_job(
    client: httpx.AsyncClient, job_id: str, headers: dict[str, str]
) -> dict[str, Any]:
    for _ in range(600):
        job = (await client.get(f"/jobs/{job_id}", headers=headers)).json()
        if job["status"] in ("succeeded", "failed"):
            return dict(job)
        await asyncio.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish: {job}")


async def upload_and_wait(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    content: bytes,
    mode: str,
    filename: str = "assures.csv",
) -> dict[str, Any]:
    started = await client.post(
        "/imports",
        files={"file": (filename, content, "application/octet-stream")},
        data={"mode": mode},
        headers=headers,
    )
    assert started.status_code == 202, started.text
    return await finished_job(client, started.json()["id"], headers)


async def registry_size(app: FastAPI) -> int:
    async with app.state.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(InsuredPerson)) or 0)
