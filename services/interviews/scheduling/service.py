"""Scheduling: counselors' availability and interviews that never overlap.

Availability is checked in Python (opening hours, absences, public holidays, the past) to
answer *why* a time is refused; overlaps are refused by PostgreSQL's exclusion constraint, so
two requests racing for one slot cannot both win whatever the timing.
"""

import uuid
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import partial

import holidays
import icalendar
from sqlalchemy import and_, delete, func, select
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.audit import audit
from services.interviews.contacts.models import ContactChannel, ContactKind
from services.interviews.contacts.service import record_contact
from services.interviews.gateways import PersonName
from services.interviews.invitations.tracking import (
    follow_interview,
    mark_invitations_booked,
    reopen_invitations,
)
from services.interviews.messaging.appointments import Appointment, Change, confirm
from services.interviews.scheduling.models import (
    Absence,
    Channel,
    Counselor,
    Interview,
    InterviewEvent,
    InterviewStatus,
    OpeningHours,
    Site,
)
from services.interviews.scheduling.schemas import (
    AbsenceCreate,
    AbsenceRead,
    AbsenceUpdate,
    AgendaEntry,
    CounselorCreate,
    InterviewRead,
    OpeningPeriod,
    SiteCreate,
)
from services.shared.audit import AuditOperation
from services.shared.auth import CaisseScope, Principal
from services.shared.errors import Conflict, FieldError, NotFound, Unprocessable
from services.shared.french import french_day
from services.shared.local_time import LOCAL_TIME

EXCLUSION_VIOLATION = "23P01"
FRENCH_HOLIDAYS = holidays.country_holidays("FR")
MAX_ABSENCES_LISTED = 500


def interview_read(interview: Interview) -> InterviewRead:
    assert interview.during.lower is not None and interview.during.upper is not None
    return InterviewRead(
        id=interview.id,
        caisse_code=interview.caisse_code,
        counselor_id=interview.counselor_id,
        person_id=interview.person_id,
        action_id=interview.action_id,
        channel=Channel(interview.channel),
        site_id=interview.site_id,
        start=interview.during.lower.astimezone(UTC),
        end=interview.during.upper.astimezone(UTC),
        status=InterviewStatus(interview.status),
    )


async def create_counselor(
    session: AsyncSession, caisse_code: str, body: CounselorCreate
) -> Counselor:
    counselor = Counselor(**body.model_dump(), caisse_code=caisse_code)
    session.add(counselor)
    await session.flush()
    return counselor


async def list_counselors(session: AsyncSession, scope: CaisseScope) -> list[Counselor]:
    query = select(Counselor).order_by(Counselor.full_name)
    if scope.caisse_codes is not None:
        query = query.where(Counselor.caisse_code.in_(scope.caisse_codes))
    return list(await session.scalars(query))


async def create_site(session: AsyncSession, caisse_code: str, body: SiteCreate) -> Site:
    site = Site(**body.model_dump(), caisse_code=caisse_code)
    session.add(site)
    await session.flush()
    return site


async def list_sites(session: AsyncSession, scope: CaisseScope) -> list[Site]:
    query = select(Site).order_by(Site.name)
    if scope.caisse_codes is not None:
        query = query.where(Site.caisse_code.in_(scope.caisse_codes))
    return list(await session.scalars(query))


async def get_counselor(session: AsyncSession, scope: CaisseScope, counselor_id: int) -> Counselor:
    counselor = await session.get(Counselor, counselor_id)
    if counselor is None or not scope.allows(counselor.caisse_code):
        raise NotFound("Conseiller introuvable.", code="counselor.not_found")
    return counselor


async def own_counselor(session: AsyncSession, principal: Principal) -> Counselor:
    """The counselor record linked to the caller's account: the same username (one each,
    both unique), in the caller's caisse."""
    counselor = await session.scalar(
        select(Counselor).where(
            Counselor.username == principal.subject.removeprefix("user:"),
            Counselor.caisse_code == principal.caisse_code,
        )
    )
    if counselor is None or not principal.subject.startswith("user:"):
        raise NotFound(
            "Aucune fiche conseiller n'est liée à votre compte.", code="scheduling.not_found"
        )
    return counselor


async def get_site(session: AsyncSession, caisse_code: str, site_id: int) -> Site:
    site = await session.get(Site, site_id)
    if site is None or site.caisse_code != caisse_code:
        raise NotFound("Site introuvable.", code="site.not_found")
    return site


