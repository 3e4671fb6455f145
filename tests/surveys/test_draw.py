"""The draw against the real interviews app: interviews are completed through its API, the
draw reads its contact feed with surveys' own machine token (from the real identity app)."""

import itertools

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Role
from services.surveys.campaigns.models import DrawCursor, Link
from services.surveys.campaigns.sampling import in_share
from tests.factories import TokenFactory
from tests.interviews.conftest import held_interview_slot
from tests.surveys.conftest import SurveyWorld, create_campaign

TINY_SHARE = 0.001
_hours_ago = itertools.count(2, 2)  # one counselor: interviews must not overlap


async def complete_interview(
    interviews_client: httpx.AsyncClient,
    tokens: TokenFactory,
    session: AsyncSession,
    person_id: int,
    action_id: int,
    caisse: str = "ALPES",
) -> None:
    """A counselor marks as held an interview that has started."""
    interview = await held_interview_slot(
        session, person_id, action_id, caisse=caisse, hours_ago=next(_hours_ago)
    )
    response = await interviews_client.post(
        f"/interviews/{interview}/outcome",
        params={"outcome": "done"},
        headers=tokens.headers(Role.COUNSELOR, caisse),
    )
    assert response.status_code == 200, response.text


async def run_draw(client: httpx.AsyncClient, tokens: TokenFactory) -> dict[str, int]:
    response = await client.post("/draws/run", headers=tokens.headers(Role.CAISSE_MANAGER))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def drawn(session: AsyncSession) -> list[tuple[int, str, int, str]]:
    rows = await session.execute(
        select(Link.campaign_id, Link.caisse_code, Link.person_id, Link.reason).order_by(Link.id)
    )
    return [(c, caisse, p, r) for c, caisse, p, r in rows]


def outside_share(campaign_id: int, count: int, start: int = 1000) -> list[int]:
    """Person ids the hash keeps out of a tiny share: only the minimum can draw them."""
    people = [p for p in range(start, start + 1000) if not in_share(p, campaign_id, TINY_SHARE)]
    return people[:count]


async def test_the_minimum_per_caisse_is_reached_then_only_the_share_is_drawn(
    surveys_client: httpx.AsyncClient,
    interviews_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    session: AsyncSession,
) -> None:
    campaign = await create_campaign(
        surveys_client, tokens, world.national_v1, world.eig,
        sample_share=TINY_SHARE, minimum_per_caisse=2,
    )  # fmt: skip
    campaign_id = int(str(campaign["id"]))
    people = outside_share(campaign_id, 4)
    for person in people[:3]:
        await complete_interview(interviews_client, tokens, session, person, world.eig)

    report = await run_draw(surveys_client, tokens)
    assert (report["events_read"], report["links_issued"]) == (3, 2)
    assert await drawn(session) == [
        (campaign_id, "ALPES", people[0], "minimum"),
        (campaign_id, "ALPES", people[1], "minimum"),
    ]
    # The cursor moved: nothing is read twice.
    again = await run_draw(surveys_client, tokens)
    assert (again["events_read"], again["links_issued"]) == (0, 0)
    assert again["next_after"] == report["next_after"]
    cursor = await session.get(DrawCursor, "contact-events")
    assert cursor is not None and cursor.after == report["next_after"]

    # Minimum reached: a fourth person outside the share is not surveyed, one inside is.
    inside = next(p for p in range(5000, 100_000) if in_share(p, campaign_id, TINY_SHARE))
    await complete_interview(interviews_client, tokens, session, people[3], world.eig)
    await complete_interview(interviews_client, tokens, session, inside, world.eig)
    later = await run_draw(surveys_client, tokens)
    assert (later["events_read"], later["links_issued"]) == (2, 1)
    assert (await drawn(session))[-1] == (campaign_id, "ALPES", inside, "sampled")


