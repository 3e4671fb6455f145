"""The public booking path: the invited person's own pages, behind the personal link.

It goes through the same ``scheduling.book`` as counselors, so the same rules and the same
exclusion constraint decide; the person acts as a principal of their own ("invitation:<id>")
scoped to their caisse.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.gateways import Action
from services.interviews.invitations.models import (
    OPEN_INVITATION,
    Campaign,
    Invitation,
    InvitationStatus,
)
from services.interviews.scheduling import service as scheduling
from services.interviews.scheduling.models import Channel, Interview, Site
from services.interviews.selfservice.links import token_hash
from services.interviews.selfservice.schemas import PublicBooking, PublicInvitation, PublicSlot
from services.shared.auth import CaisseScope, Principal, Role
from services.shared.errors import Conflict, Gone, NotFound


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


async def invitation_by_token(
    session: AsyncSession, token: str, *, for_update: bool = False
) -> tuple[Invitation, Campaign]:
    """404 for a token that never existed, 410 for one that no longer works."""
    statement = select(Invitation).where(Invitation.link_token_hash == token_hash(token))
    invitation = await session.scalar(statement.with_for_update() if for_update else statement)
    if invitation is None:
        raise NotFound("Ce lien n'existe pas.", code="booking.link_not_found")
    campaign = await session.get_one(Campaign, invitation.campaign_id)
    phone = campaign.context["campaign.contact_phone"]
    if invitation.status == InvitationStatus.BOOKED.value:
        return invitation, campaign
    if invitation.status not in OPEN_INVITATION:
        raise Gone(
            f"Ce lien a déjà servi. Pour toute question, appelez le {phone}.",
            code="booking.link_used",
            extensions={"reason": "used", "contact_phone": phone},
        )
    assert invitation.link_expires_at is not None
    if invitation.link_expires_at <= datetime.now(UTC):
        # (queue_reminders records the expiry; this request's changes roll back with the 410)
        raise Gone(
            f"Ce lien a expiré. Pour prendre rendez-vous, appelez le {phone}.",
            code="booking.link_expired",
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
        booking = await booking_of(session, interview, campaign)
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


async def booking_of(
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
        raise Conflict(
            "Un rendez-vous est déjà pris : déplacez-le ou annulez-le.",
            code="booking.already_booked",
        )
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
        raise Conflict("Aucun rendez-vous n'a été pris avec ce lien.", code="booking.none_booked")
    interview = await session.get_one(Interview, invitation.interview_id)
    assert interview.during.lower is not None
    notice = timedelta(hours=campaign.action_settings["change_notice_hours"])
    if datetime.now(UTC) > interview.during.lower - notice:
        phone = campaign.context["campaign.contact_phone"]
        raise Conflict(
            f"Il est trop tard pour modifier ce rendez-vous en ligne : appelez le {phone}.",
            code="booking.too_late",
            extensions={"reason": "too_late", "contact_phone": phone},
        )
    return interview


async def public_cancel(session: AsyncSession, invitation: Invitation, campaign: Campaign) -> None:
    interview = await _own_interview(session, invitation, campaign)
    # The link stays valid (scheduling reopens the invitation): another time may be chosen.
    await scheduling.cancel(session, _principal(invitation), interview, "annulé par la personne")
    await session.refresh(invitation)


async def public_reschedule(
    session: AsyncSession, invitation: Invitation, campaign: Campaign, start: datetime
) -> Interview:
    interview = await _own_interview(session, invitation, campaign)
    return await scheduling.reschedule(session, _principal(invitation), interview, start)
