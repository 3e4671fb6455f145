"""Collective meetings: capacity with a waiting list, check-in at the door."""

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.contacts.models import ContactChannel, ContactKind
from services.interviews.contacts.service import record_contact
from services.interviews.gateways import Person, TargetingGateway
from services.interviews.meetings.models import (
    Meeting,
    MeetingKind,
    MeetingStatus,
    Registration,
    RegistrationStatus,
)
from services.interviews.meetings.schemas import (
    MeetingCreate,
    MeetingRead,
    MeetingUpdate,
    RegistrationRead,
)
from services.shared.auth import CaisseScope, Principal
from services.shared.errors import Conflict, FieldError, NotFound, Unprocessable
from services.shared.local_time import LOCAL_TIME


def _invalid(field: str, message: str, detail: str, code: str) -> Unprocessable:
    return Unprocessable(
        detail, code=code, errors=[FieldError(field=field, location="body", message=message)]
    )


async def create(
    session: AsyncSession,
    targeting: TargetingGateway,
    principal: Principal,
    body: MeetingCreate,
) -> Meeting:
    assert principal.caisse_code is not None  # organisers are a caisse's staff
    action = await targeting.action(principal, body.action_id)
    if action.contact_type != "collective_meeting":
        raise _invalid(
            "action_id",
            "pas une action de rencontres",
            "Cette action ne comporte pas de rencontres.",
            "meeting.not_a_meeting_action",
        )
    if body.kind is MeetingKind.TRADE_SHOW:
        if not body.partner_event:
            raise _invalid(
                "partner_event",
                "obligatoire",
                "Une rencontre sur un salon nomme l'événement qui l'accueille.",
                "meeting.partner_event_required",
            )
        categories = await targeting.professional_categories(principal)
        with_risks = {c.name for c in categories if c.has_risk_information}
        if body.professional_category not in with_risks:
            raise _invalid(
                "professional_category",
                "sans information sur les risques professionnels",
                "Les rencontres sur un salon visent une catégorie professionnelle dotée "
                "d'informations sur les risques professionnels.",
                "meeting.category_without_risks",
            )
    meeting = Meeting(
        caisse_code=principal.caisse_code,
        created_by=principal.subject,
        **body.model_dump(),
    )
    session.add(meeting)
    await session.flush()
    await session.refresh(meeting)
    return meeting


async def get(
    session: AsyncSession, scope: CaisseScope, meeting_id: int, *, for_update: bool = False
) -> Meeting:
    meeting = await session.get(Meeting, meeting_id, with_for_update=for_update)
    if meeting is None or not scope.allows(meeting.caisse_code):
        raise NotFound("Rencontre introuvable.", code="meeting.not_found")
    return meeting


async def read(session: AsyncSession, meeting: Meeting) -> MeetingRead:
    counts = await _counts(session, [meeting.id])
    return _read(meeting, counts.get(meeting.id, (0, 0, 0)))


def _read(meeting: Meeting, counts: tuple[int, int, int]) -> MeetingRead:
    registered, waitlisted, attended = counts
    return MeetingRead.model_validate(meeting).model_copy(
        update={"registered": registered, "waitlisted": waitlisted, "attended": attended}
    )


async def _counts(
    session: AsyncSession, meeting_ids: Sequence[int]
) -> dict[int, tuple[int, int, int]]:
    r = Registration
    rows = await session.execute(
        select(
            r.meeting_id,
            func.count().filter(r.status == RegistrationStatus.REGISTERED.value),
            func.count().filter(r.status == RegistrationStatus.WAITLISTED.value),
            func.count(r.checked_in_at),
        )
        .where(r.meeting_id.in_(meeting_ids))
        .group_by(r.meeting_id)
    )
    return {meeting_id: (a, b, c) for meeting_id, a, b, c in rows}


