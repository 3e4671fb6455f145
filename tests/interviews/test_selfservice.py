"""Invitations the person answers: personal links, public booking, messages, reminders,
capacity and planning."""

import asyncio
import hashlib
import json
import math
import uuid
from datetime import UTC, date, datetime, time, timedelta
from email import message_from_bytes
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from fastapi import FastAPI
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.interviews.invitations.models import Campaign, Invitation
from services.interviews.invitations.tracking import mark_invitations_booked
from services.interviews.messaging.models import OutboxMessage
from services.interviews.scheduling import service as scheduling
from services.interviews.scheduling.models import (
    Channel,
    Counselor,
    Interview,
    InterviewEvent,
    OpeningHours,
)
from services.interviews.selfservice.booking import public_book
from services.interviews.selfservice.links import link_issuer_of
from services.interviews.selfservice.reminders import queue_reminders
from services.shared.audit import AuditEvent
from services.shared.auth import CaisseScope, Principal, Role
from services.shared.errors import Conflict
from services.shared.local_time import LOCAL_TIME
from services.shared.messaging.senders import (
    Attachment,
    DeliveryError,
    DevSmsProvider,
    HttpSmsProvider,
    SmtpEmailSender,
    email_sender,
)
from services.shared.messaging.worker import deliver_due
from services.shared.settings import Settings
from tests.conftest import RunJobs
from tests.factories import TokenFactory
from tests.interviews.conftest import held_interview_slot, manager, materialise
from tests.interviews.test_letters import pdf_pages

PARIS = LOCAL_TIME


def paris_today() -> date:
    """The service's today (Paris), not the machine's: they differ around midnight UTC."""
    return datetime.now(PARIS).date()


def next_working_monday(after: date) -> date:
    """A working Monday at least a day and a half away, so beyond the change notice (24 h)."""
    day = after + timedelta(days=2)
    while day.weekday() != 0 or day in scheduling.FRENCH_HOLIDAYS:
        day += timedelta(days=1)
    return day


@pytest.fixture
async def receiving(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, alpes: dict[str, Any]
) -> dict[str, Any]:
    """One ALPES counselor receiving by phone on Mondays 9-12 (EIG: 45 min + 15 min buffer,
    so three slots a Monday)."""
    headers = manager(tokens)
    counselor = await interviews_client.post(
        "/counselors", json={"username": "claire.alpes", "full_name": "Claire"}, headers=headers
    )
    hours = await interviews_client.put(
        f"/counselors/{counselor.json()['id']}/opening-hours",
        json={
            "periods": [
                {"weekday": 0, "starts_at": "09:00", "ends_at": "12:00", "channel": "phone"}
            ]
        },
        headers=headers,
    )
    assert hours.status_code == 200, hours.text
    return {"counselor": counselor.json()["id"]}


async def _campaign(
    interviews_client: httpx.AsyncClient,
    run_jobs: RunJobs,
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    **options: Any,
) -> dict[str, Any]:
    headers = manager(tokens)
    target_list = await materialise(targeting_client, run_jobs, headers, alpes["actions"]["EIG"])
    templates = (await interviews_client.get("/letter-templates", headers=headers)).json()
    proposal = next(t for t in templates if t["name"].startswith("Proposition"))
    started = await interviews_client.post(
        "/campaigns",
        json={
            "target_list_id": target_list["id"],
            "template_id": proposal["id"],
            "contact_phone": "04 79 00 00 00",
            **options,
        },
        headers=headers,
    )
    assert started.status_code == 202, started.text
    await run_jobs()
    return dict(started.json())


async def _links(
    session: AsyncSession, interviews_app: FastAPI, campaign_id: str
) -> dict[str, tuple[Invitation, str]]:
    """The invitations by last name, with their personal tokens."""
    issuer = link_issuer_of(interviews_app)
    invitations = await session.scalars(
        select(Invitation).where(Invitation.campaign_id == uuid.UUID(campaign_id))
    )
    return {i.recipient["last_name"]: (i, issuer.keys.token(i.id)) for i in invitations}


