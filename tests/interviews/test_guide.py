"""The modular guide: which sections a profile gets, versions, and recording an interview."""

from dataclasses import replace
from typing import Any

import httpx
import pytest
from pydantic import TypeAdapter
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.contacts.models import Contact
from services.interviews.guide.conditions import Condition, Profile, applies
from services.interviews.guide.seed import NATIONAL_GUIDE
from services.interviews.scheduling.models import Interview
from services.shared.auth import Role
from tests.factories import TokenFactory
from tests.interviews.conftest import counselor, held_interview_slot

CONDITION: TypeAdapter[Condition] = TypeAdapter(Condition)
BASE = Profile(
    status="active",
    professional_group="artisan",
    action_code="EIG",
    age=35,
    auto_entrepreneur=False,
    conjoint_collaborateur=False,
    incomplete_career=False,
    eirl=False,
    invalidity_pension=False,
    cross_border=False,
)
BASE_SECTIONS = {
    "rsi_missions",
    "status_contributions",
    "health_insurance",
    "prevention",
    "online_services",
}


def proposed(profile: Profile) -> set[str]:
    return {
        key
        for key, _title, _content, condition in NATIONAL_GUIDE
        if applies(CONDITION.validate_python(condition), profile)
    }


def test_a_plain_active_profile_gets_the_common_sections() -> None:
    assert proposed(BASE) == BASE_SECTIONS


@pytest.mark.parametrize(
    ("change", "added", "removed"),
    [
        ({"auto_entrepreneur": True}, {"auto_entrepreneur"}, set()),
        ({"conjoint_collaborateur": True}, {"conjoint_collaborateur"}, set()),
        ({"eirl": True}, {"eirl"}, set()),
        ({"invalidity_pension": True}, {"invalidity", "social_action"}, set()),
        ({"incomplete_career": True}, {"retirement_rights"}, set()),
        ({"age": 45}, {"retirement_rights"}, set()),
        ({"age": 44}, set(), set()),
        ({"age": 60}, {"retirement_rights", "social_action"}, set()),
        (
            {"status": "retired", "age": 70},
            {"retirement_rights", "social_action"},
            {"status_contributions", "prevention"},
        ),
        ({"cross_border": True}, set(), set()),
    ],
)
def test_each_profile_flag_opens_its_drawers(
    change: dict[str, Any], added: set[str], removed: set[str]
) -> None:
    assert proposed(replace(BASE, **change)) == (BASE_SECTIONS | added) - removed


def test_conditions_combine_and_negate() -> None:
    condition = CONDITION.validate_python(
        {
            "all": [
                {"field": "age", "min": 40, "max": 50},
                {"not": {"field": "eirl", "equals": True}},
            ]
        }
    )
    assert applies(condition, replace(BASE, age=45))
    assert not applies(condition, replace(BASE, age=45, eirl=True))
    assert not applies(condition, replace(BASE, age=51))


async def test_the_interview_guide_follows_the_persons_file(
    interviews_client: httpx.AsyncClient,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
) -> None:
    interview = await held_interview_slot(
        session, alpes["people"]["Bernard"], alpes["actions"]["EIG"]
    )
    response = await interviews_client.get(
        f"/interviews/{interview}/guide", headers=counselor(tokens)
    )
    assert response.status_code == 200, response.text
    applying = {s["key"] for s in response.json()["sections"] if s["applies"]}
    # Born 1952 (over 45, over 60), active, auto-entrepreneur.
    assert applying == BASE_SECTIONS | {"retirement_rights", "social_action", "auto_entrepreneur"}
    assert response.json()["guide_version"] == 1


