"""Target definitions, volumetry and frozen lists, checked against hand-counted fixtures."""

from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Role
from services.targeting.policy.models import PolicyAction
from services.targeting.policy.seed import seed_socle_2011
from services.targeting.registry.models import InsuredPerson
from tests.conftest import RunJobs
from tests.exports import csv_dicts
from tests.factories import TokenFactory, create_caisses, import_persons, person_row

INCOMPLETE = {"validated_quarters": 100, "required_quarters": 164}


@pytest.fixture(autouse=True)
async def socle(session: AsyncSession) -> None:
    await create_caisses(session)
    await seed_socle_2011(session)


@pytest.fixture
async def eig_population(targeting_client: httpx.AsyncClient, tokens: TokenFactory) -> None:
    """ALPES: 4 in the EIG target (3 incomplete careers, of whom 1 objected; 1 complete) and
    3 outside it; BRETAGNE: 2 in the target, complete careers."""
    rows = [
        person_row(last_name="Incomplet-A", birth_date=date(1952, 3, 1), **INCOMPLETE),
        person_row(
            last_name="Incomplet-B",
            birth_date=date(1957, 5, 2),
            professional_group="commercant",
            **INCOMPLETE,
        ),
        person_row(
            last_name="Oppose", birth_date=date(1952, 6, 3), contact_opt_out=True, **INCOMPLETE
        ),
        person_row(last_name="Complet", birth_date=date(1957, 7, 4)),
        person_row(last_name="Trop-jeune", birth_date=date(1960, 1, 5)),
        person_row(last_name="Retraite", birth_date=date(1952, 2, 6), status="retired"),
        person_row(last_name="Liberal", birth_date=date(1952, 2, 7), professional_group="liberal"),
        person_row(last_name="Breton-1", birth_date=date(1952, 8, 8), caisse_code="BRETAGNE"),
        person_row(last_name="Breton-2", birth_date=date(1957, 9, 9), caisse_code="BRETAGNE"),
    ]
    await import_persons(targeting_client, tokens, rows)


async def _action_id(session: AsyncSession, code: str) -> int:
    return int(await session.scalar(select(PolicyAction.id).where(PolicyAction.code == code)) or 0)


async def _person_id(session: AsyncSession, last_name: str) -> int:
    return int(
        await session.scalar(select(InsuredPerson.id).where(InsuredPerson.last_name == last_name))
        or 0
    )