async def replace_opening_hours(
    session: AsyncSession, counselor: Counselor, periods: Sequence[OpeningPeriod]
) -> list[OpeningHours]:
    for period in periods:
        if period.site_id is not None:
            await get_site(session, counselor.caisse_code, period.site_id)
    await session.execute(delete(OpeningHours).where(OpeningHours.counselor_id == counselor.id))
    rows = [
        OpeningHours(counselor_id=counselor.id, **period.model_dump(mode="python"))
        for period in periods
    ]
    for row in rows:
        row.channel = Channel(row.channel).value
    session.add_all(rows)
    await session.flush()
    return rows


async def opening_hours(session: AsyncSession, counselor: Counselor) -> list[OpeningHours]:
    """The counselor's weekly periods, by weekday then start."""
    rows = await session.scalars(
        select(OpeningHours)
        .where(OpeningHours.counselor_id == counselor.id)
        .order_by(OpeningHours.weekday, OpeningHours.starts_at)
    )
    return list(rows)


async def add_absence(session: AsyncSession, counselor: Counselor, body: AbsenceCreate) -> Absence:
    absence = Absence(
        counselor_id=counselor.id, during=Range(body.starts, body.ends), reason=body.reason
    )
    session.add(absence)
    await session.flush()
    return absence


def absence_read(absence: Absence) -> AbsenceRead:
    assert absence.during.lower is not None and absence.during.upper is not None
    return AbsenceRead(
        id=absence.id,
        starts=absence.during.lower.astimezone(UTC),
        ends=absence.during.upper.astimezone(UTC),
        reason=absence.reason,
    )


async def absences(session: AsyncSession, counselor: Counselor, since: datetime) -> list[Absence]:
    """The counselor's absences ending after ``since``, in order (the first 500)."""
    rows = await session.scalars(
        select(Absence)
        .where(Absence.counselor_id == counselor.id, func.upper(Absence.during) > since)
        .order_by(Absence.during)
        .limit(MAX_ABSENCES_LISTED)
    )
    return list(rows)


async def get_absence(session: AsyncSession, counselor: Counselor, absence_id: int) -> Absence:
    absence = await session.get(Absence, absence_id)
    if absence is None or absence.counselor_id != counselor.id:
        raise NotFound("Absence introuvable.", code="scheduling.not_found")
    return absence


async def update_absence(session: AsyncSession, absence: Absence, body: AbsenceUpdate) -> Absence:
    current = absence_read(absence)
    starts, ends = body.starts or current.starts, body.ends or current.ends
    if starts >= ends:
        field = "ends" if body.ends is not None else "starts"
        raise Unprocessable(
            "Le début de l'absence doit précéder sa fin.",
            errors=[FieldError(field=field, location="body", message="le début suit la fin")],
            code="scheduling.invalid",
        )
    absence.during = Range(starts, ends)
    if body.reason is not None:
        absence.reason = body.reason
    await session.flush()
    return absence


async def delete_absence(session: AsyncSession, absence: Absence) -> None:
    await session.delete(absence)
    await session.flush()


def refusal(start: datetime, end: datetime, now: datetime) -> str | None:
    """Why a time cannot be booked by anyone, or None."""
    if start <= now:
        return "Cet horaire est passé."
    local_day = start.astimezone(LOCAL_TIME).date()
    if local_day in FRENCH_HOLIDAYS:
        return f"Le {french_day(local_day)} est férié ({FRENCH_HOLIDAYS[local_day]})."
    if end.astimezone(LOCAL_TIME).date() != local_day:
        return "Un entretien commence et finit le même jour."
    return None