async def test_links_are_stored_hashed_printed_and_expire(
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    receiving: dict[str, Any],
    run_jobs: RunJobs,
) -> None:
    campaign = await _campaign(interviews_client, run_jobs, targeting_client, tokens, alpes)
    links = await _links(session, interviews_app, campaign["id"])
    invitation, token = links["Arnaud"]
    assert invitation.link_token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = await session.scalar(select(func.count()).where(Invitation.link_token_hash == token))
    assert stored == 0  # the token itself is nowhere in the table
    assert invitation.link_expires_at is not None
    assert timedelta(days=9) < invitation.link_expires_at - datetime.now(UTC) <= timedelta(days=10)

    letter = await interviews_client.get(
        f"/invitations/{invitation.id}/letter.pdf", headers=manager(tokens)
    )
    assert token in pdf_pages(letter.content)[0].replace("\n", "")

    opened = await interviews_client.get(f"/public/invitations/{token}")
    assert opened.status_code == 200, opened.text
    assert opened.json()["status"] == "invited" and opened.json()["caisse_name"] == "RSI Alpes"
    assert opened.json()["change_notice_hours"] == 24  # the action's default, told before booking
    assert "Arnaud" not in opened.text  # nothing personal on the public page
    await session.refresh(invitation)
    assert invitation.status == "opened" and invitation.link_opened_at is not None

    unknown = await interviews_client.get(f"/public/invitations/{token[:-2]}xx")
    assert unknown.status_code == 404
    invitation.link_expires_at = datetime.now(UTC) - timedelta(minutes=1)
    await session.flush()
    expired = await interviews_client.get(f"/public/invitations/{token}")
    assert expired.status_code == 410
    # Machine-readable members beside the English detail: the page words it in French.
    assert expired.json()["reason"] == "expired"
    assert expired.json()["contact_phone"] == "04 79 00 00 00"
    await queue_reminders(session, link_issuer_of(interviews_app), datetime.now(UTC))
    await session.refresh(invitation)
    assert invitation.status == "expired"
    assert (await interviews_client.get(f"/public/invitations/{token}")).status_code == 410


