"""The contact feed other services poll, a person's history, and the activity figures."""

from typing import Any

import httpx
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.interviews.contacts.models import ContactChannel, ContactKind
from services.interviews.contacts.service import feed, record_contact
from services.interviews.scheduling.models import Interview
from services.shared.audit import AuditEvent
from services.shared.auth import CaisseScope, Role
from tests.factories import TokenFactory
from tests.interviews.conftest import counselor, held_interview_slot, manager


async def _contact(session: AsyncSession, person: int, caisse: str, source: str) -> None:
    await record_contact(
        session,
        kind=ContactKind.INTERVIEW,
        caisse_code=caisse,
        person_id=person,
        action_id=1,
        channel=ContactChannel.PHONE,
        occurred_at=func.now(),  # type: ignore[arg-type]
        source_id=source,
    )


async def test_the_feed_pages_by_cursor_within_the_callers_scope(
    interviews_client: httpx.AsyncClient, session: AsyncSession, tokens: TokenFactory
) -> None:
    for n in range(5):
        await _contact(session, 100 + n, "ALPES" if n != 2 else "BRETAGNE", f"s{n}")
    service = tokens.headers(Role.SERVICE, scope="contacts:read")
    first = await interviews_client.get("/contact-events", params={"limit": 2}, headers=service)
    assert first.status_code == 200, first.text
    assert [e["person_id"] for e in first.json()["items"]] == [100, 101]
    rest = await interviews_client.get(
        "/contact-events", params={"after": first.json()["next_after"]}, headers=service
    )
    assert [e["person_id"] for e in rest.json()["items"]] == [102, 103, 104]
    done = await interviews_client.get(
        "/contact-events", params={"after": rest.json()["next_after"]}, headers=service
    )
    assert done.json() == {"items": [], "next_after": rest.json()["next_after"]}

    alpes_manager = await interviews_client.get("/contact-events", headers=manager(tokens))
    assert 102 not in [e["person_id"] for e in alpes_manager.json()["items"]]
    foreign = await interviews_client.get(
        "/contact-events", params={"caisse_code": "BRETAGNE"}, headers=manager(tokens)
    )
    assert foreign.status_code == 404
    for refused in (
        counselor(tokens),
        tokens.headers(Role.SERVICE, scope="interviews:write"),
    ):
        response = await interviews_client.get("/contact-events", headers=refused)
        assert response.status_code == 403
    audited = await session.scalar(
        select(func.count()).where(AuditEvent.resource_type == "contact_feed")
    )
    assert audited == 4


async def test_the_feed_holds_back_contacts_of_transactions_still_running(
    engine: AsyncEngine, database_url: str
) -> None:
    """A contact whose transaction started first but commits last must not be skipped by
    a reader that already moved past the later ids."""
    scope = CaisseScope(None)

    async with engine.connect() as slow, engine.connect() as fast, engine.connect() as reader:
        slow_tx = await slow.begin()
        async with AsyncSession(bind=slow) as slow_session:
            await _contact(slow_session, 900, "ALPES", "slow")
            await slow_session.flush()
            async with AsyncSession(bind=fast) as fast_session, fast_session.begin():
                await _contact(fast_session, 901, "ALPES", "fast")
            async with AsyncSession(bind=reader) as reading:
                seen = [c.person_id for c in await feed(reading, scope, 0, 100, None)]
                assert 901 not in seen and 900 not in seen
            await slow_tx.commit()
        async with AsyncSession(bind=reader) as reading:
            seen = [c.person_id for c in await feed(reading, scope, 0, 100, None)]
            assert seen[-2:] == [900, 901]
        # These two committed for real: remove them.
        await reader.execute(text("DELETE FROM interviews_contact WHERE person_id IN (900, 901)"))
        await reader.commit()