async def counselor_refusal(
    session: AsyncSession,
    counselor: Counselor,
    channel: Channel,
    site_id: int | None,
    start: datetime,
    end: datetime,
) -> str | None:
    """Why this counselor cannot take this time (outside opening hours, absent), or None."""
    local_start, local_end = start.astimezone(LOCAL_TIME), end.astimezone(LOCAL_TIME)
    covering = (
        select(OpeningHours.id)
        .where(
            OpeningHours.counselor_id == counselor.id,
            OpeningHours.weekday == local_start.weekday(),
            OpeningHours.channel == channel.value,
            OpeningHours.site_id.is_(None) if site_id is None else OpeningHours.site_id == site_id,
            OpeningHours.starts_at <= local_start.time(),
            OpeningHours.ends_at >= local_end.time(),
        )
        .exists()
    )
    absent = (
        select(Absence.id)
        .where(Absence.counselor_id == counselor.id, Absence.during.overlaps(Range(start, end)))
        .exists()
    )
    is_open, is_absent = (await session.execute(select(covering, absent))).one()
    if not is_open:
        return "Cet horaire est hors des heures d'ouverture du conseiller pour ce canal et ce site."
    if is_absent:
        return "Le conseiller est absent à cette heure."
    return None


async def candidates(session: AsyncSession, caisse_code: str, start: datetime) -> list[Counselor]:
    """Active counselors of a caisse, least loaded first (booked interviews that week),
    then by id, which rotates evenly among equally loaded counselors."""
    week_start = (
        start.astimezone(LOCAL_TIME) - timedelta(days=start.astimezone(LOCAL_TIME).weekday())
    ).replace(hour=0, minute=0, second=0, microsecond=0)
    load = (
        select(func.count())
        .where(
            Interview.counselor_id == Counselor.id,
            Interview.status != InterviewStatus.CANCELLED.value,
            Interview.during.overlaps(Range(week_start, week_start + timedelta(days=7))),
        )
        .correlate(Counselor)
        .scalar_subquery()
    )
    rows = await session.scalars(
        select(Counselor)
        .where(Counselor.caisse_code == caisse_code, Counselor.active)
        .order_by(load, Counselor.id)
    )
    return list(rows)


async def _write_unless_overlapping(
    session: AsyncSession, change: Callable[[], object], *, then_retry: bool
) -> None:
    """Applies ``change`` and flushes it; the exclusion constraint's refusal becomes a 409.
    With ``then_retry`` the flush runs in a savepoint (which flushes what was pending before
    it, so the change is made inside), leaving the transaction usable for another attempt;
    otherwise the refusal ends the request, and two round trips are saved."""
    try:
        if then_retry:
            async with session.begin_nested():
                change()
                await session.flush()
        else:
            change()
            await session.flush()
    except IntegrityError as exc:
        if getattr(exc.orig, "sqlstate", None) == EXCLUSION_VIOLATION:
            raise Conflict(
                "Le conseiller a déjà un entretien à cette heure.", code="scheduling.counselor_busy"
            ) from exc
        raise


async def reserve(
    session: AsyncSession,
    principal: Principal,
    counselor: Counselor,
    *,
    person_id: int,
    action_id: int,
    channel: Channel,
    site_id: int | None,
    start: datetime,
    end: datetime,
    buffer: timedelta = timedelta(0),
    then_retry: bool = False,
) -> Interview:
    """Inserts the interview; one of the counselor overlapping it or its buffer is a 409
    (from Postgres)."""
    interview = Interview(
        id=uuid.uuid4(),
        caisse_code=counselor.caisse_code,
        counselor_id=counselor.id,
        person_id=person_id,
        action_id=action_id,
        channel=channel.value,
        site_id=site_id,
        during=Range(start, end),
        blocked=Range(start, end + buffer),
        created_by=principal.subject,
    )
    await _write_unless_overlapping(session, lambda: session.add(interview), then_retry=then_retry)
    session.add(
        InterviewEvent(
            interview_id=interview.id,
            actor=principal.subject,
            kind="booked",
            detail={"start": start.isoformat(), "counselor_id": counselor.id},
        )
    )
    await audit(session, principal, AuditOperation.CREATE, "interview", interview.id, "booked")
    await mark_invitations_booked(session, person_id, action_id, interview.id)
    await session.flush()
    return interview


async def book(
    session: AsyncSession,
    principal: Principal,
    scope: CaisseScope,
    *,
    caisse_code: str,
    person_id: int,
    action_id: int,
    minutes: int,
    buffer_minutes: int,
    channel: Channel,
    site_id: int | None,
    start: datetime,
    counselor_id: int | None,
) -> Interview:
    """Books with the counselor given or the least loaded free one, then tells the person."""
    interview = await _book(
        session,
        principal,
        scope,
        caisse_code=caisse_code,
        person_id=person_id,
        action_id=action_id,
        minutes=minutes,
        buffer_minutes=buffer_minutes,
        channel=channel,
        site_id=site_id,
        start=start,
        counselor_id=counselor_id,
    )
    await _tell_the_person(session, principal, interview, Change.BOOKED)
    return interview


