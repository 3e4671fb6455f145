"""Booking individual interviews: availability rules, no double booking, history."""

import asyncio
from datetime import date, datetime, time, timedelta
from typing import Any

import holidays
import httpx
import icalendar
import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.interviews.scheduling import service
from services.interviews.scheduling.models import Channel, Counselor, Interview, InterviewEvent
from services.shared.audit import AuditEvent
from services.shared.auth import Principal, Role
from services.shared.errors import Conflict
from services.shared.local_time import LOCAL_TIME
from services.targeting.policy.models import PolicyAction
from services.targeting.policy.seed import seed_socle_2011
from services.targeting.registry.models import InsuredPerson
from tests.factories import TokenFactory, create_caisses, import_persons, person_row

PARIS = LOCAL_TIME


def next_working_monday() -> date:
    day = date.today() + timedelta(days=7)
    while day.weekday() != 0 or day in holidays.country_holidays("FR"):
        day += timedelta(days=1)
    return day


MONDAY = next_working_monday()


def at(hour: int, minute: int = 0, day: date = MONDAY) -> str:
    return datetime.combine(day, time(hour, minute), PARIS).isoformat()


@pytest.fixture
async def world(
    session: AsyncSession,
    targeting_client: httpx.AsyncClient,
    interviews_client: httpx.AsyncClient,
    tokens: TokenFactory,
) -> dict[str, Any]:
    """ALPES: a site, two counselors receiving Monday 9-12 in person and 14-17 by phone;
    a person in ALPES and one in BRETAGNE; the 2011 socle (EIG interviews last 45 min)."""
    await create_caisses(session)
    await seed_socle_2011(session)
    await import_persons(
        targeting_client,
        tokens,
        [person_row(last_name="Alpin"), person_row(last_name="Breton", caisse_code="BRETAGNE")],
    )
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    site = (
        await interviews_client.post(
            "/sites", json={"name": "Accueil Chambéry", "address": "1 place"}, headers=manager
        )
    ).json()
    counselors = []
    for name in ("Claire", "Paul"):
        created = await interviews_client.post(
            "/counselors",
            json={"username": f"{name.lower()}.alpes", "full_name": name},
            headers=manager,
        )
        assert created.status_code == 201, created.text
        hours = await interviews_client.put(
            f"/counselors/{created.json()['id']}/opening-hours",
            json={
                "periods": [
                    {
                        "weekday": 0,
                        "starts_at": "09:00",
                        "ends_at": "12:00",
                        "channel": "in_person",
                        "site_id": site["id"],
                    },
                    {"weekday": 0, "starts_at": "14:00", "ends_at": "17:00", "channel": "phone"},
                ]
            },
            headers=manager,
        )
        assert hours.status_code == 200, hours.text
        counselors.append(created.json()["id"])
    people = {p.last_name: p.id for p in await session.scalars(select(InsuredPerson))}
    eig = await session.scalar(select(PolicyAction.id).where(PolicyAction.code == "EIG"))
    return {"site": site["id"], "counselors": counselors, "people": people, "eig": eig}


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


def booking(world: dict[str, Any], start: str, **overrides: Any) -> dict[str, Any]:
    return {
        "person_id": world["people"]["Alpin"],
        "action_id": world["eig"],
        "channel": "in_person",
        "site_id": world["site"],
        "start": start,
        **overrides,
    }


async def test_a_taken_slot_is_409_and_adjacent_slots_are_fine(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, world: dict[str, Any]
) -> None:
    counselor = tokens.headers(Role.COUNSELOR, "ALPES")
    claire = world["counselors"][0]
    first = await interviews_client.post(
        "/interviews", json=booking(world, at(10), counselor_id=claire), headers=counselor
    )
    assert first.status_code == 201, first.text
    assert instant(first.json()["end"]) == datetime.combine(MONDAY, time(10, 45), PARIS)
    overlapping = await interviews_client.post(
        "/interviews", json=booking(world, at(10, 30), counselor_id=claire), headers=counselor
    )
    assert overlapping.status_code == 409
    assert overlapping.headers["content-type"] == "application/problem+json"
    # EIG keeps a 15-minute buffer after each interview: 10:45 is still taken, 11:00 is not.
    in_buffer = await interviews_client.post(
        "/interviews", json=booking(world, at(10, 45), counselor_id=claire), headers=counselor
    )
    adjacent = await interviews_client.post(
        "/interviews", json=booking(world, at(11), counselor_id=claire), headers=counselor
    )
    assert in_buffer.status_code == 409
    assert adjacent.status_code == 201


