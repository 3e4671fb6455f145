"""Targeting's ``GET /stats``: targeted and listed per caisse and action, hand-counted."""

from datetime import date
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Role
from services.targeting.policy.models import PolicyAction
from services.targeting.policy.seed import seed_socle_2011
from services.targeting.registry.models import InsuredPerson
from services.targeting.stats import service as stats_service
from services.targeting.stats.models import RegistryGeneration
from tests.conftest import RunJobs
from tests.factories import TokenFactory, create_caisses, import_persons, person_row

INCOMPLETE = {"validated_quarters": 100, "required_quarters": 164}


@pytest.fixture(autouse=True)
async def population(
    session: AsyncSession, targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    """ALPES: EIG 3 (one more objected), CREATEURS 1, RENCONTRE_CS 6 (coiffure, active),
    RENCONTRE_AE 1; BRETAGNE: EIG 1, RENCONTRE_CS 1. A regional ALPES action targets the
    ALPES people born in 1960 (2)."""
    await create_caisses(session)
    await seed_socle_2011(session)
    session.add(
        PolicyAction(
            year=2011,
            national=False,
            caisse_code="ALPES",
            code="JEUNES",
            title="Nés en 1960",
            contact_type="letter",
            target_description="",
            specific_objective="",
            content="",
            calendar_start=date(2011, 1, 1),
            calendar_end=date(2011, 12, 31),
            modalities="",
            tools="",
            target_definition={"filter": {"birth_years": [1960]}},
            created_by="test",
        )
    )
    await session.flush()
    rows = [
        person_row(last_name="A", birth_date=date(1952, 3, 1), **INCOMPLETE),
        person_row(
            last_name="B",
            birth_date=date(1957, 5, 2),
            professional_group="commercant",
            **INCOMPLETE,
        ),
        person_row(birth_date=date(1952, 6, 3), contact_opt_out=True, **INCOMPLETE),
        person_row(last_name="C", birth_date=date(1957, 7, 4)),
        person_row(birth_date=date(1960, 1, 5)),
        person_row(birth_date=date(1952, 2, 6), status="retired"),
        person_row(birth_date=date(1960, 2, 7), auto_entrepreneur=True),
        person_row(birth_date=date(1980, 2, 7), business_created_on="2011-05-01"),
        person_row(birth_date=date(1952, 8, 8), caisse_code="BRETAGNE"),
    ]
    await import_persons(targeting_client, tokens, rows)


def _by_code(body: dict[str, object], caisse: str) -> dict[str, tuple[int, int]]:
    items = body["items"]
    assert isinstance(items, list)
    return {
        i["action_code"]: (i["targeted"], i["listed"]) for i in items if i["caisse_code"] == caisse
    }


async def test_stats_count_targets_and_frozen_lists_per_caisse_and_action(
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    tokens: TokenFactory,
    session: AsyncSession,
    run_jobs: RunJobs,
) -> None:
    eig = await session.scalar(select(PolicyAction.id).where(PolicyAction.code == "EIG"))
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    started = await targeting_client.post(f"/actions/{eig}/target-lists", json={}, headers=manager)
    assert started.status_code == 202, started.text
    await run_jobs()

    national = await targeting_client.get(
        "/stats", params={"year": 2011}, headers=tokens.headers(Role.NATIONAL)
    )
    assert national.status_code == 200, national.text
    body = national.json()
    assert _by_code(body, "ALPES") == {
        "EIG": (3, 3),
        "CREATEURS": (1, 0),
        "RENCONTRE_CS": (6, 0),
        "RENCONTRE_AE": (1, 0),
        "JEUNES": (2, 0),
    }
    assert _by_code(body, "BRETAGNE") == {
        "EIG": (1, 0),
        "CREATEURS": (0, 0),
        "RENCONTRE_CS": (1, 0),
        "RENCONTRE_AE": (0, 0),
    }
    assert len({i["caisse_code"] for i in body["items"]}) >= 30  # every caisse, even empty ones
    eig_item = next(i for i in body["items"] if i["action_code"] == "EIG")
    assert set(eig_item) == {
        "caisse_code", "action_id", "action_code", "title", "contact_type", "national",
        "targeted", "listed",
    }  # fmt: skip
    assert eig_item["contact_type"] == "individual_interview" and eig_item["national"] is True

    own = await targeting_client.get("/stats", params={"year": 2011}, headers=manager)
    assert {i["caisse_code"] for i in own.json()["items"]} == {"ALPES"}
    assert _by_code(own.json(), "ALPES")["JEUNES"] == (2, 0)


async def test_stats_scope_and_validation(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    foreign = await targeting_client.get(
        "/stats", params={"year": 2011, "caisse_code": "BRETAGNE"}, headers=manager
    )
    assert foreign.status_code == 404
    one = await targeting_client.get(
        "/stats",
        params={"year": 2011, "caisse_code": "BRETAGNE"},
        headers=tokens.headers(Role.NATIONAL),
    )
    assert {i["caisse_code"] for i in one.json()["items"]} == {"BRETAGNE"}
    assert len(one.json()["items"]) == 4  # the socle only: JEUNES belongs to ALPES
    missing_year = await targeting_client.get("/stats", headers=tokens.headers(Role.NATIONAL))
    assert missing_year.status_code == 422 and missing_year.json()["errors"][0]["field"] == "year"
    other_year = await targeting_client.get(
        "/stats", params={"year": 2012}, headers=tokens.headers(Role.NATIONAL)
    )
    assert other_year.json() == {"items": []}
    no_scope = await targeting_client.get(
        "/stats", params={"year": 2011}, headers=tokens.headers(Role.SERVICE, scope="x")
    )
    assert no_scope.status_code == 403
    machine = await targeting_client.get(
        "/stats", params={"year": 2011}, headers=tokens.headers(Role.SERVICE, scope="stats:read")
    )
    assert machine.status_code == 200


async def _alpes_eig(client: httpx.AsyncClient, tokens: TokenFactory) -> int:
    stats = await client.get("/stats", params={"year": 2011}, headers=tokens.headers(Role.NATIONAL))
    return _by_code(stats.json(), "ALPES")["EIG"][0]


async def _generation(session: AsyncSession) -> int:
    return int(await session.scalar(select(RegistryGeneration.generation)) or 0)


async def test_the_counts_are_kept_until_the_registry_or_an_action_changes(
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scans = 0
    scan = stats_service._targeted

    async def counted(*args: Any) -> Any:
        nonlocal scans
        scans += 1
        return await scan(*args)

    monkeypatch.setattr(stats_service, "_targeted", counted)
    assert await _alpes_eig(targeting_client, tokens) == 3
    assert await _alpes_eig(targeting_client, tokens) == 3
    assert scans == 1  # the second pull read the kept counts

    # A new person: the registry's generation moves, the next pull scans again.
    await import_persons(targeting_client, tokens, [person_row(birth_date=date(1952, 9, 9))])
    assert await _alpes_eig(targeting_client, tokens) == 4
    assert scans == 2

    # An opposition to contact takes the person out of the targeted count.
    person = await session.scalar(select(InsuredPerson.id).where(InsuredPerson.last_name == "A"))
    opposed = await targeting_client.put(
        f"/persons/{person}/opposition",
        json={"contact_opt_out": True},
        headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
    )
    assert opposed.status_code == 200, opposed.text
    assert await _alpes_eig(targeting_client, tokens) == 3

    # An action's definition changes: its counts are computed again.
    eig = await session.scalar(select(PolicyAction.id).where(PolicyAction.code == "EIG"))
    narrowed = await targeting_client.patch(
        f"/actions/{eig}",
        json={"target_definition": {"filter": {"birth_years": [1952], "statuses": ["retired"]}}},
        headers=tokens.headers(Role.NATIONAL),
    )
    assert narrowed.status_code == 200, narrowed.text
    assert await _alpes_eig(targeting_client, tokens) == 1
    assert scans == 4


async def test_the_contact_dates_the_relay_writes_do_not_move_the_generation(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    person = await session.scalar(select(InsuredPerson.id).where(InsuredPerson.last_name == "A"))
    before = await _generation(session)
    recorded = await targeting_client.post(
        "/contacts/recency",
        json={"contacts": [{"person_id": person, "contacted_on": "2011-06-01"}]},
        headers=tokens.headers(Role.SERVICE, scope="contacts:write"),
    )
    assert recorded.status_code == 200, recorded.text
    assert await _generation(session) == before
    await session.execute(
        update(InsuredPerson).where(InsuredPerson.id == person).values(city="Grenoble")
    )
    assert await _generation(session) == before + 1


async def test_the_trigger_watches_every_column_a_count_could_read(session: AsyncSession) -> None:
    """A column added to the registry must be added to the trigger (or listed here)."""
    watched = set(
        await session.scalars(
            text(
                "SELECT a.attname FROM pg_trigger t JOIN pg_attribute a"
                " ON a.attrelid = t.tgrelid AND a.attnum = ANY(t.tgattr)"
                " WHERE t.tgname = 'targeting_insured_person_changed'"
            )
        )
    )
    unwatched = {"id", "last_contacted_on", "updated_at", "birth_year", "incomplete_career"}
    assert watched == {c.name for c in InsuredPerson.__table__.columns} - unwatched
