"""Invitations the person answers: personal booking links, the messages that carry them,
reminders, and never inviting more people than there are slots.

The public booking path goes through the same ``scheduling.book`` as counselors, so the same
rules and the same exclusion constraint decide; the person acts as a principal of their own
("invitation:<id>") scoped to their caisse.
"""

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import icalendar
from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.gateways import Action
from services.interviews.invitations.models import (
    OPEN_INVITATION,
    Campaign,
    CampaignPurpose,
    Invitation,
    InvitationStatus,
)
from services.interviews.messaging.models import MessageChannel, MessageStatus, OutboxMessage
from services.interviews.scheduling import service as scheduling
from services.interviews.scheduling.models import (
    Absence,
    Channel,
    Counselor,
    Interview,
    InterviewStatus,
    OpeningHours,
    Site,
)
from services.interviews.selfservice.links import LinkKeys, token_hash
from services.interviews.selfservice.schemas import (
    CapacityAlert,
    CapacityFigures,
    PlanningRow,
    PublicBooking,
    PublicInvitation,
    PublicSlot,
)
from services.shared.auth import CaisseScope, Principal, Role
from services.shared.errors import Conflict, Gone, NotFound, Unprocessable
from services.shared.local_time import LOCAL_TIME
from services.shared.messaging.outbox import is_mobile
from services.shared.messaging.schemas import MessageCounts
from services.shared.pagination import PageParams

DEFAULT_BOOKING_RATE = 0.4  # until a caisse has history of its own
HISTORY_MINIMUM = 50  # invitations before a caisse's own booking rate is trusted
BOOKING_HORIZON = timedelta(days=21)  # people book within the link's life and three weeks


@dataclass(frozen=True)
class LinkIssuer:
    keys: LinkKeys
    public_url: str

    def url(self, invitation_id: int) -> str:
        return f"{self.public_url}{self.keys.token(invitation_id)}"


def action_settings(action: Action) -> dict[str, Any]:
    """What the public path needs of the action, copied into the campaign at launch."""
    return {
        "title": action.title,
        "interview_minutes": action.interview_length,
        "buffer_minutes": action.buffer_minutes,
        "booking_link_days": action.booking_link_days,
        "change_notice_hours": action.change_notice_hours,
        "reminder_after_days": action.reminder_after_days,
    }


# Links and invitation messages -------------------------------------------------------


def issue_links(
    issuer: LinkIssuer,
    campaign: Campaign,
    invitations: list[dict[str, Any]],
    expires_at: datetime,
) -> tuple[dict[int, str], list[dict[str, Any]]]:
    """Gives each invitation row (not yet inserted, its id already drawn) its link; returns
    the links by invitation id (for the letters) and the emails and SMS that carry them (to
    queue once the invitations are in)."""
    links = {}
    for invitation in invitations:
        token = issuer.keys.token(invitation["id"])
        links[invitation["id"]] = f"{issuer.public_url}{token}"
        invitation["link_token_hash"] = token_hash(token)
        invitation["link_expires_at"] = expires_at
    expires = expires_at.astimezone(LOCAL_TIME).strftime("%d/%m/%Y")
    caisse = campaign.context["caisse.name"]
    title = campaign.action_settings["title"]
    messages = []
    for invitation in invitations:
        link, recipient = links[invitation["id"]], invitation["recipient"]
        greeting = f"{recipient['civility']} {recipient['last_name']}"
        if invitation["email"]:
            messages.append(
                _message(
                    campaign,
                    invitation["id"],
                    f"invitation:{invitation['id']}:email",
                    MessageChannel.EMAIL,
                    invitation["email"],
                    f"{caisse} vous propose un entretien — {title}",
                    f"{greeting},\n\n{caisse} vous propose un entretien personnalisé avec un "
                    f"conseiller ({title}).\n\nChoisissez votre rendez-vous ici, jusqu'au "
                    f"{expires} :\n{link}\n\nVous pouvez aussi appeler le "
                    f"{campaign.context['campaign.contact_phone']}.\n",
                )
            )
        if is_mobile(invitation["phone"]):
            messages.append(
                _message(
                    campaign,
                    invitation["id"],
                    f"invitation:{invitation['id']}:sms",
                    MessageChannel.SMS,
                    invitation["phone"],
                    "",
                    f"{caisse} vous propose un entretien conseil. Prenez rendez-vous avant le "
                    f"{expires} : {link}",
                )
            )
    return links, messages