@pytest.mark.parametrize(
    ("start", "overrides", "why"),
    [
        (at(12, 30), {}, "heures d'ouverture"),
        (at(15), {}, "heures d'ouverture"),  # in person, but the afternoon is by phone
        (at(10, day=MONDAY + timedelta(days=1)), {}, "heures d'ouverture"),
        (at(10, day=date.today() - timedelta(days=7)), {}, "est passé"),
        (datetime(MONDAY.year + 1, 7, 14, 10, tzinfo=PARIS).isoformat(), {}, "est férié"),
    ],
)
async def test_times_nobody_can_take_are_422_naming_why(
    interviews_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: dict[str, Any],
    start: str,
    overrides: dict[str, Any],
    why: str,
) -> None:
    response = await interviews_client.post(
        "/interviews",
        json=booking(world, start, counselor_id=world["counselors"][0], **overrides),
        headers=tokens.headers(Role.COUNSELOR, "ALPES"),
    )
    assert response.status_code == 422, response.text
    assert why in response.json()["detail"]


async def test_absences_remove_the_counselor(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, world: dict[str, Any]
) -> None:
    claire, paul = world["counselors"]
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    absence = await interviews_client.post(
        f"/counselors/{claire}/absences",
        json={"starts": at(9), "ends": at(12), "reason": "formation"},
        headers=manager,
    )
    assert absence.status_code == 201
    explicit = await interviews_client.post(
        "/interviews", json=booking(world, at(10), counselor_id=claire), headers=manager
    )
    assert explicit.status_code == 422 and "absent" in explicit.json()["detail"]
    automatic = await interviews_client.post(
        "/interviews", json=booking(world, at(10)), headers=manager
    )
    assert automatic.status_code == 201 and automatic.json()["counselor_id"] == paul


async def test_automatic_assignment_takes_the_least_loaded_then_runs_out(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, world: dict[str, Any]
) -> None:
    claire, paul = world["counselors"]
    headers = tokens.headers(Role.COUNSELOR, "ALPES")
    await interviews_client.post(
        "/interviews", json=booking(world, at(9), counselor_id=claire), headers=headers
    )
    first = await interviews_client.post(
        "/interviews", json=booking(world, at(11)), headers=headers
    )
    second = await interviews_client.post(
        "/interviews", json=booking(world, at(11)), headers=headers
    )
    third = await interviews_client.post(
        "/interviews", json=booking(world, at(11)), headers=headers
    )
    assert first.json()["counselor_id"] == paul  # Claire already has one that week
    assert second.json()["counselor_id"] == claire
    assert third.status_code == 409
    assert third.json()["code"] == "scheduling.no_counselor_free"


async def test_another_caisses_person_and_unknown_actions_are_404(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, world: dict[str, Any]
) -> None:
    headers = tokens.headers(Role.COUNSELOR, "ALPES")
    foreign = await interviews_client.post(
        "/interviews",
        json=booking(world, at(10), person_id=world["people"]["Breton"]),
        headers=headers,
    )
    unknown = await interviews_client.post(
        "/interviews", json=booking(world, at(10), action_id=999999), headers=headers
    )
    assert foreign.status_code == unknown.status_code == 404


async def test_reschedule_cancel_and_history(
    interviews_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: dict[str, Any],
    session: AsyncSession,
) -> None:
    headers = tokens.headers(Role.COUNSELOR, "ALPES")
    claire = world["counselors"][0]
    booked = (
        await interviews_client.post(
            "/interviews", json=booking(world, at(9), counselor_id=claire), headers=headers
        )
    ).json()
    moved = await interviews_client.post(
        f"/interviews/{booked['id']}/reschedule", json={"start": at(11)}, headers=headers
    )
    assert moved.status_code == 200 and instant(moved.json()["start"]) == datetime.combine(
        MONDAY, time(11), PARIS
    )
    # The freed 9:00 slot can be booked again; 11:00 cannot.
    assert (
        await interviews_client.post(
            "/interviews", json=booking(world, at(9), counselor_id=claire), headers=headers
        )
    ).status_code == 201
    assert (
        await interviews_client.post(
            "/interviews", json=booking(world, at(11), counselor_id=claire), headers=headers
        )
    ).status_code == 409
    cancelled = await interviews_client.post(
        f"/interviews/{booked['id']}/cancel", json={"reason": "Empêchement"}, headers=headers
    )
    assert cancelled.json()["status"] == "cancelled"
    assert (
        await interviews_client.post(
            "/interviews", json=booking(world, at(11), counselor_id=claire), headers=headers
        )
    ).status_code == 201
    again = await interviews_client.post(
        f"/interviews/{booked['id']}/cancel", json={"reason": "x"}, headers=headers
    )
    assert again.status_code == 409
    history = (
        await interviews_client.get(f"/interviews/{booked['id']}/history", headers=headers)
    ).json()
    assert [e["kind"] for e in history] == ["booked", "rescheduled", "cancelled"]
    assert history[2]["detail"] == {"reason": "Empêchement"}
    # The audit log has each change and the read, by whom; not the refused second cancel.
    audited = await session.execute(
        select(AuditEvent.operation, AuditEvent.resource_type, AuditEvent.purpose, AuditEvent.actor)
        .where(AuditEvent.resource_id == booked["id"])
        .order_by(AuditEvent.id)
    )
    assert audited.all() == [
        ("create", "interview", "booked", "user:test-counselor"),
        ("update", "interview", "rescheduled", "user:test-counselor"),
        ("update", "interview", "cancelled", "user:test-counselor"),
        ("read", "interview_history", None, "user:test-counselor"),
    ]


