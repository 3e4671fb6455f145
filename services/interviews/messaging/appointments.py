"""What an invited person is told about their appointment: a confirmation by email (with the
appointment as an ICS file) and SMS after a booking, a move or a cancellation, whoever made
it (the person through their link, or a counselor), and the ICS file the reminders carry.

The addresses are those of the person's invitation for the action (as the letter campaign
recorded them); a person booked without an invitation is not written to."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import icalendar
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.invitations.models import Campaign, Invitation
from services.interviews.messaging.models import MessageChannel, OutboxMessage
from services.shared.local_time import LOCAL_TIME
from services.shared.messaging.outbox import is_mobile


class Change(StrEnum):
    BOOKED = "booked"
    MOVED = "moved"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Appointment:
    """An interview as the person is told of it (``place`` None: by phone)."""

    interview_id: uuid.UUID
    person_id: int
    action_id: int
    start: datetime
    end: datetime
    place: str | None

    @property
    def where(self) -> str:
        return self.place or "par téléphone (le conseiller vous appelle)"

    @property
    def when(self) -> str:
        return self.start.astimezone(LOCAL_TIME).strftime("%d/%m/%Y à %H h %M")


def appointment_ics(appointment: Appointment, caisse: str, cancelled: bool = False) -> str:
    """The appointment as an iCalendar file; the same UID in every message about it, so a
    calendar application updates (or, cancelled, removes) the one event."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//RSI//Politique de contact//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = icalendar.Event()
    now = datetime.now(UTC)
    event.add("uid", f"{appointment.interview_id}@rsi-contact-platform")
    event.add("dtstamp", now)
    event.add("sequence", int(now.timestamp()) // 60)  # later messages win
    event.add("dtstart", appointment.start.astimezone(UTC))
    event.add("dtend", appointment.end.astimezone(UTC))
    event.add("summary", f"Rendez-vous {caisse}")
    event.add("location", appointment.where)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return str(calendar.to_ical().decode())


def _texts(
    change: Change, appointment: Appointment, campaign: Campaign, by_person: bool
) -> tuple[str, str, str]:
    """Subject, email body and SMS of the confirmation."""
    caisse, phone = campaign.context["caisse.name"], campaign.context["campaign.contact_phone"]
    title = campaign.action_settings["title"]
    when, where = appointment.when, appointment.where
    if change is Change.CANCELLED:
        if by_person:
            said = f"Votre rendez-vous du {when} est annulé, comme vous l'avez demandé."
        else:
            said = f"Nous devons annuler votre rendez-vous du {when}. Veuillez nous en excuser."
        email = (
            f"{said}\n\nVous pouvez choisir un autre rendez-vous avec le lien de votre "
            f"invitation, ou en appelant le {phone}."
        )
        sms = (
            f"{caisse} : rendez-vous du {when} annulé. Reprenez rendez-vous avec le lien de "
            f"votre invitation ou au {phone}."
        )
        return f"Rendez-vous annulé — {caisse}", email, sms
    said = (
        f"Votre rendez-vous ({title}) est confirmé le {when}, {where}."
        if change is Change.BOOKED
        else f"Votre rendez-vous ({title}) est déplacé au {when}, {where}."
    )
    email = (
        f"{said}\n\nPour le déplacer ou l'annuler, utilisez le lien de votre invitation, "
        f"ou appelez le {phone}."
    )
    sms = f"{caisse} : rendez-vous le {when}, {where}."
    verb = "confirmé" if change is Change.BOOKED else "déplacé"
    return f"Rendez-vous {verb} le {when} — {caisse}", email, sms


async def confirm(
    session: AsyncSession, appointment: Appointment, change: Change, *, by_person: bool
) -> int:
    """Queues the confirmation of ``change`` to the person's latest invitation for the action
    (its email, with the ICS file, and its mobile phone); the number of messages queued."""
    found = (
        await session.execute(
            select(Invitation, Campaign)
            .join(Campaign, Campaign.id == Invitation.campaign_id)
            .where(
                Invitation.person_id == appointment.person_id,
                Invitation.action_id == appointment.action_id,
            )
            .order_by(Invitation.sent_at.desc(), Invitation.id.desc())
            .limit(1)
        )
    ).first()
    if found is None:
        return 0
    invitation, campaign = found
    subject, email, sms = _texts(change, appointment, campaign, by_person)
    # One message per change and time: retrying the same request queues nothing more.
    key = f"{change.value}:{appointment.interview_id}:{appointment.start.isoformat()}"
    rows: list[dict[str, Any]] = []
    common = {"invitation_id": invitation.id, "caisse_code": campaign.caisse_code}
    if invitation.email:
        ics = appointment_ics(appointment, campaign.context["caisse.name"],
                              cancelled=change is Change.CANCELLED)  # fmt: skip
        rows.append(
            {
                **common,
                "dedupe_key": f"{key}:email",
                "channel": MessageChannel.EMAIL.value,
                "recipient": invitation.email,
                "subject": subject,
                "body": f"Bonjour,\n\n{email}\n",
                "attachments": [
                    {"filename": "rendez-vous.ics", "content_type": "text/calendar",
                     "content": ics}
                ],
            }
        )  # fmt: skip
    if is_mobile(invitation.phone):
        rows.append(
            {
                **common,
                "dedupe_key": f"{key}:sms",
                "channel": MessageChannel.SMS.value,
                "recipient": str(invitation.phone),
                "subject": "",
                "body": sms,
                "attachments": [],
            }
        )
    if rows:
        await session.execute(
            insert(OutboxMessage).values(rows).on_conflict_do_nothing(index_elements=["dedupe_key"])
        )
    return len(rows)