async def _tell_the_person(
    session: AsyncSession, principal: Principal, interview: Interview, change: Change
) -> None:
    """The confirmation of a booking, a move or a cancellation (see messaging.appointments)."""
    assert interview.during.lower is not None and interview.during.upper is not None
    site = await session.get(Site, interview.site_id) if interview.site_id is not None else None
    appointment = Appointment(
        interview_id=interview.id,
        person_id=interview.person_id,
        action_id=interview.action_id,
        start=interview.during.lower,
        end=interview.during.upper,
        place=f"{site.name}, {site.address}" if site else None,
    )
    await confirm(
        session, appointment, change, by_person=principal.subject.startswith("invitation:")
    )


async def _book(
    session: AsyncSession,
    principal: Principal,
    scope: CaisseScope,
    *,
    caisse_code: str,
    person_id: int,
    action_id: int,
    minutes: int,
    buffer_minutes: int,
    channel: Channel,
    site_id: int | None,
    start: datetime,
    counselor_id: int | None,
) -> Interview:
    end = start + timedelta(minutes=minutes)
    buffer = timedelta(minutes=buffer_minutes)
    if reason := refusal(start, end, datetime.now(UTC)):
        raise Unprocessable(reason, code="scheduling.time_refused")
    if site_id is not None:
        await get_site(session, caisse_code, site_id)
    booking = partial(
        reserve,
        session,
        principal,
        person_id=person_id,
        action_id=action_id,
        channel=channel,
        site_id=site_id,
        start=start,
        end=end,
        buffer=buffer,
    )
    if counselor_id is not None:
        counselor = await get_counselor(session, scope, counselor_id)
        if counselor.caisse_code != caisse_code:
            raise NotFound("Conseiller introuvable.", code="counselor.not_found")
        if reason := await counselor_refusal(session, counselor, channel, site_id, start, end):
            raise Unprocessable(reason, code="scheduling.time_refused")
        return await booking(counselor)
    for counselor in await candidates(session, caisse_code, start):
        if await counselor_refusal(session, counselor, channel, site_id, start, end):
            continue
        try:
            return await booking(counselor, then_retry=True)
        except Conflict:
            continue  # taken meanwhile: the next counselor may be free
    raise Conflict(
        "Aucun conseiller n'est libre à cette heure pour ce canal et ce site.",
        code="scheduling.no_counselor_free",
    )


async def get_interview(
    session: AsyncSession, scope: CaisseScope, interview_id: uuid.UUID
) -> Interview:
    interview = await session.get(Interview, interview_id)
    if interview is None or not scope.allows(interview.caisse_code):
        raise NotFound("Entretien introuvable.", code="interview.not_found")
    return interview


async def _record(
    session: AsyncSession, interview: Interview, principal: Principal, kind: str, **detail: object
) -> None:
    session.add(
        InterviewEvent(interview_id=interview.id, actor=principal.subject, kind=kind, detail=detail)
    )
    await audit(session, principal, AuditOperation.UPDATE, "interview", interview.id, kind)
    await session.flush()


def _require_booked(interview: Interview) -> None:
    if interview.status != InterviewStatus.BOOKED.value:
        raise Conflict(
            f"L'entretien est {interview.status} ; seul un entretien réservé peut changer.",
            code="interview.not_booked",
        )


async def cancel(
    session: AsyncSession, principal: Principal, interview: Interview, reason: str
) -> Interview:
    _require_booked(interview)
    interview.status = InterviewStatus.CANCELLED.value
    await _record(session, interview, principal, "cancelled", reason=reason)
    await _tell_the_person(session, principal, interview, Change.CANCELLED)
    await reopen_invitations(session, interview.id)
    return interview