async def test_booking_through_the_link_follows_the_counselors_rules(
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    receiving: dict[str, Any],
    run_jobs: RunJobs,
) -> None:
    campaign = await _campaign(interviews_client, run_jobs, targeting_client, tokens, alpes)
    links = await _links(session, interviews_app, campaign["id"])
    invitation, token = links["Arnaud"]
    _other, other_token = links["Bernard"]
    monday = next_working_monday(paris_today())
    slots = await interviews_client.get(
        f"/public/invitations/{token}/slots",
        params={"channel": "phone", "from": monday.isoformat(), "to": monday.isoformat()},
    )
    assert [s["start"] for s in slots.json()] == [
        datetime.combine(monday, time(hour), PARIS)
        .astimezone(UTC)
        .isoformat()
        .replace("+00:00", "Z")
        for hour in (9, 10, 11)
    ]
    first, second = slots.json()[0]["start"], slots.json()[1]["start"]

    outside = await interviews_client.post(
        f"/public/invitations/{token}/booking",
        json={"start": datetime.combine(monday, time(14), PARIS).isoformat(), "channel": "phone"},
    )
    assert outside.status_code == 409  # nobody receives then
    booked = await interviews_client.post(
        f"/public/invitations/{token}/booking", json={"start": first, "channel": "phone"}
    )
    assert booked.status_code == 201, booked.text
    assert booked.json()["status"] == "booked" and booked.json()["booking"]["start"] == first
    await session.refresh(invitation)
    assert invitation.status == "booked" and invitation.interview_id is not None

    # Bernard wants the same time: taken, and fresh slots come with the 409.
    taken = await interviews_client.post(
        f"/public/invitations/{other_token}/booking", json={"start": first, "channel": "phone"}
    )
    assert taken.status_code == 409
    assert first not in [s["start"] for s in taken.json()["slots"]]
    assert second in [s["start"] for s in taken.json()["slots"]]

    twice = await interviews_client.post(
        f"/public/invitations/{token}/booking", json={"start": second, "channel": "phone"}
    )
    assert twice.status_code == 409
    moved = await interviews_client.post(
        f"/public/invitations/{token}/booking/reschedule", json={"start": second}
    )
    assert moved.status_code == 200 and moved.json()["booking"]["start"] == second
    agenda = await interviews_client.get(
        f"/counselors/{receiving['counselor']}/interviews",
        params={
            "start": datetime.combine(monday, time(0), PARIS).isoformat(),
            "end": datetime.combine(monday, time(23), PARIS).isoformat(),
        },
        headers=tokens.headers(Role.COUNSELOR, "ALPES"),
    )
    assert [(i["person_id"], i["status"]) for i in agenda.json()] == [
        (alpes["people"]["Arnaud"], "booked")
    ]
    stats = await interviews_client.get(
        "/stats", params={"action_id": alpes["actions"]["EIG"]}, headers=manager(tokens)
    )
    # Arnaud booked; Bernard, whose attempt failed, is still at "sent".
    assert stats.json()["items"][0]["funnel"] == {"booked": 1, "sent": 1}
    cancelled = await interviews_client.post(f"/public/invitations/{token}/booking/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "invited"
    again = await interviews_client.post(
        f"/public/invitations/{token}/booking", json={"start": first, "channel": "phone"}
    )
    assert again.status_code == 201

    # Too close to the appointment, the person must call.
    await session.refresh(invitation)
    interview = await session.get(Interview, invitation.interview_id)
    assert interview is not None
    soon = datetime.now(UTC) + timedelta(hours=2)
    interview.during = type(interview.during)(soon, soon + timedelta(minutes=45))
    interview.blocked = type(interview.blocked)(soon, soon + timedelta(minutes=60))
    await session.flush()
    late = await interviews_client.post(f"/public/invitations/{token}/booking/cancel")
    assert late.status_code == 409
    assert (late.json()["reason"], late.json()["contact_phone"]) == ("too_late", "04 79 00 00 00")


async def test_self_booking_racing_a_counselor_for_one_slot_gives_one_booking(
    engine: AsyncEngine,
) -> None:
    """Real concurrency: the person's link and a counselor, each in its own transaction."""
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    async with sessions() as setup, setup.begin():
        counselor = Counselor(username="race.link", full_name="Race", caisse_code="RACE")
        setup.add(counselor)
        await setup.flush()
        for weekday in range(5):
            setup.add(
                OpeningHours(
                    counselor_id=counselor.id,
                    channel="phone",
                    weekday=weekday,
                    starts_at=time(9),
                    ends_at=time(12),
                )
            )
    monday = next_working_monday(paris_today())
    start = datetime.combine(monday, time(10), PARIS)
    invitation = Invitation(id=0, caisse_code="RACE", person_id=7, action_id=1, status="opened")
    campaign = Campaign(action_settings={"interview_minutes": 45, "buffer_minutes": 15})
    staff = Principal("user:c", Role.COUNSELOR, "RACE", "C", frozenset(), "")

    async def by_link() -> bool:
        async with sessions() as s, s.begin():
            try:
                await public_book(s, invitation, campaign, start, Channel.PHONE, None)
            except Conflict:
                return False
        return True

    async def by_counselor() -> bool:
        async with sessions() as s, s.begin():
            try:
                await scheduling.book(
                    s,
                    staff,
                    CaisseScope(frozenset({"RACE"})),
                    caisse_code="RACE",
                    person_id=8,
                    action_id=1,
                    minutes=45,
                    buffer_minutes=15,
                    channel=Channel.PHONE,
                    site_id=None,
                    start=start,
                    counselor_id=counselor.id,
                )
            except Conflict:
                return False
        return True

    try:
        for _ in range(5):
            results = await asyncio.gather(by_link(), by_counselor())
            assert sorted(results) == [False, True]
            async with sessions() as s, s.begin():
                ids = select(Interview.id).where(Interview.counselor_id == counselor.id)
                await s.execute(delete(InterviewEvent).where(InterviewEvent.interview_id.in_(ids)))
                await s.execute(delete(Interview).where(Interview.counselor_id == counselor.id))
    finally:
        async with sessions() as cleanup, cleanup.begin():
            ids = select(Interview.id).where(Interview.counselor_id == counselor.id)
            await cleanup.execute(
                delete(InterviewEvent).where(InterviewEvent.interview_id.in_(ids))
            )
            await cleanup.execute(delete(Interview).where(Interview.counselor_id == counselor.id))
            await cleanup.execute(
                delete(OpeningHours).where(OpeningHours.counselor_id == counselor.id)
            )
            await cleanup.execute(delete(Counselor).where(Counselor.id == counselor.id))


async def test_invitation_messages_and_reminders_are_queued_once_to_the_right_people(
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    receiving: dict[str, Any],
    run_jobs: RunJobs,
) -> None:
    campaign = await _campaign(interviews_client, run_jobs, targeting_client, tokens, alpes)
    links = await _links(session, interviews_app, campaign["id"])
    # The factory gives everyone an email and a mobile: an email and an SMS each.
    keys = sorted(await session.scalars(select(OutboxMessage.dedupe_key)))
    assert keys == sorted(
        f"invitation:{invitation.id}:{channel}"
        for invitation, _ in links.values()
        for channel in ("email", "sms")
    )
    arnaud, bernard = links["Arnaud"][0], links["Bernard"][0]
    body = (
        await session.scalar(
            select(OutboxMessage.body).where(
                OutboxMessage.dedupe_key == f"invitation:{arnaud.id}:email"
            )
        )
    ) or ""
    assert links["Arnaud"][1] in body

    # Six days later: Arnaud booked (no reminder to book), Bernard switched reminders off,
    # so only nobody... then Bernard switches them back on and gets one, once.
    await session.execute(
        update(Invitation)
        .where(Invitation.campaign_id == uuid.UUID(campaign["id"]))
        .values(sent_at=datetime.now(UTC) - timedelta(days=6))
    )
    interview = await held_interview_slot(
        session, alpes["people"]["Arnaud"], alpes["actions"]["EIG"], hours_ago=-30
    )
    await mark_invitations_booked(
        session, alpes["people"]["Arnaud"], alpes["actions"]["EIG"], interview
    )
    switched = await interviews_client.patch(
        f"/invitations/{bernard.id}", json={"reminders_enabled": False}, headers=manager(tokens)
    )
    assert switched.json()["reminders_enabled"] is False
    issuer = link_issuer_of(interviews_app)
    now = datetime.now(UTC)
    await queue_reminders(session, issuer, now)
    new_keys = set(await session.scalars(select(OutboxMessage.dedupe_key))) - set(keys)
    # Only Arnaud's appointment reminder: Bernard asked for none, Sansadresse got no letter.
    assert {k.split(":")[0] + ":" + k.split(":")[1] for k in new_keys} == {f"48h:{interview}"}
    await interviews_client.patch(
        f"/invitations/{bernard.id}", json={"reminders_enabled": True}, headers=manager(tokens)
    )
    await queue_reminders(session, issuer, now)
    await queue_reminders(session, issuer, now)
    after = list(await session.scalars(select(OutboxMessage.dedupe_key)))
    assert len(after) == len(set(after))
    added = {k.split(":")[0] + ":" + k.split(":")[-1] for k in set(after) - set(keys)}
    assert added == {"48h:email", "48h:sms", "unbooked:email", "unbooked:sms"}
    unbooked = set(after) - set(keys)
    assert {k for k in unbooked if k.startswith("unbooked")} == {
        f"unbooked:{bernard.id}:email",
        f"unbooked:{bernard.id}:sms",
    }
    ics = await session.scalar(
        select(OutboxMessage.attachments).where(
            OutboxMessage.dedupe_key.startswith("48h:"), OutboxMessage.channel == "email"
        )
    )
    assert ics is not None and "BEGIN:VEVENT" in ics[0]["content"]


async def test_the_outbox_survives_an_smtp_outage_without_losing_or_doubling(
    session: AsyncSession, interviews_app: FastAPI, settings: Settings, unused_tcp_port: int
) -> None:
    for n in range(3):
        session.add(
            OutboxMessage(
                dedupe_key=f"test:{n}",
                channel="email",
                recipient=f"personne{n}@example.fr",
                subject=f"Message {n}",
                body="Bonjour",
                attachments=[],
                caisse_code="ALPES",
            )
        )
    session.add(
        OutboxMessage(
            dedupe_key="test:sms",
            channel="sms",
            recipient="0612345678",
            body="Rappel",
            attachments=[],
            caisse_code="ALPES",
        )
    )
    await session.flush()
    sessions = interviews_app.state.sessionmaker
    smtp = SmtpEmailSender(settings.model_copy(update={"smtp_port": unused_tcp_port}))
    sms = DevSmsProvider()

    sent, postponed, failed = await deliver_due(sessions, OutboxMessage, smtp, sms)
    assert (sent, postponed, failed) == (1, 3, 0)  # the SMS went; the emails wait for the server
    waiting = (
        await session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "email"))
    ).all()
    for message in waiting:
        await session.refresh(message)
        assert message.status == "pending" and message.attempts == 1 and message.last_error
        assert message.next_attempt_at > datetime.now(UTC)
    assert await deliver_due(sessions, OutboxMessage, smtp, sms) == (0, 0, 0)  # not due yet

    received: list[bytes] = []

    class Inbox:
        async def handle_DATA(self, server: object, smtp_session: object, envelope: Any) -> str:  # noqa: N802
            received.append(envelope.content)
            return "250 OK"

    controller = Controller(Inbox(), hostname="127.0.0.1", port=unused_tcp_port)
    controller.start()
    try:
        await session.execute(update(OutboxMessage).values(next_attempt_at=datetime.now(UTC)))
        await session.flush()
        assert await deliver_due(sessions, OutboxMessage, smtp, sms) == (3, 0, 0)
        assert await deliver_due(sessions, OutboxMessage, smtp, sms) == (0, 0, 0)
    finally:
        controller.stop()
    subjects = sorted(str(message_from_bytes(m)["Subject"]) for m in received)
    assert subjects == ["Message 0", "Message 1", "Message 2"]
    assert len(sms.sent) == 1


