"""Reminders: to people who have not booked some days after their invitation, and 48 hours
before an appointment (with an ICS file); and the messaging pass that queues them, then
delivers interviews' outbox."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.interviews.invitations.models import (
    OPEN_INVITATION,
    Campaign,
    Invitation,
    InvitationStatus,
)
from services.interviews.messaging.appointments import Appointment, appointment_ics
from services.interviews.messaging.models import MessageChannel, OutboxMessage
from services.interviews.scheduling.models import Interview, InterviewStatus
from services.interviews.selfservice.booking import booking_of
from services.interviews.selfservice.links import LinkIssuer
from services.interviews.selfservice.messages import message, queue_messages
from services.shared.local_time import LOCAL_TIME
from services.shared.messaging import worker
from services.shared.messaging.outbox import is_mobile
from services.shared.messaging.senders import EmailSender, SmsProvider


async def queue_reminders(session: AsyncSession, issuer: LinkIssuer, now: datetime) -> int:
    """Expires lapsed links, then queues (once each, by their dedupe key) the reminders due:
    to people who have not booked N days after the invitation, and to people booked within
    the next 48 hours (with the appointment as an ICS file by email)."""
    await session.execute(
        update(Invitation)
        .where(Invitation.status.in_(OPEN_INVITATION), Invitation.link_expires_at <= now)
        .values(status=InvitationStatus.EXPIRED.value)
    )
    queued = 0
    unbooked = await session.execute(
        select(Invitation, Campaign)
        .join(Campaign, Campaign.id == Invitation.campaign_id)
        .where(
            Invitation.status.in_(OPEN_INVITATION),
            Invitation.reminders_enabled,
            Invitation.link_token_hash.is_not(None),
            Invitation.reminders == 0,
            Campaign.action_settings["reminder_after_days"].as_integer().is_not(None),
            Invitation.sent_at
            <= now
            - func.make_interval(
                0, 0, 0, Campaign.action_settings["reminder_after_days"].as_integer()
            ),
        )
        .with_for_update(of=Invitation, skip_locked=True)
    )
    for invitation, campaign in unbooked:
        queued += await _remind_unbooked(session, issuer, invitation, campaign)
        invitation.reminders += 1
        invitation.last_reminded_at = now

    soon = await session.execute(
        select(Invitation, Campaign, Interview)
        .join(Campaign, Campaign.id == Invitation.campaign_id)
        .join(Interview, Interview.id == Invitation.interview_id)
        .where(
            Invitation.status == InvitationStatus.BOOKED.value,
            Invitation.reminders_enabled,
            Interview.status == InterviewStatus.BOOKED.value,
            func.lower(Interview.during) > now,
            func.lower(Interview.during) <= now + timedelta(hours=48),
        )
    )
    for invitation, campaign, interview in soon:
        queued += await _remind_appointment(session, invitation, campaign, interview)
    await session.flush()
    return queued


async def _remind_unbooked(
    session: AsyncSession, issuer: LinkIssuer, invitation: Invitation, campaign: Campaign
) -> int:
    link = issuer.url(invitation.id)
    caisse = campaign.context["caisse.name"]
    messages = []
    if invitation.email:
        messages.append(
            message(
                campaign,
                invitation.id,
                f"unbooked:{invitation.id}:email",
                MessageChannel.EMAIL,
                invitation.email,
                f"Rappel : choisissez votre rendez-vous — {caisse}",
                f"Bonjour,\n\nVous n'avez pas encore choisi de rendez-vous pour l'entretien "
                f"que {caisse} vous propose. Il suffit de suivre ce lien :\n{link}\n",
            )
        )
    if is_mobile(invitation.phone):
        messages.append(
            message(
                campaign,
                invitation.id,
                f"unbooked:{invitation.id}:sms",
                MessageChannel.SMS,
                str(invitation.phone),
                "",
                f"Rappel {caisse} : choisissez votre rendez-vous conseil : {link}",
            )
        )
    await queue_messages(session, messages)
    return len(messages)


async def _remind_appointment(
    session: AsyncSession, invitation: Invitation, campaign: Campaign, interview: Interview
) -> int:
    assert interview.during.lower is not None and interview.during.upper is not None
    start = interview.during.lower.astimezone(LOCAL_TIME)
    key = f"48h:{interview.id}:{start.isoformat()}"
    existing = set(
        await session.scalars(
            select(OutboxMessage.dedupe_key).where(OutboxMessage.dedupe_key.startswith(key))
        )
    )
    booking = await booking_of(session, interview, campaign)
    where = booking.place or "par téléphone (le conseiller vous appelle)"
    when = start.strftime("%d/%m/%Y à %H h %M")
    caisse = campaign.context["caisse.name"]
    messages = []
    if invitation.email and f"{key}:email" not in existing:
        messages.append(
            message(
                campaign,
                invitation.id,
                f"{key}:email",
                MessageChannel.EMAIL,
                invitation.email,
                f"Rappel de votre rendez-vous du {when} — {caisse}",
                f"Bonjour,\n\nNous vous rappelons votre rendez-vous du {when}, {where}.\n\n"
                f"Pour toute question : {campaign.context['campaign.contact_phone']}.\n",
                attachments=[
                    {
                        "filename": "rendez-vous.ics",
                        "content_type": "text/calendar",
                        "content": appointment_ics(
                            Appointment(
                                interview_id=interview.id,
                                person_id=interview.person_id,
                                action_id=interview.action_id,
                                start=interview.during.lower,
                                end=interview.during.upper,
                                place=booking.place,
                            ),
                            caisse,
                        ),
                    }
                ],
            )
        )
    if is_mobile(invitation.phone) and f"{key}:sms" not in existing:
        messages.append(
            message(
                campaign,
                invitation.id,
                f"{key}:sms",
                MessageChannel.SMS,
                str(invitation.phone),
                "",
                f"Rappel {caisse} : rendez-vous le {when}, {where}.",
            )
        )
    await queue_messages(session, messages)
    return len(messages)


async def remind_and_deliver(
    sessions: async_sessionmaker[AsyncSession],
    issuer: LinkIssuer,
    email: EmailSender,
    sms: SmsProvider,
    max_attempts: int,
) -> worker.DeliveryPass:
    """One pass. Several workers may run passes at once (row locks keep them apart)."""
    async with sessions() as session, session.begin():
        await queue_reminders(session, issuer, datetime.now(UTC))
    return await worker.deliver_due(sessions, OutboxMessage, email, sms, max_attempts=max_attempts)