def _message(
    campaign: Campaign,
    invitation_id: int,
    dedupe_key: str,
    channel: MessageChannel,
    recipient: str,
    subject: str,
    body: str,
    attachments: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    return {
        "dedupe_key": dedupe_key,
        "channel": channel.value,
        "recipient": recipient,
        "subject": subject,
        "body": body,
        "attachments": attachments or [],
        "invitation_id": invitation_id,
        "caisse_code": campaign.caisse_code,
    }


async def queue_messages(session: AsyncSession, messages: list[dict[str, Any]]) -> None:
    """One multi-row insert (a campaign queues thousands)."""
    if messages:
        await session.execute(insert(OutboxMessage), messages)


async def message_counts(session: AsyncSession, campaign: Campaign) -> MessageCounts:
    rows = await session.execute(
        select(OutboxMessage.status, func.count())
        .join(Invitation, Invitation.id == OutboxMessage.invitation_id)
        .where(Invitation.campaign_id == campaign.id)
        .group_by(OutboxMessage.status)
    )
    return MessageCounts.of(rows)


async def campaign_messages(
    session: AsyncSession, campaign: Campaign, status: MessageStatus | None, page: PageParams
) -> tuple[list[tuple[OutboxMessage, Invitation]], int]:
    """The campaign's emails and SMS (links and reminders), latest first, with whom each is
    for; ``status`` filters them."""
    query = (
        select(OutboxMessage, Invitation)
        .join(Invitation, Invitation.id == OutboxMessage.invitation_id)
        .where(Invitation.campaign_id == campaign.id)
    )
    if status is not None:
        query = query.where(OutboxMessage.status == status.value)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.execute(
        query.order_by(OutboxMessage.id.desc()).limit(page.limit).offset(page.offset)
    )
    return list(rows), total


# The public booking path -------------------------------------------------------------


async def invitation_by_token(
    session: AsyncSession, token: str, *, for_update: bool = False
) -> tuple[Invitation, Campaign]:
    """404 for a token that never existed, 410 for one that no longer works."""
    statement = select(Invitation).where(Invitation.link_token_hash == token_hash(token))
    invitation = await session.scalar(statement.with_for_update() if for_update else statement)
    if invitation is None:
        raise NotFound("This link does not exist.")
    campaign = await session.get_one(Campaign, invitation.campaign_id)
    phone = campaign.context["campaign.contact_phone"]
    if invitation.status == InvitationStatus.BOOKED.value:
        return invitation, campaign
    if invitation.status not in OPEN_INVITATION:
        raise Gone(
            f"This link has already been used. For any question, call {phone}.",
            extensions={"reason": "used", "contact_phone": phone},
        )
    assert invitation.link_expires_at is not None
    if invitation.link_expires_at <= datetime.now(UTC):
        # (queue_reminders records the expiry; this request's changes roll back with the 410)
        raise Gone(
            f"This link has expired. To make an appointment, call {phone}.",
            extensions={"reason": "expired", "contact_phone": phone},
        )
    return invitation, campaign


def _principal(invitation: Invitation) -> Principal:
    return Principal(
        subject=f"invitation:{invitation.id}",
        role=Role.SERVICE,
        caisse_code=invitation.caisse_code,
        name="Lien personnel",
        scopes=frozenset(),
        token="",
    )


async def public_view(
    session: AsyncSession, invitation: Invitation, campaign: Campaign
) -> PublicInvitation:
    if invitation.link_opened_at is None:
        invitation.link_opened_at = datetime.now(UTC)
        if invitation.status == InvitationStatus.SENT.value:
            invitation.status = InvitationStatus.OPENED.value
        await session.flush()
    booking = None
    if invitation.status == InvitationStatus.BOOKED.value and invitation.interview_id:
        interview = await session.get_one(Interview, invitation.interview_id)
        booking = await _booking(session, interview, campaign)
    assert invitation.link_expires_at is not None
    return PublicInvitation(
        caisse_name=campaign.context["caisse.name"],
        action_title=campaign.action_settings["title"],
        contact_phone=campaign.context["campaign.contact_phone"],
        status="booked" if booking else "invited",
        expires_at=invitation.link_expires_at,
        change_notice_hours=campaign.action_settings["change_notice_hours"],
        booking=booking,
    )


async def _booking(
    session: AsyncSession, interview: Interview, campaign: Campaign
) -> PublicBooking:
    assert interview.during.lower is not None and interview.during.upper is not None
    site = await session.get(Site, interview.site_id) if interview.site_id else None
    notice = timedelta(hours=campaign.action_settings["change_notice_hours"])
    return PublicBooking(
        start=interview.during.lower.astimezone(UTC),
        end=interview.during.upper.astimezone(UTC),
        channel=Channel(interview.channel),
        place=f"{site.name}, {site.address}" if site else None,
        can_change_until=interview.during.lower.astimezone(UTC) - notice,
    )


async def public_slots(
    session: AsyncSession,
    invitation: Invitation,
    campaign: Campaign,
    channel: Channel,
    first_day: date,
    last_day: date,
) -> list[PublicSlot]:
    """One slot per time (whoever the counselor), per site for in-person interviews."""
    settings = campaign.action_settings
    sites = {
        s.id: s
        for s in await session.scalars(
            select(Site).where(Site.caisse_code == invitation.caisse_code)
        )
    }
    site_ids: list[int | None] = list(sites) if channel is Channel.IN_PERSON else [None]
    seen: set[tuple[datetime, int | None]] = set()
    result = []
    for site_id in site_ids:
        for _counselor, start, end in await scheduling.free_slots(
            session,
            invitation.caisse_code,
            channel=channel,
            site_id=site_id,
            minutes=settings["interview_minutes"],
            buffer_minutes=settings["buffer_minutes"],
            first_day=first_day,
            last_day=last_day,
            counselor_id=None,
            now=datetime.now(UTC),
        ):
            if (start, site_id) in seen:
                continue
            seen.add((start, site_id))
            site = sites.get(site_id) if site_id else None
            result.append(
                PublicSlot(
                    start=start,
                    end=end,
                    channel=channel,
                    site_id=site_id,
                    place=f"{site.name}, {site.address}" if site else None,
                )
            )
    return sorted(result, key=lambda s: (s.start, s.site_id or 0))


async def public_book(
    session: AsyncSession,
    invitation: Invitation,
    campaign: Campaign,
    start: datetime,
    channel: Channel,
    site_id: int | None,
) -> Interview:
    if invitation.status == InvitationStatus.BOOKED.value:
        raise Conflict("An appointment is already booked: move or cancel it instead.")
    settings = campaign.action_settings
    return await scheduling.book(
        session,
        _principal(invitation),
        CaisseScope(frozenset({invitation.caisse_code})),
        caisse_code=invitation.caisse_code,
        person_id=invitation.person_id,
        action_id=invitation.action_id,
        minutes=settings["interview_minutes"],
        buffer_minutes=settings["buffer_minutes"],
        channel=channel,
        site_id=site_id,
        start=start,
        counselor_id=None,
    )


async def _own_interview(
    session: AsyncSession, invitation: Invitation, campaign: Campaign
) -> Interview:
    if invitation.status != InvitationStatus.BOOKED.value or invitation.interview_id is None:
        raise Conflict("No appointment is booked through this link.")
    interview = await session.get_one(Interview, invitation.interview_id)
    assert interview.during.lower is not None
    notice = timedelta(hours=campaign.action_settings["change_notice_hours"])
    if datetime.now(UTC) > interview.during.lower - notice:
        phone = campaign.context["campaign.contact_phone"]
        raise Conflict(
            f"It is too late to change this appointment online: call {phone}.",
            extensions={"reason": "too_late", "contact_phone": phone},
        )
    return interview


async def public_cancel(session: AsyncSession, invitation: Invitation, campaign: Campaign) -> None:
    interview = await _own_interview(session, invitation, campaign)
    await scheduling.cancel(session, _principal(invitation), interview, "annulé par la personne")
    # The link stays valid: the person may choose another time.
    invitation.status = InvitationStatus.OPENED.value
    invitation.interview_id = None
    await session.flush()


async def public_reschedule(
    session: AsyncSession, invitation: Invitation, campaign: Campaign, start: datetime
) -> Interview:
    interview = await _own_interview(session, invitation, campaign)
    return await scheduling.reschedule(session, _principal(invitation), interview, start)


# Reminders ---------------------------------------------------------------------------


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
            _message(
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
            _message(
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
    booking = await _booking(session, interview, campaign)
    where = booking.place or "par téléphone (le conseiller vous appelle)"
    when = start.strftime("%d/%m/%Y à %H h %M")
    caisse = campaign.context["caisse.name"]
    messages = []
    if invitation.email and f"{key}:email" not in existing:
        messages.append(
            _message(
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
                        "content": _appointment_ics(interview, caisse, where),
                    }
                ],
            )
        )
    if is_mobile(invitation.phone) and f"{key}:sms" not in existing:
        messages.append(
            _message(
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


def _appointment_ics(interview: Interview, caisse: str, where: str) -> str:
    assert interview.during.lower is not None and interview.during.upper is not None
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//RSI//Politique de contact//FR")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", f"{interview.id}@rsi-contact-platform")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", interview.during.lower.astimezone(UTC))
    event.add("dtend", interview.during.upper.astimezone(UTC))
    event.add("summary", f"Rendez-vous {caisse}")
    event.add("location", where)
    calendar.add_component(event)
    return str(calendar.to_ical().decode())


# Capacity ----------------------------------------------------------------------------


async def booking_rate(session: AsyncSession, caisse_code: str) -> float:
    """The caisse's share of invitations that led to a booking, once it has enough history."""
    answered = (
        InvitationStatus.BOOKED.value,
        InvitationStatus.HELD.value,
        InvitationStatus.NO_SHOW.value,
        InvitationStatus.EXCUSED.value,
    )
    total, booked = (
        await session.execute(
            select(func.count(), func.count().filter(Invitation.status.in_(answered)))
            .join(Campaign, Campaign.id == Invitation.campaign_id)
            .where(
                Invitation.caisse_code == caisse_code,
                Campaign.purpose == CampaignPurpose.INTERVIEW.value,
            )
        )
    ).one()
    return booked / total if total >= HISTORY_MINIMUM else DEFAULT_BOOKING_RATE


async def free_slot_count(
    session: AsyncSession, caisse_code: str, settings: dict[str, Any], until: date
) -> int:
    tomorrow = datetime.now(LOCAL_TIME).date() + timedelta(days=1)
    count = 0
    sites = list(await session.scalars(select(Site.id).where(Site.caisse_code == caisse_code)))
    for channel, site_id in [(Channel.PHONE, None), *((Channel.IN_PERSON, s) for s in sites)]:
        count += len(
            await scheduling.free_slots(
                session,
                caisse_code,
                channel=channel,
                site_id=site_id,
                minutes=settings["interview_minutes"],
                buffer_minutes=settings["buffer_minutes"],
                first_day=tomorrow,
                last_day=until,
                counselor_id=None,
                now=datetime.now(UTC),
            )
        )
    return count


async def capacity(
    session: AsyncSession, caisse_code: str, settings: dict[str, Any], people: int
) -> CapacityFigures:
    rate = await booking_rate(session, caisse_code)
    until = (
        datetime.now(LOCAL_TIME).date()
        + timedelta(days=settings["booking_link_days"])
        + BOOKING_HORIZON
    )
    free = await free_slot_count(session, caisse_code, settings, until)
    expected = math.ceil(people * rate)
    return CapacityFigures(
        people=people,
        booking_rate=round(rate, 3),
        expected_bookings=expected,
        free_slots=free,
        window_end=datetime.combine(until, time.max, LOCAL_TIME),
        enough=expected <= free,
    )


async def capacity_alerts(session: AsyncSession, scope: CaisseScope) -> list[CapacityAlert]:
    """Per caisse and action: the invitations still open against the free slots ahead,
    with the settings of the action's latest campaign."""
    latest = (
        select(
            Campaign.caisse_code,
            Campaign.action_id,
            func.count(Invitation.id).label("pending"),
            func.max(Campaign.created_at).label("latest"),
        )
        .join(Invitation, Invitation.campaign_id == Campaign.id)
        .where(
            Invitation.status.in_(OPEN_INVITATION),
            Invitation.link_expires_at > datetime.now(UTC),
        )
        .group_by(Campaign.caisse_code, Campaign.action_id)
    )
    if scope.caisse_codes is not None:
        latest = latest.where(Campaign.caisse_code.in_(scope.caisse_codes))
    alerts = []
    for caisse, action_id, pending, created_at in (await session.execute(latest)).all():
        settings = await session.scalar(
            select(Campaign.action_settings).where(
                Campaign.caisse_code == caisse,
                Campaign.action_id == action_id,
                Campaign.created_at == created_at,
            )
        )
        assert settings, "interview campaigns keep their action's settings"
        figures = await capacity(session, caisse, settings, pending)
        if not figures.enough:
            alerts.append(
                CapacityAlert(caisse_code=caisse, action_id=action_id, **figures.model_dump())
            )
    return alerts


def not_enough_slots(figures: CapacityFigures) -> Unprocessable:
    return Unprocessable(
        f"Not enough free slots: {figures.people} people to invite would need about "
        f"{figures.expected_bookings} interviews (booking rate {figures.booking_rate:.0%}), "
        f"and there are {figures.free_slots} free slots until "
        f"{figures.window_end.date().isoformat()}.",
        extensions={"capacity": figures.model_dump(mode="json")},
    )


# Planning ----------------------------------------------------------------------------


async def available_hours(
    session: AsyncSession, caisse_code: str, first_day: date, last_day: date
) -> float:
    """Counselors' opening hours over the days, less public holidays and absences."""
    counselors = list(
        await session.scalars(
            select(Counselor.id).where(Counselor.caisse_code == caisse_code, Counselor.active)
        )
    )
    if not counselors or last_day < first_day:
        return 0.0
    periods: dict[int, list[OpeningHours]] = {}
    for period in await session.scalars(
        select(OpeningHours).where(OpeningHours.counselor_id.in_(counselors))
    ):
        periods.setdefault(period.weekday, []).append(period)
    absences: dict[int, list[tuple[datetime, datetime]]] = {}
    for owner, during in await session.execute(
        select(Absence.counselor_id, Absence.during).where(Absence.counselor_id.in_(counselors))
    ):
        if during.lower is not None and during.upper is not None:
            absences.setdefault(owner, []).append((during.lower, during.upper))
    seconds = 0.0
    day = first_day
    while day <= last_day:
        if day not in scheduling.FRENCH_HOLIDAYS:
            for period in periods.get(day.weekday(), []):
                start = datetime.combine(day, period.starts_at, LOCAL_TIME)
                end = datetime.combine(day, period.ends_at, LOCAL_TIME)
                away = sum(
                    max((min(end, upper) - max(start, lower)).total_seconds(), 0.0)
                    for lower, upper in absences.get(period.counselor_id, [])
                )
                seconds += max((end - start).total_seconds() - away, 0.0)
        day += timedelta(days=1)
    return seconds / 3600


def planning_row(action: Action, targeted: int, hours: float, today: date) -> PlanningRow:
    start = max(action.calendar_start, today)
    end = action.calendar_end
    minutes = action.interview_length + action.buffer_minutes
    needed = targeted * minutes / 60
    passed = end < start
    return PlanningRow(
        action_id=action.id,
        code=action.code,
        title=action.title,
        window_start=None if passed else datetime.combine(start, time.min, LOCAL_TIME),
        window_end=None if passed else datetime.combine(end, time.max, LOCAL_TIME),
        targeted=targeted,
        minutes_per_interview=minutes,
        hours_needed=round(needed, 1),
        hours_available=round(0.0 if passed else hours, 1),
        gap_hours=round((0.0 if passed else hours) - needed, 1),
    )