async def test_each_caisse_gets_its_minimum_and_its_own_campaign_wins_over_the_national_one(
    surveys_client: httpx.AsyncClient,
    interviews_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    session: AsyncSession,
) -> None:
    national = await create_campaign(
        surveys_client, tokens, world.national_v1, world.eig, role=Role.NATIONAL, caisse=None,
        sample_count=1, minimum_per_caisse=1,
    )  # fmt: skip
    alpes = await create_campaign(
        surveys_client, tokens, world.national_v1, world.eig, sample_count=2, minimum_per_caisse=0
    )
    for person in (1, 2, 3):
        await complete_interview(interviews_client, tokens, session, person, world.eig)
    for person in (11, 12):
        await complete_interview(
            interviews_client, tokens, session, person, world.eig, caisse="BRETAGNE"
        )
    # The same person contacted twice is surveyed once; another action has no campaign.
    await complete_interview(interviews_client, tokens, session, 1, world.eig)
    await complete_interview(interviews_client, tokens, session, 20, world.createurs)

    report = await run_draw(surveys_client, tokens)
    assert (report["events_read"], report["links_issued"]) == (7, 3)
    assert await drawn(session) == [
        (alpes["id"], "ALPES", 1, "sampled"),
        (alpes["id"], "ALPES", 2, "sampled"),
        (national["id"], "BRETAGNE", 11, "sampled"),
    ]


async def test_the_draw_is_for_managers_and_the_national_office_only(
    surveys_client: httpx.AsyncClient, tokens: TokenFactory, world: SurveyWorld
) -> None:
    for role in (Role.COUNSELOR, Role.SERVICE):
        response = await surveys_client.post("/draws/run", headers=tokens.headers(role))
        assert response.status_code == 403
    national = await surveys_client.post("/draws/run", headers=tokens.headers(Role.NATIONAL))
    assert national.status_code == 200


async def test_a_staff_member_issues_a_link_for_one_completed_contact(
    surveys_client: httpx.AsyncClient,
    interviews_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    session: AsyncSession,
) -> None:
    campaign = await create_campaign(
        surveys_client, tokens, world.national_v1, world.eig, sample_share=TINY_SHARE,
        minimum_per_caisse=0,
    )  # fmt: skip
    await complete_interview(interviews_client, tokens, session, 31, world.eig)
    await complete_interview(interviews_client, tokens, session, 32, world.eig, caisse="BRETAGNE")
    await complete_interview(interviews_client, tokens, session, 33, world.createurs)
    feed = await interviews_client.get(
        "/contact-events", headers=tokens.headers(Role.SERVICE, scope="contacts:read")
    )
    events = {e["person_id"]: e["id"] for e in feed.json()["items"]}
    counselor = tokens.headers(Role.COUNSELOR, "ALPES")
    url = f"/campaigns/{campaign['id']}/links"

    issued = await surveys_client.post(
        url, json={"contact_event_id": events[31]}, headers=counselor
    )
    assert issued.status_code == 201, issued.text
    body = issued.json()
    assert (body["link"]["person_id"], body["link"]["reason"]) == (31, "staff")
    assert (await surveys_client.get(f"/answer/{body['token']}")).status_code == 200
    twice = await surveys_client.post(url, json={"contact_event_id": events[31]}, headers=counselor)
    assert twice.status_code == 409
    foreign = await surveys_client.post(
        url, json={"contact_event_id": events[32]}, headers=counselor
    )
    assert foreign.status_code == 404
    other_action = await surveys_client.post(
        url, json={"contact_event_id": events[33]}, headers=counselor
    )
    assert other_action.status_code == 422
    unknown = await surveys_client.post(
        url, json={"contact_event_id": 10_000_000}, headers=counselor
    )
    assert unknown.status_code == 404


@pytest.mark.parametrize("secret", ["wrong-secret"])
async def test_when_identity_refuses_surveys_token_the_draw_is_503_and_moves_nothing(
    surveys_app: object,
    surveys_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    session: AsyncSession,
    secret: str,
) -> None:
    surveys_app.state.service_tokens.client_secret = secret  # type: ignore[attr-defined]
    response = await surveys_client.post("/draws/run", headers=tokens.headers(Role.NATIONAL))
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert await session.get(DrawCursor, "contact-events") is None
