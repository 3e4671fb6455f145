"""What the person is told after a booking, a move or a cancellation (by link or by
counselor), and the link that works again after a counselor cancelled."""

from datetime import UTC, datetime, time
from typing import Any

import httpx
import icalendar
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.messaging.models import OutboxMessage
from services.shared.auth import Role
from tests.conftest import RunJobs
from tests.factories import TokenFactory
from tests.interviews.test_selfservice import (  # noqa: F401 (receiving is a fixture)
    PARIS,
    _campaign,
    _links,
    next_working_monday,
    paris_today,
    receiving,
)


async def _confirmations(session: AsyncSession, invitation_id: int) -> list[OutboxMessage]:
    """The invitation's messages other than the invitation itself, in order."""
    rows = await session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.invitation_id == invitation_id,
            ~OutboxMessage.dedupe_key.startswith("invitation:"),
        )
        .order_by(OutboxMessage.id)
    )
    return list(rows)


def _event(message: OutboxMessage) -> icalendar.cal.Component:
    [attachment] = message.attachments
    assert attachment["content_type"] == "text/calendar"
    calendar = icalendar.Calendar.from_ical(attachment["content"])
    [event] = calendar.walk("VEVENT")
    return event


async def test_each_change_by_link_is_confirmed_by_email_with_the_ics_and_by_sms(
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    receiving: dict[str, Any],  # noqa: F811
    run_jobs: RunJobs,
) -> None:
    campaign = await _campaign(interviews_client, run_jobs, targeting_client, tokens, alpes)
    invitation, token = (await _links(session, interviews_app, campaign["id"]))["Arnaud"]
    monday = next_working_monday(paris_today())
    nine = datetime.combine(monday, time(9), PARIS)
    ten = datetime.combine(monday, time(10), PARIS)

    booked = await interviews_client.post(
        f"/public/invitations/{token}/booking",
        json={"start": nine.isoformat(), "channel": "phone"},
    )
    assert booked.status_code == 201, booked.text
    [email, sms] = await _confirmations(session, invitation.id)
    assert (email.channel, email.recipient) == ("email", invitation.email)
    when = nine.strftime("%d/%m/%Y à %H h %M")
    assert email.subject.startswith(f"Rendez-vous confirmé le {when}")
    assert "par téléphone" in email.body and "04 79 00 00 00" in email.body
    event = _event(email)
    assert event.decoded("dtstart") == nine.astimezone(UTC)
    assert str(event["status"]) == "CONFIRMED"
    assert (sms.channel, sms.recipient) == ("sms", invitation.phone) and when in sms.body
    assert token not in email.body + sms.body  # the link itself is never repeated

    moved = await interviews_client.post(
        f"/public/invitations/{token}/booking/reschedule", json={"start": ten.isoformat()}
    )
    assert moved.status_code == 200, moved.text
    cancelled = await interviews_client.post(f"/public/invitations/{token}/booking/cancel")
    assert cancelled.status_code == 200, cancelled.text
    messages = await _confirmations(session, invitation.id)
    assert [(m.dedupe_key.split(":")[0], m.channel) for m in messages] == [
        ("booked", "email"), ("booked", "sms"),
        ("moved", "email"), ("moved", "sms"),
        ("cancelled", "email"), ("cancelled", "sms"),
    ]  # fmt: skip
    moved_email, cancelled_email = messages[2], messages[4]
    assert "déplacé" in moved_email.body and ten.strftime("%H h %M") in moved_email.body
    assert _event(moved_email)["uid"] == event["uid"]
    assert "comme vous l'avez demandé" in cancelled_email.body
    assert str(_event(cancelled_email)["status"]) == "CANCELLED"


async def test_after_a_counselors_cancellation_the_same_link_books_again(
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    receiving: dict[str, Any],  # noqa: F811
    run_jobs: RunJobs,
) -> None:
    campaign = await _campaign(interviews_client, run_jobs, targeting_client, tokens, alpes)
    invitation, token = (await _links(session, interviews_app, campaign["id"]))["Arnaud"]
    monday = next_working_monday(paris_today())
    counselor = tokens.headers(Role.COUNSELOR, "ALPES")
    # The person phoned: the counselor books for them.
    booked = await interviews_client.post(
        "/interviews",
        json={
            "person_id": alpes["people"]["Arnaud"],
            "action_id": alpes["actions"]["EIG"],
            "channel": "phone",
            "start": datetime.combine(monday, time(9), PARIS).isoformat(),
        },
        headers=counselor,
    )
    assert booked.status_code == 201, booked.text
    view = await interviews_client.get(f"/public/invitations/{token}")
    assert view.json()["status"] == "booked"
    cancelled = await interviews_client.post(
        f"/interviews/{booked.json()['id']}/cancel", json={"reason": "conseiller malade"},
        headers=counselor,
    )  # fmt: skip
    assert cancelled.status_code == 200, cancelled.text
    messages = await _confirmations(session, invitation.id)
    assert [m.dedupe_key.split(":")[0] for m in messages] == [
        "booked", "booked", "cancelled", "cancelled"
    ]  # fmt: skip
    assert "Nous devons annuler" in messages[2].body

    again = await interviews_client.get(f"/public/invitations/{token}")
    assert again.status_code == 200 and again.json()["status"] == "invited"
    rebooked = await interviews_client.post(
        f"/public/invitations/{token}/booking",
        json={"start": datetime.combine(monday, time(10), PARIS).isoformat(), "channel": "phone"},
    )
    assert rebooked.status_code == 201, rebooked.text
    await session.refresh(invitation)
    assert invitation.status == "booked"


async def test_a_person_booked_without_an_invitation_is_not_written_to(
    interviews_client: httpx.AsyncClient,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    receiving: dict[str, Any],  # noqa: F811
) -> None:
    monday = next_working_monday(paris_today())
    booked = await interviews_client.post(
        "/interviews",
        json={
            "person_id": alpes["people"]["Bernard"],
            "action_id": alpes["actions"]["EIG"],
            "channel": "phone",
            "start": datetime.combine(monday, time(9), PARIS).isoformat(),
        },
        headers=tokens.headers(Role.COUNSELOR, "ALPES"),
    )
    assert booked.status_code == 201, booked.text
    assert list(await session.scalars(select(OutboxMessage.id))) == []
