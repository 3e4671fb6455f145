"""Never inviting more people than there are slots: a campaign's expected bookings against
the free slots, the daily alerts, and the year's planning of counselor hours."""

import math
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.gateways import Action
from services.interviews.invitations.models import (
    OPEN_INVITATION,
    Campaign,
    CampaignPurpose,
    Invitation,
    InvitationStatus,
)
from services.interviews.scheduling import service as scheduling
from services.interviews.scheduling.models import Absence, Channel, Counselor, OpeningHours, Site
from services.interviews.selfservice.schemas import CapacityAlert, CapacityFigures, PlanningRow
from services.shared.auth import CaisseScope
from services.shared.errors import Unprocessable
from services.shared.local_time import LOCAL_TIME

DEFAULT_BOOKING_RATE = 0.4  # until a caisse has history of its own
HISTORY_MINIMUM = 50  # invitations before a caisse's own booking rate is trusted
BOOKING_HORIZON = timedelta(days=21)  # people book within the link's life and three weeks


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
        f"Créneaux libres insuffisants : {figures.people} personnes à inviter demanderaient "
        f"environ {figures.expected_bookings} entretiens (taux de prise de rendez-vous "
        f"{figures.booking_rate:.0%}), et il reste {figures.free_slots} créneaux libres "
        f"jusqu'au {figures.window_end.date().strftime('%d/%m/%Y')}.",
        code="capacity.insufficient",
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