async def test_a_campaigns_failed_messages_are_counted_and_listed_with_their_reason(
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    targeting_client: httpx.AsyncClient,
    run_jobs: RunJobs,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    receiving: dict[str, Any],
) -> None:
    campaign = await _campaign(interviews_client, run_jobs, targeting_client, tokens, alpes)
    links = await _links(session, interviews_app, campaign["id"])
    bernard = links["Bernard"][0]
    assert bernard.email

    class BernardsMailboxIsGone:
        """Refuses Bernard's address for good, and every other email for now."""

        async def send(
            self, message_id: str, to: str, subject: str, body: str, attachments: list[Attachment]
        ) -> None:
            if to == bernard.email:
                raise DeliveryError(f"Adresse refusée (550 <{to}> unknown)", permanent=True)
            raise DeliveryError("Serveur de messagerie injoignable")

    sessions = interviews_app.state.sessionmaker
    sent, postponed, failed = await deliver_due(
        sessions, OutboxMessage, BernardsMailboxIsGone(), DevSmsProvider()
    )
    assert (sent, postponed, failed) == (len(links), len(links) - 1, 1)  # every SMS went

    headers = manager(tokens)
    read = await interviews_client.get(f"/campaigns/{campaign['id']}", headers=headers)
    counts = {"pending": len(links) - 1, "sent": len(links), "failed": 1}
    assert read.json()["messages"] == counts
    url = f"/campaigns/{campaign['id']}/messages"
    failures = await interviews_client.get(url, params={"status": "failed"}, headers=headers)
    assert failures.status_code == 200, failures.text
    page = failures.json()
    assert (page["total"], page["counts"]) == (1, counts)
    [message] = page["items"]
    assert {k: message[k] for k in ("invitation_id", "person_id", "channel", "status")} == {
        "invitation_id": bernard.id,
        "person_id": alpes["people"]["Bernard"],
        "channel": "email",
        "status": "failed",
    }
    assert message["name"].endswith("BERNARD") and message["attempts"] == 1
    assert message["last_error"] == "Adresse refusée (550 <destinataire> unknown)"
    assert message["failed_at"] is not None and message["sent_at"] is None
    assert "recipient" not in message and "body" not in message

    everything = await interviews_client.get(url, params={"limit": 500}, headers=headers)
    assert everything.json()["total"] == 2 * len(links)
    assert {m["status"] for m in everything.json()["items"]} == {"pending", "sent", "failed"}
    pending = await interviews_client.get(url, params={"status": "pending"}, headers=headers)
    assert pending.json()["total"] == len(links) - 1
    audited = await session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(
            AuditEvent.resource_type == "campaign_messages",
            AuditEvent.resource_id == campaign["id"],
            AuditEvent.operation == "read",
        )
    )
    assert audited == 3
    elsewhere = await interviews_client.get(url, headers=manager(tokens, "BRETAGNE"))
    assert elsewhere.status_code == 404