async def set_outcome(
    session: AsyncSession, principal: Principal, interview: Interview, status: InterviewStatus
) -> Interview:
    _require_booked(interview)
    assert interview.during.lower is not None
    if interview.during.lower > datetime.now(UTC):
        raise Unprocessable(
            "Un entretien qui n'a pas commencé ne peut pas être marqué tenu ou manqué.",
            code="interview.not_started",
        )
    interview.status = status.value
    await _record(session, interview, principal, status.value)
    await follow_interview(
        session, interview.id, "held" if status is InterviewStatus.DONE else "no_show"
    )
    if status is InterviewStatus.DONE:
        await record_contact(
            session,
            kind=ContactKind.INTERVIEW,
            caisse_code=interview.caisse_code,
            person_id=interview.person_id,
            action_id=interview.action_id,
            channel=ContactChannel(interview.channel),
            occurred_at=interview.during.lower,
            source_id=str(interview.id),
        )
    return interview


async def reschedule(
    session: AsyncSession, principal: Principal, interview: Interview, start: datetime
) -> Interview:
    _require_booked(interview)
    assert interview.during.lower is not None and interview.during.upper is not None
    end = start + (interview.during.upper - interview.during.lower)
    if reason := refusal(start, end, datetime.now(UTC)):
        raise Unprocessable(reason, code="scheduling.time_refused")
    counselor = await session.get_one(Counselor, interview.counselor_id)
    channel = Channel(interview.channel)
    if reason := await counselor_refusal(
        session, counselor, channel, interview.site_id, start, end
    ):
        raise Unprocessable(reason, code="scheduling.time_refused")
    previous = interview.during.lower
    assert interview.blocked.upper is not None
    buffer = interview.blocked.upper - interview.during.upper

    def move() -> None:
        interview.during = Range(start, end)
        interview.blocked = Range(start, end + buffer)

    await _write_unless_overlapping(session, move, then_retry=False)
    await _record(
        session,
        interview,
        principal,
        "rescheduled",
        previous=previous.isoformat(),
        start=start.isoformat(),
    )
    await _tell_the_person(session, principal, interview, Change.MOVED)
    return interview


async def history(session: AsyncSession, interview: Interview) -> list[InterviewEvent]:
    rows = await session.scalars(
        select(InterviewEvent)
        .where(InterviewEvent.interview_id == interview.id)
        .order_by(InterviewEvent.id)
    )
    return list(rows)


async def counselor_interviews(
    session: AsyncSession, counselor: Counselor, start: datetime, end: datetime
) -> list[Interview]:
    rows = await session.scalars(
        select(Interview)
        .where(
            and_(
                Interview.counselor_id == counselor.id, Interview.during.overlaps(Range(start, end))
            )
        )
        .order_by(Interview.during)
    )
    return list(rows)


async def agenda(
    session: AsyncSession,
    principal: Principal,
    scope: CaisseScope,
    counselor_id: int,
    start: datetime,
    end: datetime,
) -> tuple[Counselor, list[Interview]]:
    """The counselor's interviews in the window (the persons booked: an audited read)."""
    if end <= start or (end - start).days > 62:
        raise Unprocessable(
            "« end » doit suivre « start », sur 62 jours au plus.",
            errors=[FieldError(field="end", location="query", message="période trop longue")],
            code="scheduling.invalid",
        )
    counselor = await get_counselor(session, scope, counselor_id)
    window = f"{start.isoformat()}/{end.isoformat()}"
    await audit(session, principal, AuditOperation.READ, "agenda", counselor.id, window)
    return counselor, await counselor_interviews(session, counselor, start, end)