async def test_outcomes_only_once_the_interview_has_started(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, world: dict[str, Any]
) -> None:
    headers = tokens.headers(Role.COUNSELOR, "ALPES")
    booked = (
        await interviews_client.post("/interviews", json=booking(world, at(9)), headers=headers)
    ).json()
    early = await interviews_client.post(
        f"/interviews/{booked['id']}/outcome", params={"outcome": "done"}, headers=headers
    )
    assert early.status_code == 422


async def test_agenda_and_scope(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, world: dict[str, Any]
) -> None:
    claire = world["counselors"][0]
    alpes = tokens.headers(Role.COUNSELOR, "ALPES")
    await interviews_client.post(
        "/interviews", json=booking(world, at(9), counselor_id=claire), headers=alpes
    )
    week = {"start": at(0), "end": at(0, day=MONDAY + timedelta(days=7))}
    agenda = await interviews_client.get(
        f"/counselors/{claire}/interviews", params=week, headers=alpes
    )
    assert [instant(i["start"]) for i in agenda.json()] == [
        datetime.combine(MONDAY, time(9), PARIS)
    ]
    bretagne = tokens.headers(Role.COUNSELOR, "BRETAGNE")
    hidden = await interviews_client.get(
        f"/counselors/{claire}/interviews", params=week, headers=bretagne
    )
    assert hidden.status_code == 404
    assert (await interviews_client.get("/counselors", headers=bretagne)).json() == []


async def test_one_hundred_concurrent_attempts_at_one_slot_give_one_booking(
    engine: AsyncEngine,
) -> None:
    """Real concurrency: 100 transactions on their own connections race for one slot."""
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    async with sessions() as setup, setup.begin():
        counselor = Counselor(username="race.test", full_name="Race", caisse_code="ALPES")
        setup.add(counselor)
    actor = Principal("user:race", Role.COUNSELOR, "ALPES", "Race", frozenset(), "")
    start = datetime.combine(MONDAY, time(10), PARIS)

    async def attempt(offset_minutes: int) -> bool:
        begin = start + timedelta(minutes=offset_minutes)
        try:
            async with sessions() as s, s.begin():
                await service.reserve(
                    s,
                    actor,
                    counselor,
                    person_id=1,
                    action_id=1,
                    channel=Channel.PHONE,
                    site_id=None,
                    start=begin,
                    end=begin + timedelta(minutes=45),
                )
        except Conflict:
            return False
        return True

    try:
        results = await asyncio.gather(*(attempt(i % 30) for i in range(100)))
        assert sum(results) == 1
    finally:
        async with sessions() as cleanup, cleanup.begin():
            ids = select(Interview.id).where(Interview.counselor_id == counselor.id)
            await cleanup.execute(
                delete(InterviewEvent).where(InterviewEvent.interview_id.in_(ids))
            )
            await cleanup.execute(delete(Interview).where(Interview.counselor_id == counselor.id))
            await cleanup.execute(delete(Counselor).where(Counselor.id == counselor.id))