@pytest.mark.usefixtures("eig_population")
async def test_eig_volumetry_per_caisse_and_priority(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    action = await _action_id(session, "EIG")
    national = await targeting_client.get(
        f"/actions/{action}/volumetry", headers=tokens.headers(Role.NATIONAL)
    )
    body = national.json()
    assert body["priority_labels"] == ["Carrière incomplète", "Autres"]
    assert (body["total_matched"], body["total_opted_out"], body["by_priority"]) == (6, 1, [3, 3])
    assert body["by_caisse"] == [
        {"caisse_code": "ALPES", "matched": 4, "opted_out": 1, "by_priority": [3, 1]},
        {"caisse_code": "BRETAGNE", "matched": 2, "opted_out": 0, "by_priority": [0, 2]},
    ]
    manager = await targeting_client.get(
        f"/actions/{action}/volumetry", headers=tokens.headers(Role.CAISSE_MANAGER, "BRETAGNE")
    )
    assert [c["caisse_code"] for c in manager.json()["by_caisse"]] == ["BRETAGNE"]
    assert manager.json()["total_matched"] == 2


@pytest.mark.usefixtures("eig_population")
async def test_ad_hoc_definition_cannot_widen_a_managers_scope(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    definition = {"filter": {"caisses": ["BRETAGNE"], "birth_years": [1952, 1957]}}
    response = await targeting_client.post(
        "/volumetry",
        json={"definition": definition},
        headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
    )
    assert response.status_code == 200
    assert response.json()["total_matched"] == 0 and response.json()["by_caisse"] == []


@pytest.mark.parametrize(
    ("definition", "field"),
    [
        ({"filter": {"birth_year": [1952]}}, "definition.filter.birth_year"),
        ({"filter": {"birth_years": []}}, "definition.filter.birth_years"),
        ({"filter": {"birth_years": [1700]}}, "definition.filter.birth_years.0"),
        (
            {"filter": {"birth_year_range": {"start": 1960, "end": 1950}}},
            "definition.filter.birth_year_range",
        ),
        ({"filter": {"statuses": ["asleep"]}}, "definition.filter.statuses.0"),
        ({"filter": {"activity_codes": ["coiffure"]}}, "definition.filter.activity_codes.0"),
        ({"filter": {}, "priorities": [{"label": "x", "criteria": {}}]}, "definition.priorities.0"),
        ({"filter": {"caisses": ["ATLANTIDE"]}}, "definition.filter.caisses"),
    ],
)
async def test_invalid_definitions_are_422_naming_the_field(
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    definition: dict[str, Any],
    field: str,
) -> None:
    response = await targeting_client.post(
        "/volumetry", json={"definition": definition}, headers=tokens.headers(Role.NATIONAL)
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == field


async def _materialise(
    client: httpx.AsyncClient,
    run_jobs: RunJobs,
    headers: dict[str, str],
    action: int,
    body: dict[str, Any],
) -> dict[str, Any]:
    started = await client.post(f"/actions/{action}/target-lists", json=body, headers=headers)
    assert started.status_code == 202, started.text
    await run_jobs()
    job = await client.get(f"/jobs/{started.json()['job']['id']}", headers=headers)
    assert job.json()["status"] == "succeeded" and job.json()["percent"] == 100.0, job.text
    listed = await client.get(f"/target-lists/{started.json()['list']['id']}", headers=headers)
    return dict(listed.json())


@pytest.mark.usefixtures("eig_population")
async def test_list_excludes_opt_outs_and_recent_contacts_and_ranks_priorities_first(
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    tokens: TokenFactory,
    session: AsyncSession,
    run_jobs: RunJobs,
) -> None:
    recently_contacted = await _person_id(session, "Incomplet-B")
    reported = await targeting_client.post(
        "/contacts/recency",
        json={
            "contacts": [
                {
                    "person_id": recently_contacted,
                    "contacted_on": str(date.today() - timedelta(days=10)),
                }
            ]
        },
        headers=tokens.headers(Role.SERVICE),
    )
    assert reported.json() == {"updated": 1}
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    target_list = await _materialise(
        targeting_client, run_jobs, manager, await _action_id(session, "EIG"), {}
    )
    assert target_list["status"] == "ready"
    assert (
        target_list["matched"],
        target_list["excluded_opt_out"],
        target_list["excluded_recent_contact"],
    ) == (4, 1, 1)
    assert target_list["size"] == 2
    members = await targeting_client.get(
        f"/target-lists/{target_list['id']}/members", headers=manager
    )
    assert [(m["rank"], m["priority_group"], m["last_name"]) for m in members.json()["items"]] == [
        (1, 1, "Incomplet-A"),
        (2, 2, "Complet"),
    ]
    # The list is frozen: later changes in the registry do not alter it.
    await targeting_client.put(
        f"/persons/{await _person_id(session, 'Complet')}/opposition",
        json={"contact_opt_out": True},
        headers=manager,
    )
    again = await targeting_client.get(
        f"/target-lists/{target_list['id']}/members", headers=manager
    )
    assert len(again.json()["items"]) == 2


@pytest.mark.usefixtures("eig_population")
async def test_lists_of_a_caisse_are_hidden_from_others(
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    tokens: TokenFactory,
    session: AsyncSession,
    run_jobs: RunJobs,
) -> None:
    action = await _action_id(session, "EIG")
    target_list = await _materialise(
        targeting_client, run_jobs, tokens.headers(Role.CAISSE_MANAGER, "ALPES"), action, {}
    )
    other = tokens.headers(Role.CAISSE_MANAGER, "BRETAGNE")
    for path in ("", "/members", "/export.csv"):
        response = await targeting_client.get(
            f"/target-lists/{target_list['id']}{path}", headers=other
        )
        assert response.status_code == 404
    counselor = await targeting_client.post(
        f"/actions/{action}/target-lists", json={}, headers=tokens.headers(Role.COUNSELOR, "ALPES")
    )
    assert counselor.status_code == 403
    national_members = await targeting_client.get(
        f"/target-lists/{target_list['id']}/members", headers=tokens.headers(Role.NATIONAL)
    )
    assert national_members.status_code == 403


async def test_sampling_is_reproducible(
    targeting_client: httpx.AsyncClient,
    run_jobs: RunJobs,
    tokens: TokenFactory,
    session: AsyncSession,
) -> None:
    rows = [
        person_row(birth_date=date(1957, 1 + i % 12, 1 + i % 28), **(INCOMPLETE if i < 20 else {}))
        for i in range(60)
    ]
    await import_persons(targeting_client, tokens, rows)
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    action = await _action_id(session, "EIG")

    async def members(sampling: dict[str, Any]) -> list[tuple[int, int]]:
        target_list = await _materialise(
            targeting_client, run_jobs, manager, action, {"sampling": sampling}
        )
        page = await targeting_client.get(
            f"/target-lists/{target_list['id']}/members", params={"limit": 500}, headers=manager
        )
        return [(m["person_id"], m["priority_group"]) for m in page.json()["items"]]

    first = await members({"size": 30, "seed": 7})
    assert first == await members({"size": 30, "seed": 7})
    other_seed = await members({"size": 30, "seed": 8})
    assert {p for p, _ in other_seed} != {p for p, _ in first}
    # Priority groups fill first: the 20 incomplete careers, then 10 drawn among the others.
    assert [g for _, g in first] == [1] * 20 + [2] * 10
    assert len(await members({"share": 0.5, "seed": 7})) == 30


async def test_members_page_by_rank_and_export_as_csv(
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    tokens: TokenFactory,
    session: AsyncSession,
    run_jobs: RunJobs,
) -> None:
    await import_persons(targeting_client, tokens, [person_row() for _ in range(5)])
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    target_list = await _materialise(
        targeting_client, run_jobs, manager, await _action_id(session, "EIG"), {}
    )
    ranks: list[int] = []
    after = 0
    while after is not None:
        page = (
            await targeting_client.get(
                f"/target-lists/{target_list['id']}/members",
                params={"after_rank": after, "limit": 2},
                headers=manager,
            )
        ).json()
        ranks += [m["rank"] for m in page["items"]]
        after = page["next_after_rank"]
    assert ranks == [1, 2, 3, 4, 5]
    full_last_page = await targeting_client.get(
        f"/target-lists/{target_list['id']}/members",
        params={"after_rank": 3, "limit": 2},
        headers=manager,
    )
    assert full_last_page.json()["next_after_rank"] is None
    export = await targeting_client.get(
        f"/target-lists/{target_list['id']}/export.csv", headers=manager
    )
    rows = csv_dicts(export)
    assert [int(r["Rang"]) for r in rows] == [1, 2, 3, 4, 5]
    assert not {"nir", "NIR"} & set(rows[0])


@pytest.mark.usefixtures("eig_population")
async def test_a_machine_client_runs_the_same_journey(
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    tokens: TokenFactory,
    session: AsyncSession,
    run_jobs: RunJobs,
) -> None:
    machine = tokens.headers(Role.SERVICE)
    action = await _action_id(session, "EIG")
    counts = await targeting_client.get(f"/actions/{action}/volumetry", headers=machine)
    assert counts.json()["total_matched"] == 6
    without_caisse = await targeting_client.post(
        f"/actions/{action}/target-lists", json={}, headers=machine
    )
    assert without_caisse.status_code == 422
    assert without_caisse.json()["errors"][0]["field"] == "caisse_code"
    target_list = await _materialise(
        targeting_client, run_jobs, machine, action, {"caisse_code": "BRETAGNE"}
    )
    assert target_list["caisse_code"] == "BRETAGNE" and target_list["size"] == 2
    export = await targeting_client.get(
        f"/target-lists/{target_list['id']}/export.csv", headers=machine
    )
    assert {r["Nom"] for r in csv_dicts(export)} == {
        "Breton-1",
        "Breton-2",
    }