async def free_slots(
    session: AsyncSession,
    caisse_code: str,
    *,
    channel: Channel,
    site_id: int | None,
    minutes: int,
    buffer_minutes: int = 0,
    first_day: date,
    last_day: date,
    counselor_id: int | None,
    now: datetime,
) -> list[tuple[Counselor, datetime, datetime]]:
    """Bookable slots: each counselor's opening periods cut into interview-long slots, minus
    the past, public holidays, absences and live interviews. Three queries whatever the range."""
    counselors_query = select(Counselor).where(
        Counselor.caisse_code == caisse_code, Counselor.active
    )
    if counselor_id is not None:
        counselors_query = counselors_query.where(Counselor.id == counselor_id)
    counselors = {c.id: c for c in await session.scalars(counselors_query)}
    if not counselors:
        return []
    range_start = datetime.combine(first_day, time.min, LOCAL_TIME)
    range_end = datetime.combine(last_day + timedelta(days=1), time.min, LOCAL_TIME)
    window = Range(range_start, range_end)
    periods = await session.scalars(
        select(OpeningHours).where(
            OpeningHours.counselor_id.in_(counselors),
            OpeningHours.channel == channel.value,
            OpeningHours.site_id.is_(None) if site_id is None else OpeningHours.site_id == site_id,
        )
    )
    busy: dict[int, list[tuple[float, float]]] = {}
    for owner, during in await session.execute(
        select(Absence.counselor_id, Absence.during)
        .where(Absence.counselor_id.in_(counselors), Absence.during.overlaps(window))
        .union_all(
            select(Interview.counselor_id, Interview.blocked).where(
                Interview.counselor_id.in_(counselors),
                Interview.status != InterviewStatus.CANCELLED.value,
                Interview.blocked.overlaps(window),
            )
        )
    ):
        if during.lower is not None and during.upper is not None:
            busy.setdefault(owner, []).append((during.lower.timestamp(), during.upper.timestamp()))
    blocked = {owner: _merged(intervals) for owner, intervals in busy.items()}
    by_weekday: dict[int, list[OpeningHours]] = {}
    for period in periods:
        by_weekday.setdefault(period.weekday, []).append(period)
    # Epoch seconds: comparing floats is far cheaper than tz-aware datetimes, per slot.
    length, buffer, now_ts = minutes * 60, buffer_minutes * 60, now.timestamp()
    slots = []
    day = first_day
    while day <= last_day:
        if day not in FRENCH_HOLIDAYS:
            for period in by_weekday.get(day.weekday(), []):
                owner = period.counselor_id
                counselor = counselors[owner]
                starts, ends = blocked.get(owner, ([], []))
                start = datetime.combine(day, period.starts_at, LOCAL_TIME).timestamp()
                closing = datetime.combine(day, period.ends_at, LOCAL_TIME).timestamp()
                while start + length <= closing:
                    end = start + length
                    # The first blocked interval ending after this start is the only one
                    # that can overlap the slot and its buffer (intervals merged, sorted).
                    index = bisect_right(ends, start)
                    if start > now_ts and not (
                        index < len(starts) and starts[index] < end + buffer
                    ):
                        slots.append((start, owner, counselor, end))
                    start = end + buffer
        day += timedelta(days=1)
    slots.sort(key=lambda slot: (slot[0], slot[1]))
    return [(counselor, _utc(start), _utc(end)) for start, _, counselor, end in slots]


def _merged(intervals: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """Overlapping intervals merged, as sorted lists of starts and of ends."""
    starts: list[float] = []
    ends: list[float] = []
    for start, end in sorted(intervals):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _utc(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


def agenda_entries(
    interviews: Sequence[Interview], names: Mapping[int, PersonName]
) -> list[AgendaEntry]:
    entries = []
    for interview in interviews:
        name = names.get(interview.person_id)
        entries.append(
            AgendaEntry(
                **interview_read(interview).model_dump(),
                person_first_name=name.first_name if name else None,
                person_last_name=name.last_name if name else None,
            )
        )
    return entries


async def sites_of(session: AsyncSession, interviews: Sequence[Interview]) -> dict[int, Site]:
    ids = {i.site_id for i in interviews if i.site_id is not None}
    if not ids:
        return {}
    return {site.id: site for site in await session.scalars(select(Site).where(Site.id.in_(ids)))}


def agenda_ics(
    counselor: Counselor, interviews: Sequence[Interview], sites: Mapping[int, Site]
) -> bytes:
    """The counselor's interviews as an iCalendar feed (RFC 5545), with the place and the
    channel and no personal data: the agenda in the application says with whom."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//RSI//Politique de contact//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Entretiens — {counselor.full_name}")
    for interview in interviews:
        if interview.status == InterviewStatus.CANCELLED.value:
            continue
        assert interview.during.lower is not None and interview.during.upper is not None
        event = icalendar.Event()
        event.add("uid", f"{interview.id}@rsi-contact")
        event.add("dtstamp", interview.created_at)
        event.add("dtstart", interview.during.lower.astimezone(UTC))
        event.add("dtend", interview.during.upper.astimezone(UTC))
        site = sites.get(interview.site_id) if interview.site_id is not None else None
        channel = "téléphonique" if interview.channel == Channel.PHONE.value else "sur place"
        event.add("summary", f"Entretien de conseil social ({channel})")
        event.add("location", f"{site.name}, {site.address}" if site else "Par téléphone")
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