async def test_a_persons_history_gathers_interviews_meetings_and_letters(
    interviews_client: httpx.AsyncClient,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
) -> None:
    person = alpes["people"]["Arnaud"]
    interview = await held_interview_slot(session, person, alpes["actions"]["EIG"], hours_ago=30)
    headers = counselor(tokens)
    await interviews_client.put(
        f"/interviews/{interview}/record", json={"outcome": "no_show"}, headers=headers
    )
    meeting = await interviews_client.post(
        "/meetings",
        json={
            "action_id": alpes["actions"]["RENCONTRE_AE"],
            "kind": "auto_entrepreneurs",
            "title": "Rencontre AE",
            "place": "Chambéry",
            "starts_at": "2030-01-10T09:00:00+01:00",
            "ends_at": "2030-01-10T11:00:00+01:00",
            "capacity": 10,
        },
        headers=headers,
    )
    registered = await interviews_client.post(
        f"/meetings/{meeting.json()['id']}/registrations",
        json={"person_id": person, "outside_target_reason": "invitée par le conseiller"},
        headers=headers,
    )
    assert registered.status_code == 201, registered.text
    history = await interviews_client.get(f"/persons/{person}/contacts", headers=headers)
    assert history.status_code == 200, history.text
    assert [(e["kind"], e["status"]) for e in history.json()] == [
        ("meeting", "registered"),
        ("interview", "no_show"),
    ]
    assert history.json()[1]["title"] == "Entretien individuel manqué"
    foreign = await interviews_client.get(
        f"/persons/{person}/contacts", headers=counselor(tokens, "BRETAGNE")
    )
    assert foreign.status_code == 404
    audited = await session.scalar(
        select(func.count()).where(
            AuditEvent.resource_type == "contact_history", AuditEvent.resource_id == str(person)
        )
    )
    assert audited == 1


async def test_activity_figures_per_caisse_action_and_channel(
    interviews_client: httpx.AsyncClient,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
) -> None:
    """Hand-counted: EIG in ALPES — phone: 3 booked-or-after (1 held, 1 no-show, 1 booked)
    + 1 cancelled; in person: 1 held. BRETAGNE: 1 held by phone."""
    eig, people = alpes["actions"]["EIG"], alpes["people"]
    headers = counselor(tokens)
    plan = [
        ("Arnaud", "phone", "done", 100, "ALPES"),
        ("Bernard", "phone", "no_show", 98, "ALPES"),
        ("Sansadresse", "phone", "booked", 96, "ALPES"),
        ("Createur", "phone", "cancelled", 94, "ALPES"),
        ("Arnaud", "in_person", "done", 92, "ALPES"),
        ("Breton", "phone", "done", 90, "BRETAGNE"),
    ]
    for name, channel, status, hours_ago, caisse in plan:
        interview = await held_interview_slot(
            session, people[name], eig, caisse=caisse, hours_ago=hours_ago, channel=channel
        )
        if status in ("done", "no_show"):
            response = await interviews_client.put(
                f"/interviews/{interview}/record",
                json={"outcome": status},
                headers=counselor(tokens, caisse),
            )
            assert response.status_code == 200, response.text
        elif status == "cancelled":
            row = await session.get(Interview, interview)
            assert row is not None
            row.status = "cancelled"
    await session.flush()

    national = await interviews_client.get(
        "/stats", params={"action_id": eig}, headers=tokens.headers(Role.NATIONAL)
    )
    items = {i["caisse_code"]: i for i in national.json()["items"]}
    assert items["ALPES"]["channels"] == [
        {"channel": "in_person", "booked": 1, "held": 1, "no_show": 0, "cancelled": 0},
        {"channel": "phone", "booked": 3, "held": 1, "no_show": 1, "cancelled": 1},
    ]
    assert items["BRETAGNE"]["channels"] == [
        {"channel": "phone", "booked": 1, "held": 1, "no_show": 0, "cancelled": 0}
    ]
    assert items["ALPES"]["invited"] == 0 and items["ALPES"]["letters_sent"] == 0
    own = await interviews_client.get("/stats", headers=headers)
    assert [i["caisse_code"] for i in own.json()["items"]] == ["ALPES"]
    assert (
        await interviews_client.get("/stats", params={"caisse_code": "BRETAGNE"}, headers=headers)
    ).status_code == 404