async def list_meetings(
    session: AsyncSession, scope: CaisseScope, action_id: int | None
) -> list[MeetingRead]:
    statement = select(Meeting).order_by(Meeting.starts_at.desc()).limit(500)
    if scope.caisse_codes is not None:
        statement = statement.where(Meeting.caisse_code.in_(scope.caisse_codes))
    if action_id is not None:
        statement = statement.where(Meeting.action_id == action_id)
    meetings = (await session.scalars(statement)).all()
    counts = await _counts(session, [m.id for m in meetings])
    return [_read(m, counts.get(m.id, (0, 0, 0))) for m in meetings]


async def update(session: AsyncSession, meeting: Meeting, body: MeetingUpdate) -> Meeting:
    changes = body.model_dump(exclude_unset=True)
    if "capacity" in changes:
        registered = await _registered(session, meeting.id)
        if changes["capacity"] < registered:
            raise _invalid(
                "capacity",
                "inférieure aux inscriptions",
                f"{registered} personnes sont inscrites : la capacité ne peut pas descendre "
                "en dessous.",
                "meeting.capacity_below_registrations",
            )
    for name, value in changes.items():
        setattr(meeting, name, value)
    await session.flush()
    if "capacity" in changes:
        await _promote_waitlist(session, meeting)
    await session.refresh(meeting)
    return meeting


async def _registered(session: AsyncSession, meeting_id: int) -> int:
    return (
        await session.scalar(
            select(func.count()).where(
                Registration.meeting_id == meeting_id,
                Registration.status == RegistrationStatus.REGISTERED.value,
            )
        )
        or 0
    )


async def register(
    session: AsyncSession,
    targeting: TargetingGateway,
    principal: Principal,
    scope: CaisseScope,
    meeting_id: int,
    person_id: int,
    outside_target_reason: str | None = None,
) -> Registration:
    """A seat while there is one, else the waiting list. The meeting row is locked, so two
    registrations for the last seat are decided one after the other. A person outside the
    meeting's target is registered only with a reason."""
    meeting = await get(session, scope, meeting_id, for_update=True)
    if meeting.status != MeetingStatus.PLANNED.value:
        raise Conflict(
            f"La rencontre est {meeting.status} : les inscriptions sont closes.",
            code="meeting.closed",
        )
    person = await targeting.person(principal, person_id)
    if person.caisse_code != meeting.caisse_code:
        raise NotFound("Personne introuvable.", code="person.not_found")
    if await session.scalar(
        select(Registration.id).where(
            Registration.meeting_id == meeting.id, Registration.person_id == person_id
        )
    ):
        raise Conflict(
            "Cette personne est déjà inscrite à la rencontre.", code="meeting.already_registered"
        )
    if (why := outside_target(meeting, person)) and not outside_target_reason:
        raise _invalid(
            "outside_target_reason",
            "hors de la cible de la rencontre",
            f"{why} : indiquez le motif pour l'inscrire malgré tout.",
            "meeting.outside_target",
        )
    full = await _registered(session, meeting.id) >= meeting.capacity
    registration = Registration(
        meeting_id=meeting.id,
        person_id=person_id,
        display_name=f"{person.first_name} {person.last_name.upper()}",
        status=(RegistrationStatus.WAITLISTED if full else RegistrationStatus.REGISTERED).value,
        outside_target_reason=outside_target_reason if why else None,
        registered_by=principal.subject,
    )
    session.add(registration)
    await session.flush()
    await session.refresh(registration)
    return registration


def outside_target(meeting: Meeting, person: Person) -> str | None:
    """Why the person is outside the meeting's target, or None: an auto-entrepreneurs meeting
    is for auto-entrepreneurs, a trade-show meeting for its professional category."""
    if meeting.kind == MeetingKind.AUTO_ENTREPRENEURS.value and not person.auto_entrepreneur:
        return "La personne n'est pas auto-entrepreneur"
    category = meeting.professional_category
    trade_show = meeting.kind == MeetingKind.TRADE_SHOW.value
    if trade_show and category and person.professional_category != category:
        return f"La personne n'est pas de la catégorie « {category} »"
    return None


