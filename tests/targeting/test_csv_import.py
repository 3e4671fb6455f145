"""CSV imports as jobs, on committed data: the job's progress and error report live in
transactions of their own, which the rolled-back test transaction could not show."""

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from services.shared.auth import Role, TokenVerifier
from services.shared.settings import Settings
from services.shared.storage import Storage
from services.shared.worker import WorkerResources
from services.targeting.app import create_app
from services.targeting.caisses.seed import seed_caisses
from services.targeting.registry import importing
from services.targeting.registry.models import InsuredPerson, TargetingJob
from tests.exports import csv_table
from tests.factories import TokenFactory, person_csv, person_row
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


async def _finished(
    client: httpx.AsyncClient, job_id: str, headers: dict[str, str]
) -> dict[str, Any]:
    for _ in range(600):
        job = (await client.get(f"/jobs/{job_id}", headers=headers)).json()
        if job["status"] in ("succeeded", "failed"):
            return dict(job)
        await asyncio.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish: {job}")


async def _import(
    client: httpx.AsyncClient, headers: dict[str, str], content: bytes, mode: str
) -> dict[str, Any]:
    started = await client.post(
        "/imports",
        files={"file": ("assures.csv", content, "text/csv")},
        data={"mode": mode},
        headers=headers,
    )
    assert started.status_code == 202, started.text
    return await _finished(client, started.json()["id"], headers)


async def _registry_size(app: FastAPI) -> int:
    async with app.state.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(InsuredPerson)) or 0)


def _with_bad_rows() -> list[dict[str, object]]:
    rows = [person_row() for _ in range(6)]
    rows[2]["nir"] = "123"
    rows[4]["birth_date"] = "1952-13-45"
    rows[4]["status"] = "unknown"
    return rows


async def test_keep_valid_imports_the_good_rows_with_a_downloadable_report(
    live: tuple[httpx.AsyncClient, FastAPI], tokens: TokenFactory
) -> None:
    client, app = live
    headers = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    job = await _import(client, headers, person_csv(_with_bad_rows(), delimiter=";"), "keep_valid")
    assert job["status"] == "succeeded" and job["percent"] == 100.0 and job["total"] == 6
    assert job["result"]["inserted"] == 4 and job["result"]["rejected"] == 2
    assert await _registry_size(app) == 4
    errors = await client.get(f"/imports/{job['id']}/errors", headers=headers)
    # CSV line numbers: the header is line 1, so the third data row is line 4.
    assert [(e["line"], e["field"]) for e in errors.json()["items"]] == [
        (4, "nir"),
        (6, "birth_date"),
        (6, "status"),
    ]
    report = csv_table(await client.get(f"/imports/{job['id']}/errors.csv", headers=headers))
    assert report[0] == ["Ligne", "Colonne", "Problème"]
    assert [row[:2] for row in report[1:]] == [["4", "nir"], ["6", "birth_date"], ["6", "status"]]


async def test_all_or_nothing_writes_nothing_but_keeps_the_report(
    live: tuple[httpx.AsyncClient, FastAPI], tokens: TokenFactory
) -> None:
    client, app = live
    headers = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    job = await _import(client, headers, person_csv(_with_bad_rows()), "all_or_nothing")
    assert job["status"] == "succeeded"
    assert job["result"]["written"] is False and job["result"]["inserted"] == 0
    assert await _registry_size(app) == 0
    errors = await client.get(f"/imports/{job['id']}/errors", headers=headers)
    assert errors.json()["total"] == 3


async def test_reimporting_the_same_file_changes_nothing_and_says_so(
    live: tuple[httpx.AsyncClient, FastAPI], tokens: TokenFactory
) -> None:
    client, _ = live
    headers = tokens.headers(Role.ADMIN)
    content = person_csv([person_row() for _ in range(25)])
    first = await _import(client, headers, content, "all_or_nothing")
    second = await _import(client, headers, content, "all_or_nothing")
    assert first["result"]["inserted"] == 25
    assert (
        second["result"]["inserted"],
        second["result"]["updated"],
        second["result"]["unchanged"],
    ) == (0, 0, 25)
    assert second["result"]["message"].startswith("Nothing changed")


def _refused_row() -> dict[str, object]:
    row = person_row()
    row["nir"] = "123"
    return row


@pytest.mark.parametrize("make_row", [person_row, _refused_row], ids=["good rows", "bad rows"])
async def test_progress_is_visible_while_the_job_runs(
    live: tuple[httpx.AsyncClient, FastAPI],
    tokens: TokenFactory,
    monkeypatch: pytest.MonkeyPatch,
    make_row: Callable[[], dict[str, object]],
) -> None:
    """The percent moves as the file is read, whether its rows are imported or refused."""
    monkeypatch.setattr(importing, "CHUNK_ROWS", 1000)  # several chunks from a small file
    client, _ = live
    headers = tokens.headers(Role.ADMIN)
    content = person_csv([make_row() for _ in range(12_000)])
    started = await client.post(
        "/imports",
        files={"file": ("big.csv", content, "text/csv")},
        data={"mode": "keep_valid"},
        headers=headers,
    )
    seen: list[float] = []
    for _ in range(1000):
        job = (await client.get(f"/jobs/{started.json()['id']}", headers=headers)).json()
        seen.append(job["percent"])
        if job["status"] in ("succeeded", "failed"):
            break
        await asyncio.sleep(0.02)
    assert job["status"] == "succeeded", job
    assert any(0 < percent < 100 for percent in seen), seen
    assert seen == sorted(seen)


async def test_a_bad_header_fails_the_job_with_a_clear_error(
    live: tuple[httpx.AsyncClient, FastAPI], tokens: TokenFactory
) -> None:
    client, _ = live
    job = await _import(client, tokens.headers(Role.ADMIN), b"nir;name\n1;2\n", "keep_valid")
    assert job["status"] == "failed"
    assert "lacks the columns" in job["error"]


async def test_foreign_jobs_are_not_found(
    live: tuple[httpx.AsyncClient, FastAPI], tokens: TokenFactory
) -> None:
    client, _ = live
    job = await _import(
        client,
        tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
        person_csv([person_row()]),
        "keep_valid",
    )
    other = tokens.headers(Role.CAISSE_MANAGER, "BRETAGNE")
    assert (await client.get(f"/jobs/{job['id']}", headers=other)).status_code == 404
    assert (await client.get(f"/imports/{job['id']}/errors", headers=other)).status_code == 404


@pytest.mark.parametrize(
    ("form", "field"),
    [({"mode": ""}, "mode"), ({"mode": "everything"}, "mode"), ({"modus": "keep_valid"}, "modus")],
)
async def test_an_empty_unknown_or_misnamed_form_field_is_refused_naming_it(
    live: tuple[httpx.AsyncClient, FastAPI],
    tokens: TokenFactory,
    form: dict[str, str],
    field: str,
) -> None:
    """An empty form field would otherwise read as "not given", and an unknown one be ignored:
    either would start an import in the default mode (found by the fuzzing's invalid data)."""
    client, app = live
    refused = await client.post(
        "/imports",
        files={"file": ("assures.csv", person_csv([person_row()]), "text/csv")},
        data=form,
        headers=tokens.headers(Role.ADMIN),
    )
    assert refused.status_code == 422, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == [field]
    assert await _registry_size(app) == 0
