"""The yearly policy: the 2011 socle, regional actions, who edits what."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Role
from services.targeting.policy.seed import SOCLE_2011, seed_socle_2011
from tests.factories import TokenFactory, create_caisses


@pytest.fixture(autouse=True)
async def socle(session: AsyncSession) -> None:
    await create_caisses(session)
    await seed_socle_2011(session)


def regional_action(code: str = "SENIORS73") -> dict[str, object]:
    return {
        "code": code,
        "title": "Réunions d'information retraite",
        "contact_type": "collective_meeting",
        "target_description": "Actifs de 60 ans et plus",
        "specific_objective": "Préparer le départ à la retraite",
        "content": "Droits, démarches",
        "calendar_start": "2011-09-01",
        "calendar_end": "2011-12-15",
        "modalities": "Réunions en agence",
        "tools": "Diaporama",
        "target_definition": {"filter": {"birth_year_range": {"start": 1940, "end": 1951}}},
    }


async def test_the_2011_socle_has_the_four_actions_of_the_circular(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    response = await targeting_client.get(
        "/policy/2011/actions", headers=tokens.headers(Role.COUNSELOR)
    )
    actions = {a["code"]: a for a in response.json()}
    assert (
        set(actions)
        == {"EIG", "CREATEURS", "RENCONTRE_CS", "RENCONTRE_AE"}
        == {a["code"] for a in SOCLE_2011}
    )
    eig = actions["EIG"]
    assert eig["national"] is True and eig["contact_type"] == "individual_interview"
    assert eig["target_definition"]["filter"]["birth_years"] == [1952, 1957]
    assert eig["target_definition"]["priorities"][0]["criteria"] == {"incomplete_career": True}
    assert actions["CREATEURS"]["contact_type"] == "letter"


async def test_seeding_twice_adds_nothing(session: AsyncSession) -> None:
    assert await seed_socle_2011(session) == 0


async def test_a_manager_adds_a_regional_action_of_its_caisse_only(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    created = await targeting_client.post(
        "/policy/2011/actions",
        json=regional_action(),
        headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
    )
    assert created.status_code == 201, created.text
    assert created.json()["caisse_code"] == "ALPES" and created.json()["national"] is False
    action_id = created.json()["id"]
    other = tokens.headers(Role.CAISSE_MANAGER, "BRETAGNE")
    listed = await targeting_client.get("/policy/2011/actions", headers=other)
    assert "SENIORS73" not in {a["code"] for a in listed.json()}
    hidden = await targeting_client.get(f"/actions/{action_id}", headers=other)
    assert hidden.status_code == 404
    smuggled = await targeting_client.post(
        "/policy/2011/actions",
        json={**regional_action("X"), "caisse_code": "BRETAGNE"},
        headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
    )
    assert smuggled.status_code == 422


async def test_only_the_national_office_edits_the_socle(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    actions = (
        await targeting_client.get("/policy/2011/actions", headers=tokens.headers(Role.NATIONAL))
    ).json()
    eig = next(a for a in actions if a["code"] == "EIG")
    refused = await targeting_client.patch(
        f"/actions/{eig['id']}", json={"title": "x"}, headers=tokens.headers(Role.CAISSE_MANAGER)
    )
    edited = await targeting_client.patch(
        f"/actions/{eig['id']}",
        json={"recency_window_days": 180},
        headers=tokens.headers(Role.NATIONAL),
    )
    assert refused.status_code == 403
    assert edited.status_code == 200 and edited.json()["recency_window_days"] == 180


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"calendar_end": "2010-01-01"}, "body"),
        ({"contact_type": "pigeon"}, "contact_type"),
        (
            {"target_definition": {"filter": {"birth_years": [1800]}}},
            "target_definition.filter.birth_years.0",
        ),
        (
            {"target_definition": {"filter": {"shoe_size": 42}}},
            "target_definition.filter.shoe_size",
        ),
    ],
)
async def test_invalid_actions_are_422_naming_the_field(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, change: dict[str, object], field: str
) -> None:
    response = await targeting_client.post(
        "/policy/2011/actions",
        json={**regional_action(), **change},
        headers=tokens.headers(Role.CAISSE_MANAGER),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


async def test_duplicate_codes_conflict(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    headers = tokens.headers(Role.CAISSE_MANAGER)
    await targeting_client.post("/policy/2011/actions", json=regional_action(), headers=headers)
    again = await targeting_client.post(
        "/policy/2011/actions", json=regional_action(), headers=headers
    )
    socle_code = await targeting_client.post(
        "/policy/2011/actions", json=regional_action("EIG"), headers=headers
    )
    assert again.status_code == socle_code.status_code == 409


@pytest.mark.parametrize("field", ["target_definition", "title", "calendar_end"])
async def test_null_for_a_required_field_is_422_naming_it_and_changes_nothing(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, field: str
) -> None:
    national = tokens.headers(Role.NATIONAL)
    actions = (await targeting_client.get("/policy/2011/actions", headers=national)).json()
    eig = next(a for a in actions if a["code"] == "EIG")
    response = await targeting_client.patch(
        f"/actions/{eig['id']}", json={"tools": "changed", field: None}, headers=national
    )
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]
    after = (await targeting_client.get(f"/actions/{eig['id']}", headers=national)).json()
    assert after == eig