async def test_recording_an_interview(
    interviews_client: httpx.AsyncClient,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
) -> None:
    person = alpes["people"]["Arnaud"]
    interview = await held_interview_slot(session, person, alpes["actions"]["EIG"])
    headers = counselor(tokens)
    unknown = await interviews_client.put(
        f"/interviews/{interview}/record",
        json={"outcome": "done", "sections_covered": ["rsi_missions", "astrology"]},
        headers=headers,
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "sections_covered"
    assert "astrology" in unknown.json()["detail"]

    body = {
        "outcome": "done",
        "sections_covered": ["rsi_missions", "retirement_rights"],
        "follow_ups": ["career_reconstitution", "ris_request"],
        "notes": "Relevé de carrière incomplet pour 1975-1978.",
    }
    recorded = await interviews_client.put(
        f"/interviews/{interview}/record", json=body, headers=headers
    )
    assert recorded.status_code == 200, recorded.text
    assert recorded.json()["sections_covered"] == ["rsi_missions", "retirement_rights"]
    assert "retirement_rights" in recorded.json()["sections_proposed"]
    row = await session.get(Interview, interview)
    assert row is not None and row.status == "done"
    contacts = (await session.scalars(select(Contact).where(Contact.person_id == person))).all()
    assert [(c.kind, c.channel, c.source_id) for c in contacts] == [
        ("interview", "phone", str(interview))
    ]

    # The record may be completed later; the outcome never changes.
    again = await interviews_client.put(
        f"/interviews/{interview}/record", json={**body, "notes": "Complété."}, headers=headers
    )
    assert again.status_code == 200 and again.json()["notes"] == "Complété."
    changed = await interviews_client.put(
        f"/interviews/{interview}/record", json={**body, "outcome": "no_show"}, headers=headers
    )
    assert changed.status_code == 409
    read = await interviews_client.get(f"/interviews/{interview}/record", headers=headers)
    assert read.json()["follow_ups"] == ["career_reconstitution", "ris_request"]
    assert len((await session.scalars(select(Contact))).all()) == 1  # recorded once


async def test_no_outcome_for_a_cancelled_interview(
    interviews_client: httpx.AsyncClient,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
) -> None:
    interview = await held_interview_slot(
        session, alpes["people"]["Arnaud"], alpes["actions"]["EIG"]
    )
    row = await session.get(Interview, interview)
    assert row is not None
    row.status = "cancelled"
    await session.flush()
    response = await interviews_client.put(
        f"/interviews/{interview}/record", json={"outcome": "done"}, headers=counselor(tokens)
    )
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"


async def test_another_caisse_cannot_see_the_interview_guide(
    interviews_client: httpx.AsyncClient,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
) -> None:
    interview = await held_interview_slot(
        session, alpes["people"]["Arnaud"], alpes["actions"]["EIG"]
    )
    response = await interviews_client.get(
        f"/interviews/{interview}/guide", headers=counselor(tokens, "BRETAGNE")
    )
    assert response.status_code == 404


async def test_guide_versions_are_edited_as_drafts_and_frozen_once_published(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, alpes: dict[str, Any]
) -> None:
    national = tokens.headers(Role.NATIONAL)
    assert (
        await interviews_client.post("/guide/versions", headers=counselor(tokens))
    ).status_code == 403
    draft = await interviews_client.post("/guide/versions", headers=national)
    assert draft.status_code == 201 and draft.json()["number"] == 2
    assert len(draft.json()["sections"]) == len(NATIONAL_GUIDE)
    assert (await interviews_client.post("/guide/versions", headers=national)).status_code == 409

    sections = draft.json()["sections"] + [
        {
            "key": "cross_border",
            "title": "Travailleurs frontaliers",
            "content": "Coordination des régimes.",
            "condition": {"field": "cross_border", "equals": True},
        }
    ]
    bad = await interviews_client.put(
        "/guide/versions/2/sections",
        json={"sections": [{**sections[0], "condition": {"field": "zodiac", "equals": "x"}}]},
        headers=national,
    )
    assert bad.status_code == 422
    saved = await interviews_client.put(
        "/guide/versions/2/sections", json={"sections": sections}, headers=national
    )
    assert saved.status_code == 200, saved.text
    published = await interviews_client.post("/guide/versions/2/publish", headers=national)
    assert published.json()["status"] == "published"
    versions = (await interviews_client.get("/guide/versions", headers=national)).json()
    assert [(v["number"], v["status"]) for v in versions] == [(2, "published"), (1, "retired")]
    current = await interviews_client.get("/guide/current", headers=counselor(tokens))
    assert current.json()["sections"][-1]["key"] == "cross_border"

    frozen = await interviews_client.put(
        "/guide/versions/2/sections", json={"sections": sections[:1]}, headers=national
    )
    assert frozen.status_code == 409
    assert (
        await interviews_client.post("/guide/versions/1/publish", headers=national)
    ).status_code == 409