async def test_free_slots_follow_hours_buffers_interviews_and_absences(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, world: dict[str, Any]
) -> None:
    claire, paul = world["counselors"]
    headers = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    query = {
        "action_id": world["eig"],
        "channel": "in_person",
        "site_id": world["site"],
        "from": MONDAY.isoformat(),
        "to": (MONDAY + timedelta(days=6)).isoformat(),
    }

    async def slots(params: dict[str, Any] = query) -> set[tuple[int, datetime]]:
        response = await interviews_client.get("/slots", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return {(s["counselor_id"], instant(s["start"])) for s in response.json()}

    # Monday 9:00-12:00, 45-minute interviews each followed by a 15-minute buffer.
    nine, ten, eleven = (datetime.combine(MONDAY, time(h), PARIS) for h in (9, 10, 11))
    assert await slots() == {(c, s) for s in (nine, ten, eleven) for c in (claire, paul)}
    await interviews_client.post(
        "/interviews", json=booking(world, at(10), counselor_id=claire), headers=headers
    )
    await interviews_client.post(
        f"/counselors/{paul}/absences", json={"starts": at(11), "ends": at(12)}, headers=headers
    )
    assert await slots() == {(claire, nine), (claire, eleven), (paul, nine), (paul, ten)}
    phone = {k: v for k, v in query.items() if k != "site_id"} | {"channel": "phone"}
    assert len(await slots(phone)) == 6  # 14:00, 15:00, 16:00 for each counselor


async def test_idempotency_key_replays_the_first_answer(
    interviews_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: dict[str, Any],
    session: AsyncSession,
) -> None:
    machine = {
        **tokens.headers(Role.SERVICE, scope="interviews:write targeting:read"),
        "Idempotency-Key": "batch-42",
    }
    body = booking(world, at(10), counselor_id=world["counselors"][0])
    first = await interviews_client.post("/interviews", json=body, headers=machine)
    replay = await interviews_client.post("/interviews", json=body, headers=machine)
    assert first.status_code == replay.status_code == 201, first.text
    assert replay.json() == first.json()
    count = await session.scalar(select(func.count()).select_from(Interview))
    assert count == 1
    other_body = await interviews_client.post(
        "/interviews", json={**body, "start": at(11)}, headers=machine
    )
    assert other_body.status_code == 422
    # Keys belong to their client: another client's same key is a new request.
    other_client = {**tokens.headers(Role.COUNSELOR, "ALPES"), "Idempotency-Key": "batch-42"}
    taken = await interviews_client.post("/interviews", json=body, headers=other_client)
    assert taken.status_code == 409  # the slot itself is taken


async def test_the_ics_feed_parses_back_to_the_same_interviews(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, world: dict[str, Any]
) -> None:
    claire = world["counselors"][0]
    headers = tokens.headers(Role.COUNSELOR, "ALPES")
    booked = []
    for hour in (9, 11):
        response = await interviews_client.post(
            "/interviews", json=booking(world, at(hour), counselor_id=claire), headers=headers
        )
        booked.append(response.json())
    cancelled = await interviews_client.post(
        f"/interviews/{booked[1]['id']}/cancel", json={"reason": "x"}, headers=headers
    )
    assert cancelled.status_code == 200
    week = {"start": at(0), "end": at(0, day=MONDAY + timedelta(days=7))}
    feed = await interviews_client.get(
        f"/counselors/{claire}/agenda.ics", params=week, headers=headers
    )
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert [(str(e["uid"]), e.decoded("dtstart"), e.decoded("dtend")) for e in events] == [
        (f"{booked[0]['id']}@rsi-contact", instant(booked[0]["start"]), instant(booked[0]["end"]))
    ]


async def test_public_holidays_have_no_slots(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, world: dict[str, Any]
) -> None:
    easter_monday, next_monday = date(2027, 3, 29), date(2027, 4, 5)
    response = await interviews_client.get(
        "/slots",
        params={
            "action_id": world["eig"],
            "channel": "phone",
            "from": easter_monday.isoformat(),
            "to": next_monday.isoformat(),
        },
        headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
    )
    days = {instant(slot["start"]).astimezone(PARIS).date() for slot in response.json()}
    assert days == {next_monday}


async def test_opening_hours_read_back(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, world: dict[str, Any]
) -> None:
    response = await interviews_client.get(
        f"/counselors/{world['counselors'][0]}/opening-hours",
        headers=tokens.headers(Role.COUNSELOR, "ALPES"),
    )
    assert [(p["weekday"], p["starts_at"], p["channel"]) for p in response.json()] == [
        (0, "09:00:00", "in_person"),
        (0, "14:00:00", "phone"),
    ]


async def test_a_username_already_taken_is_a_409(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, world: dict[str, Any]
) -> None:
    again = await interviews_client.post(
        "/counselors",
        json={"username": "claire.alpes", "full_name": "Claire bis"},
        headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
    )
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