async def test_the_capacity_guard_compares_expected_bookings_with_free_slots(
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    run_jobs: RunJobs,
) -> None:
    headers = manager(tokens)
    target_list = await materialise(targeting_client, run_jobs, headers, alpes["actions"]["EIG"])
    refused = await interviews_client.get(
        "/capacity", params={"target_list_id": target_list["id"]}, headers=headers
    )
    assert refused.json()["free_slots"] == 0 and refused.json()["enough"] is False
    templates = (await interviews_client.get("/letter-templates", headers=headers)).json()
    body = {
        "target_list_id": target_list["id"],
        "template_id": templates[0]["id"]
        if templates[0]["name"].startswith("Proposition")
        else templates[1]["id"],
        "contact_phone": "3648",
    }
    response = await interviews_client.post("/campaigns", json=body, headers=headers)
    assert response.status_code == 422
    figures = response.json()["capacity"]
    assert figures["people"] == 3 and figures["expected_bookings"] == math.ceil(3 * 0.4)
    assert await session.scalar(select(func.count()).select_from(Campaign)) == 0

    counselor = await interviews_client.post(
        "/counselors", json={"username": "paul.alpes", "full_name": "Paul"}, headers=headers
    )
    await interviews_client.put(
        f"/counselors/{counselor.json()['id']}/opening-hours",
        json={
            "periods": [
                {"weekday": 0, "starts_at": "09:00", "ends_at": "12:00", "channel": "phone"}
            ]
        },
        headers=headers,
    )
    window_end = paris_today() + timedelta(days=10 + 21)
    mondays = sum(
        1
        for n in range(1, (window_end - paris_today()).days + 1)
        if (day := paris_today() + timedelta(days=n)).weekday() == 0
        and day not in scheduling.FRENCH_HOLIDAYS
    )
    enough = await interviews_client.get(
        "/capacity", params={"target_list_id": target_list["id"]}, headers=headers
    )
    assert enough.json()["free_slots"] == 3 * mondays  # 9, 10 and 11 o'clock each Monday
    assert enough.json()["enough"] is True


