"""The follow-ups worklist: what each interview record promised, with a due date, done or
not, per counselor and per caisse, with the person's name."""

from datetime import date, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.scheduling.models import Counselor, Interview
from services.shared.auth import Role
from services.shared.local_time import LOCAL_TIME
from tests.factories import TokenFactory
from tests.interviews.conftest import counselor, held_interview_slot, manager


async def _record(
    client: httpx.AsyncClient, tokens: TokenFactory, interview: object, follow_ups: list[str]
) -> None:
    recorded = await client.put(
        f"/interviews/{interview}/record",
        json={"outcome": "done", "follow_ups": follow_ups},
        headers=counselor(tokens),
    )
    assert recorded.status_code == 200, recorded.text


async def test_recorded_follow_ups_make_the_worklist(
    interviews_client: httpx.AsyncClient,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
) -> None:
    eig = alpes["actions"]["EIG"]
    arnaud = await held_interview_slot(session, alpes["people"]["Arnaud"], eig)
    bernard = await held_interview_slot(session, alpes["people"]["Bernard"], eig, hours_ago=5)
    await _record(interviews_client, tokens, arnaud, ["career_reconstitution", "ris_request"])
    # Bernard's interview is held by a second counselor: not in the first one's list.
    other = Counselor(username="paul.alpes", full_name="Paul", caisse_code="ALPES")
    session.add(other)
    await session.flush()
    row = await session.get(Interview, bernard)
    assert row is not None
    first_counselor, row.counselor_id = row.counselor_id, other.id
    await session.flush()
    await _record(interviews_client, tokens, bernard, ["pre_liquidation"])

    listed = await interviews_client.get("/follow-ups", headers=manager(tokens))
    assert listed.status_code == 200, listed.text
    items = listed.json()["items"]
    today = datetime.now(LOCAL_TIME).date()
    assert sorted((i["person_last_name"], i["kind"]) for i in items) == [
        ("Arnaud", "career_reconstitution"),
        ("Arnaud", "ris_request"),
        ("Bernard", "pre_liquidation"),
    ]
    assert {date.fromisoformat(i["due_on"]) for i in items} == {today + timedelta(days=30)}
    assert not any(i["overdue"] or i["done_at"] for i in items)

    mine = await interviews_client.get(
        "/follow-ups", params={"counselor_id": first_counselor}, headers=counselor(tokens)
    )
    assert {i["person_last_name"] for i in mine.json()["items"]} == {"Arnaud"}

    # Done: out of the open list, into the done one; an earlier due date makes it overdue.
    ris = next(i for i in items if i["kind"] == "ris_request")
    done = await interviews_client.patch(
        f"/follow-ups/{ris['id']}", json={"done": True}, headers=counselor(tokens)
    )
    assert done.status_code == 200 and done.json()["done_at"] is not None
    career = next(i for i in items if i["kind"] == "career_reconstitution")
    late = await interviews_client.patch(
        f"/follow-ups/{career['id']}",
        json={"due_on": (today - timedelta(days=1)).isoformat()},
        headers=counselor(tokens),
    )
    assert late.json()["overdue"] is True
    still_open = await interviews_client.get("/follow-ups", headers=manager(tokens))
    assert [i["kind"] for i in still_open.json()["items"]] == [
        "career_reconstitution",  # overdue, so first
        "pre_liquidation",
    ]
    closed = await interviews_client.get(
        "/follow-ups", params={"state": "done"}, headers=manager(tokens)
    )
    assert [i["id"] for i in closed.json()["items"]] == [ris["id"]]

    # Recording again without a follow-up removes the open one, keeps the one done.
    await _record(interviews_client, tokens, arnaud, [])
    every = await interviews_client.get(
        "/follow-ups", params={"state": "all"}, headers=manager(tokens)
    )
    assert sorted(i["kind"] for i in every.json()["items"]) == ["pre_liquidation", "ris_request"]


async def test_another_caisses_follow_ups_are_invisible(
    interviews_client: httpx.AsyncClient,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
) -> None:
    interview = await held_interview_slot(
        session, alpes["people"]["Arnaud"], alpes["actions"]["EIG"]
    )
    await _record(interviews_client, tokens, interview, ["ris_request"])
    [task] = (await interviews_client.get("/follow-ups", headers=manager(tokens))).json()["items"]
    bretagne = tokens.headers(Role.COUNSELOR, "BRETAGNE")
    assert (await interviews_client.get("/follow-ups", headers=bretagne)).json()["total"] == 0
    hidden = await interviews_client.patch(
        f"/follow-ups/{task['id']}", json={"done": True}, headers=bretagne
    )
    assert hidden.status_code == 404
    foreign_filter = await interviews_client.get(
        "/follow-ups", params={"caisse_code": "ALPES"}, headers=bretagne
    )
    assert foreign_filter.status_code == 404