async def registration_read(session: AsyncSession, registration: Registration) -> RegistrationRead:
    """The registration, with its place on the waiting list (1 = next seat freed)."""
    item = RegistrationRead.model_validate(registration)
    if registration.status == RegistrationStatus.WAITLISTED.value:
        ahead = await session.scalar(
            select(func.count()).where(
                Registration.meeting_id == registration.meeting_id,
                Registration.status == RegistrationStatus.WAITLISTED.value,
                tuple_(Registration.registered_at, Registration.id)
                < tuple_(registration.registered_at, registration.id),
            )
        )
        item.waitlist_position = (ahead or 0) + 1
    return item


async def list_registrations(session: AsyncSession, meeting: Meeting) -> list[RegistrationRead]:
    registrations = (
        await session.scalars(
            select(Registration)
            .where(Registration.meeting_id == meeting.id)
            .order_by(Registration.registered_at, Registration.id)
        )
    ).all()
    position = 0
    result = []
    for registration in registrations:
        item = RegistrationRead.model_validate(registration)
        if registration.status == RegistrationStatus.WAITLISTED.value:
            position += 1
            item.waitlist_position = position
        result.append(item)
    return result


async def get_registration(
    session: AsyncSession, meeting: Meeting, registration_id: int
) -> Registration:
    registration = await session.get(Registration, registration_id)
    if registration is None or registration.meeting_id != meeting.id:
        raise NotFound("Inscription introuvable.", code="registration.not_found")
    return registration


async def cancel_registration(
    session: AsyncSession, meeting: Meeting, registration: Registration
) -> Registration:
    if registration.checked_in_at is not None:
        raise Conflict(
            "La personne est venue : l'inscription ne peut plus être annulée.",
            code="registration.attended",
        )
    if registration.status == RegistrationStatus.CANCELLED.value:
        raise Conflict("L'inscription est déjà annulée.", code="registration.already_cancelled")
    registration.status = RegistrationStatus.CANCELLED.value
    await session.flush()
    await _promote_waitlist(session, meeting)
    await session.refresh(registration)
    return registration


async def _promote_waitlist(session: AsyncSession, meeting: Meeting) -> None:
    """Seats freed go to the waiting list, first come first served."""
    free = meeting.capacity - await _registered(session, meeting.id)
    if free <= 0:
        return
    waiting = (
        await session.scalars(
            select(Registration)
            .where(
                Registration.meeting_id == meeting.id,
                Registration.status == RegistrationStatus.WAITLISTED.value,
            )
            .order_by(Registration.registered_at, Registration.id)
            .limit(free)
        )
    ).all()
    for registration in waiting:
        registration.status = RegistrationStatus.REGISTERED.value
    await session.flush()


async def check_in(
    session: AsyncSession, meeting: Meeting, registration: Registration
) -> Registration:
    if meeting.status == MeetingStatus.CANCELLED.value:
        raise Conflict("La rencontre a été annulée.", code="meeting.cancelled")
    if registration.status != RegistrationStatus.REGISTERED.value:
        raise Conflict(
            f"L'inscription est {registration.status} : inscrivez d'abord la personne.",
            code="registration.not_registered",
        )
    if registration.checked_in_at is not None:
        raise Conflict(
            "La personne est déjà pointée présente.", code="registration.already_checked_in"
        )
    day = meeting.starts_at.astimezone(LOCAL_TIME).date()
    if datetime.now(LOCAL_TIME).date() != day:
        raise Conflict(
            f"L'émargement n'est possible que le jour de la rencontre, le {day:%d/%m/%Y}.",
            code="meeting.not_the_day",
            extensions={"reason": "not_the_day", "meeting_day": day.isoformat()},
        )
    registration.checked_in_at = datetime.now(UTC)
    if meeting.status == MeetingStatus.PLANNED.value:
        meeting.status = MeetingStatus.HELD.value
    await record_contact(
        session,
        kind=ContactKind.MEETING,
        caisse_code=meeting.caisse_code,
        person_id=registration.person_id,
        action_id=meeting.action_id,
        channel=ContactChannel.COLLECTIVE,
        occurred_at=meeting.starts_at,
        source_id=str(meeting.id),
    )
    await session.flush()
    await session.refresh(registration)
    return registration