async def test_planning_compares_hours_needed_with_hours_available(
    interviews_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    receiving: dict[str, Any],
) -> None:
    headers = manager(tokens)
    year = paris_today().year
    start, end = paris_today() + timedelta(days=1), paris_today() + timedelta(days=28)
    created = await targeting_client.post(
        f"/policy/{year}/actions",
        json={
            "code": "EIG-ALPES",
            "title": "Entretiens EIG régionaux",
            "contact_type": "individual_interview",
            "target_description": "Nés en 1952",
            "specific_objective": "",
            "content": "",
            "calendar_start": start.isoformat(),
            "calendar_end": end.isoformat(),
            "modalities": "",
            "tools": "",
            "target_definition": {"filter": {"birth_years": [1952]}},
            "interview_minutes": 45,
            "buffer_minutes": 15,
        },
        headers=headers,
    )
    assert created.status_code == 201, created.text
    rows = (await interviews_client.get("/planning", params={"year": year}, headers=headers)).json()
    [row] = [r for r in rows if r["code"] == "EIG-ALPES"]
    mondays = sum(
        1
        for n in range((end - start).days + 1)
        if (day := start + timedelta(days=n)).weekday() == 0
        and day not in scheduling.FRENCH_HOLIDAYS
    )
    assert row["targeted"] == 3  # Arnaud, Bernard, Sansadresse
    assert row["hours_needed"] == 3.0  # 3 people x (45 + 15) minutes
    assert row["hours_available"] == 3.0 * mondays
    assert row["gap_hours"] == round(3.0 * mondays - 3.0, 1)


async def test_the_development_mail_provider_writes_each_email_to_a_file(
    settings: Settings, tmp_path: Any
) -> None:
    sender = email_sender(
        settings.model_copy(update={"mail_provider": "dev", "mail_dev_dir": tmp_path})
    )
    await sender.send(
        "invitation:7:email",
        "personne@example.fr",
        "Votre rendez-vous",
        "Lien : http://127.0.0.1:8080/rendez-vous/abc",
        [Attachment("rendez-vous.ics", "text/calendar", "BEGIN:VCALENDAR")],
    )
    [written] = list(tmp_path.iterdir())
    message = message_from_bytes(written.read_bytes())
    assert written.name == "invitation-7-email.eml"
    assert message["To"] == "personne@example.fr" and message["Subject"] == "Votre rendez-vous"
    assert message["Message-ID"] == "<invitation.7.email@rsi-contact-platform>"


async def test_the_http_sms_provider_posts_to_its_gateway_and_reports_refusals() -> None:
    received: list[dict[str, Any]] = []

    def gateway(request: httpx.Request) -> httpx.Response:
        if request.headers["Authorization"] != "Bearer secret-token":
            return httpx.Response(401)
        received.append(json.loads(request.content))
        return httpx.Response(503 if len(received) > 1 else 202)

    http = httpx.AsyncClient(transport=httpx.MockTransport(gateway))
    provider = HttpSmsProvider("https://sms.example/api/messages", "secret-token", http)
    await provider.send("unbooked:4:sms", "0612345678", "Rappel")
    assert received == [{"reference": "unbooked:4:sms", "to": "0612345678", "text": "Rappel"}]
    with pytest.raises(DeliveryError, match="503"):
        await provider.send("unbooked:5:sms", "0612345679", "Rappel")
