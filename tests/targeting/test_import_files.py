"""The files people actually send to the registry import: Windows-1252 and semicolons from
French Excel, UTF-8 with a BOM, .xlsx workbooks; and the ones that are not tables at all,
refused at upload in French naming the line, before any job exists."""

import gzip
import io
import os
import zipfile
from datetime import date
from typing import Any

import httpx
import pytest
import xlsxwriter
from fastapi import FastAPI
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from services.shared.auth import Role
from services.shared.jobs import Progress
from services.targeting.registry import importing
from services.targeting.registry.columns import IMPORT_COLUMNS
from services.targeting.registry.models import InsuredPerson, TargetingJob
from tests.exports import csv_table
from tests.factories import TokenFactory, person_csv, person_row
from tests.targeting.conftest import registry_size, upload_and_wait

Live = tuple[httpx.AsyncClient, FastAPI]


async def _names(app: FastAPI) -> set[tuple[str, str, str | None]]:
    async with app.state.sessionmaker() as session:
        rows = await session.execute(
            select(InsuredPerson.last_name, InsuredPerson.first_name, InsuredPerson.city)
        )
        return {(last, first, city) for last, first, city in rows}


async def _jobs(app: FastAPI) -> int:
    async with app.state.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(TargetingJob)) or 0)


async def _refused(client: httpx.AsyncClient, tokens: TokenFactory, content: bytes) -> str:
    """The upload's 422 detail; no job was created for it."""
    response = await client.post(
        "/imports",
        files={"file": ("assures.csv", content, "application/octet-stream")},
        data={"mode": "keep_valid"},
        headers=tokens.headers(Role.ADMIN),
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return str(response.json()["detail"])


def _french_rows() -> list[dict[str, object]]:
    return [
        person_row(last_name="Lefèvre", first_name="Hélène", city="Besançon"),
        person_row(last_name="Œuvrard", first_name="François", city="Saint-Étienne"),
    ]


async def test_windows_1252_with_semicolons_and_french_dates(
    live: Live, tokens: TokenFactory
) -> None:
    client, app = live
    rows = _french_rows()
    for row in rows:  # as French Excel writes them
        born = date.fromisoformat(str(row["birth_date"]))
        row["birth_date"] = born.strftime("%d/%m/%Y")
    content = person_csv(rows, delimiter=";").decode().encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    job = await upload_and_wait(client, tokens.headers(Role.ADMIN), content, "all_or_nothing")
    assert job["status"] == "succeeded" and job["result"]["inserted"] == 2, job
    assert await _names(app) == {
        ("Lefèvre", "Hélène", "Besançon"),
        ("Œuvrard", "François", "Saint-Étienne"),
    }


async def test_utf8_with_a_byte_order_mark(live: Live, tokens: TokenFactory) -> None:
    client, app = live
    content = b"\xef\xbb\xbf" + person_csv(_french_rows()).replace(b"\n", b"\r\n")
    job = await upload_and_wait(client, tokens.headers(Role.ADMIN), content, "all_or_nothing")
    assert job["status"] == "succeeded" and job["result"]["inserted"] == 2, job
    assert ("Lefèvre", "Hélène", "Besançon") in await _names(app)


def _workbook(rows: list[dict[str, object]]) -> bytes:
    """An .xlsx as Excel keeps it: numbers as numbers, dates as dates."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Assurés")
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, IMPORT_COLUMNS)
    for line, row in enumerate(rows, start=1):
        for column, name in enumerate(IMPORT_COLUMNS):
            value: Any = row.get(name)
            if name in ("sex", "validated_quarters", "required_quarters"):
                sheet.write_number(line, column, int(str(value)))
            elif name == "nir" and line == 1 and str(value).isdigit():
                sheet.write_number(line, column, int(str(value)))  # typed as a number
            elif name.endswith(("_date", "_on")) and value:
                sheet.write_datetime(line, column, date.fromisoformat(str(value)), dates)
            elif isinstance(value, bool):
                sheet.write_boolean(line, column, value)
            elif value is not None:
                sheet.write_string(line, column, str(value))
    book.close()
    return buffer.getvalue()


async def test_an_xlsx_workbook(live: Live, tokens: TokenFactory) -> None:
    client, app = live
    rows = [*_french_rows(), person_row(business_created_on="2011-04-01", cross_border=True)]
    job = await upload_and_wait(
        client, tokens.headers(Role.ADMIN), _workbook(rows), "all_or_nothing", "assures.xlsx"
    )
    assert job["status"] == "succeeded" and job["result"]["inserted"] == 3, job
    assert job["total"] == 3 and job["percent"] == 100.0
    async with app.state.sessionmaker() as session:
        stored = {p.nir: p for p in await session.scalars(select(InsuredPerson))}
    assert set(stored) == {str(row["nir"]) for row in rows}
    third = stored[str(rows[2]["nir"])]
    assert third.business_created_on == date(2011, 4, 1) and third.cross_border is True
    assert third.birth_date == date.fromisoformat(str(rows[2]["birth_date"]))


async def test_row_errors_name_the_column_in_french_on_screen_and_in_the_file(
    live: Live, tokens: TokenFactory
) -> None:
    client, _ = live
    headers = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    rows = [person_row(), person_row(), person_row()]
    rows[0]["birth_date"] = "31/02/1955"
    rows[1]["validated_quarters"] = "beaucoup"
    rows[2]["status"] = "inconnu"
    job = await upload_and_wait(client, headers, person_csv(rows, delimiter=";"), "keep_valid")
    errors = (await client.get(f"/imports/{job['id']}/errors", headers=headers)).json()["items"]
    assert [(e["line"], e["field"], e["message"]) for e in errors] == [
        (2, "birth_date", "Colonne birth_date : date attendue (AAAA-MM-JJ ou JJ/MM/AAAA), "
         "ou date impossible."),
        (3, "validated_quarters", "Colonne validated_quarters : nombre entier attendu."),
        (4, "status", "Colonne status : valeur inconnue, attendu l'une de : active, retired, "
         "struck_off."),
    ]  # fmt: skip
    report = csv_table(await client.get(f"/imports/{job['id']}/errors.csv", headers=headers))
    assert report[1:] == [[str(e["line"]), e["field"], e["message"]] for e in errors]


async def test_random_bytes_are_refused_at_once(live: Live, tokens: TokenFactory) -> None:
    client, app = live
    detail = await _refused(client, tokens, os.urandom(200_000))
    assert detail.startswith("Ligne ")
    assert "binaire" in detail
    assert await _jobs(app) == 0


@pytest.mark.parametrize(
    ("pack", "expected"),
    [
        (gzip.compress, "Le fichier est compressé (gzip)"),
        (lambda data: _zipped(data), "Le fichier est une archive ZIP, pas un classeur Excel"),
    ],
    ids=["gzip", "zip"],
)
async def test_a_compressed_file_is_refused_at_once(
    live: Live, tokens: TokenFactory, pack: Any, expected: str
) -> None:
    client, app = live
    detail = await _refused(client, tokens, pack(person_csv([person_row()])))
    assert detail.startswith(expected)
    assert await _jobs(app) == 0


def _zipped(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("assures.csv", data)
    return buffer.getvalue()


async def test_an_undetectable_encoding_is_refused_naming_the_line(
    live: Live, tokens: TokenFactory
) -> None:
    """0x81 and 0x8D mean nothing in Windows-1252, and these bytes are not UTF-8 either."""
    client, _ = live
    content = person_csv([person_row(), person_row(last_name="Du\x81\x8dpont")])
    content = content.replace("Du\x81\x8dpont".encode(), b"Du\x81\x8dpont")
    detail = await _refused(client, tokens, content)
    assert detail == "Ligne 3 : encodage non reconnu (ni UTF-8 ni Windows-1252) ou fichier binaire."


async def test_an_oversized_field_is_refused_naming_the_line(
    live: Live, tokens: TokenFactory
) -> None:
    client, _ = live
    content = person_csv([person_row(), person_row(address_line="x" * 5_000_000)])
    detail = await _refused(client, tokens, content)
    assert detail.startswith("Ligne 3 : une valeur dépasse 131\u202f072 caractères")


async def test_too_many_columns_are_refused_naming_the_line(
    live: Live, tokens: TokenFactory
) -> None:
    client, _ = live
    wide_header = ",".join(f"c{i}" for i in range(500)).encode() + b"\n1,2\n"
    assert await _refused(client, tokens, wide_header) == (
        "Ligne 1 : 500 colonnes, au plus 100 sont lues."
    )
    extra_cells = person_csv([person_row(), person_row()]).rstrip() + b",en trop,encore\r\n"
    detail = await _refused(client, tokens, extra_cells)
    assert detail.startswith("Ligne 3 : 27 valeurs pour 25 colonnes d'en-tête")


async def test_a_fault_past_the_first_mib_stops_the_job_naming_the_line(
    live: Live, tokens: TokenFactory
) -> None:
    """Only the beginning is read at upload; the rest is read by the job, as strictly."""
    client, app = live
    good = person_csv([person_row() for _ in range(5000)])
    assert len(good) > 1024 * 1024
    content = good + person_csv([person_row(last_name="Du\xe9pont")]).split(b"\n", 1)[1].replace(
        "Du\xe9pont".encode(), b"Du\xe9pont"
    )
    job = await upload_and_wait(client, tokens.headers(Role.ADMIN), content, "keep_valid")
    assert job["status"] == "failed"
    assert job["error"] == (
        "Ligne 5002 : octets illisibles en UTF-8, l'encodage du début du fichier."
    )
    assert await registry_size(app) == 0


async def test_260k_refused_rows_are_reported_in_bulk_with_the_percent_moving(
    live: Live, tokens: TokenFactory, engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bounded by rows, not by time: the refusals are written a chunk at a time (a statement
    per CHUNK_ROWS lines, not per row) and the percent moves once per chunk."""
    client, _ = live
    row = person_row()
    row["nir"] = str(row["nir"])[:13] + "00"  # a wrong key
    header, line = person_csv([row]).split(b"\n", 1)
    rows = 260_000
    content = header + b"\n" + line * rows

    error_inserts = 0

    def count(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        nonlocal error_inserts
        error_inserts += statement.startswith("INSERT INTO targeting_import_error")

    done: list[int] = []
    advance = Progress.advance

    async def record(self: Progress, value: int) -> None:
        done.append(value)
        await advance(self, value)

    monkeypatch.setattr(Progress, "advance", record)
    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        job = await upload_and_wait(client, tokens.headers(Role.ADMIN), content, "keep_valid")
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    assert job["status"] == "succeeded", job
    assert job["result"]["rejected"] == rows and job["result"]["inserted"] == 0
    chunks = rows // importing.CHUNK_ROWS
    assert error_inserts <= chunks + 1
    assert done == sorted(done) and len(done) >= chunks and done[-1] == rows
    assert job["total"] == rows and job["percent"] == 100.0
