"""CSV imports as jobs, on committed data: the job's progress and error report live in
transactions of their own, which the rolled-back test transaction could not show."""

import asyncio
from collections.abc import Callable

import httpx
import pytest
from fastapi import FastAPI

from services.shared.auth import Role
from services.targeting.registry import importing
from tests.exports import csv_table
from tests.factories import TokenFactory, person_csv, person_row
from tests.targeting.conftest import registry_size, upload_and_wait


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
    job = await upload_and_wait(
        client, headers, person_csv(_with_bad_rows(), delimiter=";"), "keep_valid"
    )
    assert job["status"] == "succeeded" and job["percent"] == 100.0 and job["total"] == 6
    assert job["result"]["inserted"] == 4 and job["result"]["rejected"] == 2
    assert await registry_size(app) == 4
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
    job = await upload_and_wait(client, headers, person_csv(_with_bad_rows()), "all_or_nothing")
    assert job["status"] == "succeeded"
    assert job["result"]["written"] is False and job["result"]["inserted"] == 0
    assert await registry_size(app) == 0
    errors = await client.get(f"/imports/{job['id']}/errors", headers=headers)
    assert errors.json()["total"] == 3


async def test_reimporting_the_same_file_changes_nothing_and_says_so(
    live: tuple[httpx.AsyncClient, FastAPI], tokens: TokenFactory
) -> None:
    client, _ = live
    headers = tokens.headers(Role.ADMIN)
    content = person_csv([person_row() for _ in range(25)])
    first = await upload_and_wait(client, headers, content, "all_or_nothing")
    second = await upload_and_wait(client, headers, content, "all_or_nothing")
    assert first["result"]["inserted"] == 25
    assert (
        second["result"]["inserted"],
        second["result"]["updated"],
        second["result"]["unchanged"],
    ) == (0, 0, 25)
    assert second["result"]["message"].startswith("Rien n'a changé")


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


async def test_a_bad_header_is_refused_at_upload_naming_the_columns(
    live: tuple[httpx.AsyncClient, FastAPI], tokens: TokenFactory
) -> None:
    client, _ = live
    refused = await client.post(
        "/imports",
        files={"file": ("assures.csv", b"nir;name\n1;2\n", "text/csv")},
        data={"mode": "keep_valid"},
        headers=tokens.headers(Role.ADMIN),
    )
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith("Ligne 1 : il manque les colonnes obligatoires")


async def test_foreign_jobs_are_not_found(
    live: tuple[httpx.AsyncClient, FastAPI], tokens: TokenFactory
) -> None:
    client, _ = live
    job = await upload_and_wait(
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
    assert await registry_size(app) == 0
