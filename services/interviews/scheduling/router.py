import uuid
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime, TypeAdapter
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.ext.asyncio import AsyncSession
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from services.interviews.actions import Actions
from services.interviews.audit import audit
from services.interviews.deps import AgendaReader, AvailabilityEditor, Scheduler, Targeting
from services.interviews.scheduling import service
from services.interviews.scheduling.models import (
    Absence,
    Channel,
    Counselor,
    IdempotencyKey,
    Interview,
    InterviewStatus,
    OpeningHours,
    Site,
)
from services.interviews.scheduling.schemas import (
    AbsenceCreate,
    BookingRequest,
    CancelRequest,
    CounselorCreate,
    CounselorRead,
    InterviewEventRead,
    InterviewRead,
    OpeningHoursUpdate,
    OpeningPeriod,
    RescheduleRequest,
    SiteCreate,
    SiteRead,
    SlotRead,
)
from services.shared import idempotency
from services.shared.audit import AuditOperation
from services.shared.auth import CaisseScope, CurrentCaisseScope, Principal
from services.shared.db import DbSession
from services.shared.errors import FieldError, Unprocessable, problem_responses

router = APIRouter(responses=problem_responses(401, 403))


class SlotJson(TypedDict):
    counselor_id: int
    counselor_name: str
    channel: str
    site_id: int | None
    start: datetime
    end: datetime


_SLOT_LIST = TypeAdapter(list[SlotJson])


def _own_caisse(principal: Principal) -> str:
    if principal.caisse_code is None:
        raise Unprocessable(
            "Seul le personnel d'une caisse gère ses conseillers et ses sites.",
            code="scheduling.caisse_staff_only",
        )
    return principal.caisse_code


@router.post(
    "/counselors",
    status_code=status.HTTP_201_CREATED,
    tags=["availability"],
    responses=problem_responses(409),
)
async def create_counselor(
    body: CounselorCreate, principal: AvailabilityEditor, session: DbSession
) -> CounselorRead:
    """A counselor of the caller's caisse; a username already taken is a 409."""
    counselor = Counselor(**body.model_dump(), caisse_code=_own_caisse(principal))
    session.add(counselor)
    await session.flush()
    return CounselorRead.model_validate(counselor)


@router.get("/counselors", tags=["availability"])
async def list_counselors(
    _: AgendaReader, scope: CurrentCaisseScope, session: DbSession
) -> list[CounselorRead]:
    query = select(Counselor).order_by(Counselor.full_name)
    if scope.caisse_codes is not None:
        query = query.where(Counselor.caisse_code.in_(scope.caisse_codes))
    return [CounselorRead.model_validate(c) for c in await session.scalars(query)]


@router.post("/sites", status_code=status.HTTP_201_CREATED, tags=["availability"])
async def create_site(
    body: SiteCreate, principal: AvailabilityEditor, session: DbSession
) -> SiteRead:
    site = Site(**body.model_dump(), caisse_code=_own_caisse(principal))
    session.add(site)
    await session.flush()
    return SiteRead.model_validate(site)


@router.get("/sites", tags=["availability"])
async def list_sites(_: Scheduler, scope: CurrentCaisseScope, session: DbSession) -> list[SiteRead]:
    query = select(Site).order_by(Site.name)
    if scope.caisse_codes is not None:
        query = query.where(Site.caisse_code.in_(scope.caisse_codes))
    return [SiteRead.model_validate(s) for s in await session.scalars(query)]


@router.get(
    "/counselors/{counselor_id}/opening-hours",
    tags=["availability"],
    responses=problem_responses(404),
)
async def get_opening_hours(
    counselor_id: int, _: AgendaReader, scope: CurrentCaisseScope, session: DbSession
) -> list[OpeningPeriod]:
    """The counselor's weekly opening hours (local time, Europe/Paris)."""
    counselor = await service.get_counselor(session, scope, counselor_id)
    rows = await session.scalars(
        select(OpeningHours)
        .where(OpeningHours.counselor_id == counselor.id)
        .order_by(OpeningHours.weekday, OpeningHours.starts_at)
    )
    return [OpeningPeriod.model_validate(row) for row in rows]


@router.put(
    "/counselors/{counselor_id}/opening-hours",
    tags=["availability"],
    responses=problem_responses(404),
)
async def set_opening_hours(
    counselor_id: int,
    body: OpeningHoursUpdate,
    _: AvailabilityEditor,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> list[OpeningPeriod]:
    """Replaces the counselor's weekly opening hours (local time, Europe/Paris)."""
    counselor = await service.get_counselor(session, scope, counselor_id)
    rows = await service.replace_opening_hours(session, counselor, body.periods)
    return [OpeningPeriod.model_validate(row) for row in rows]


@router.post(
    "/counselors/{counselor_id}/absences",
    status_code=status.HTTP_201_CREATED,
    tags=["availability"],
    responses=problem_responses(404),
)
async def add_absence(
    counselor_id: int,
    body: AbsenceCreate,
    _: AvailabilityEditor,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> AbsenceCreate:
    counselor = await service.get_counselor(session, scope, counselor_id)
    session.add(
        Absence(counselor_id=counselor.id, during=Range(body.starts, body.ends), reason=body.reason)
    )
    await session.flush()
    return body


@router.post(
    "/interviews",
    status_code=status.HTTP_201_CREATED,
    tags=["interviews"],
    response_model=InterviewRead,
    responses=problem_responses(404, 409),
)
async def book_interview(
    body: BookingRequest,
    principal: Scheduler,
    scope: CurrentCaisseScope,
    session: DbSession,
    targeting: Targeting,
    actions: Actions,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            description="Replaying a POST with the same key returns the first answer.",
        ),
    ] = None,
) -> InterviewRead | Response:
    """Book an interview: a given counselor, or the least loaded one available."""
    if idempotency_key is not None:
        replay = await idempotency.claim(session, IdempotencyKey, principal, idempotency_key, body)
        if replay is not None:
            return JSONResponse(replay.body, status_code=replay.status_code)
    person = await targeting.person(principal, body.person_id, purpose="prise de rendez-vous")
    action = await actions.interview_action(targeting, principal, body.action_id)
    interview = await service.book(
        session,
        principal,
        scope,
        caisse_code=person.caisse_code,
        person_id=body.person_id,
        action_id=body.action_id,
        minutes=action.interview_minutes,
        buffer_minutes=action.buffer_minutes,
        channel=body.channel,
        site_id=body.site_id,
        start=body.start,
        counselor_id=body.counselor_id,
    )
    booked = service.interview_read(interview)
    if idempotency_key is not None:
        await idempotency.remember(
            session, IdempotencyKey, principal, idempotency_key, status.HTTP_201_CREATED, booked
        )
    return booked


@router.get(
    "/slots", tags=["interviews"], response_model=list[SlotRead], responses=problem_responses(404)
)
async def search_slots(
    action_id: Annotated[int, Query(ge=1)],
    channel: Annotated[Channel, Query()],
    first_day: Annotated[date, Query(alias="from")],
    last_day: Annotated[date, Query(alias="to")],
    principal: Scheduler,
    session: DbSession,
    targeting: Targeting,
    actions: Actions,
    site_id: Annotated[int | None, Query()] = None,
    counselor_id: Annotated[int | None, Query()] = None,
    caisse_code: Annotated[str | None, Query(max_length=20, description="Admin only.")] = None,
) -> Response:
    """Free slots of the caller's caisse for an action (its interview length), a channel and
    a site, between two days (at most 31)."""
    if not 0 <= (last_day - first_day).days <= 31:
        raise Unprocessable(
            "« to » doit suivre ou égaler « from », sur 31 jours au plus.",
            code="scheduling.bad_range",
            errors=[FieldError(field="to", location="query", message="période trop longue")],
        )
    caisse = principal.caisse_code or caisse_code
    if caisse is None:
        raise Unprocessable("Précisez la caisse (caisse_code).", code="scheduling.caisse_required")
    if (channel is Channel.IN_PERSON) != (site_id is not None):
        raise Unprocessable(
            "En présentiel, un site_id est nécessaire ; par téléphone, aucun.",
            code="scheduling.site_channel",
        )
    if site_id is not None:
        await service.get_site(session, caisse, site_id)
    action = await actions.interview_action(targeting, principal, action_id)
    slots = await service.free_slots(
        session,
        caisse,
        channel=channel,
        site_id=site_id,
        minutes=action.interview_minutes,
        buffer_minutes=action.buffer_minutes,
        first_day=first_day,
        last_day=last_day,
        counselor_id=counselor_id,
        now=datetime.now(UTC),
    )
    # Thousands of slots per search: plain dicts, serialised once (the contract is SlotRead).
    items: list[SlotJson] = [
        {
            "counselor_id": counselor.id,
            "counselor_name": counselor.full_name,
            "channel": channel.value,
            "site_id": site_id,
            "start": start,
            "end": end,
        }
        for counselor, start, end in slots
    ]
    return Response(_SLOT_LIST.dump_json(items), media_type="application/json")


@router.get("/interviews/{interview_id}", tags=["interviews"], responses=problem_responses(404))
async def get_interview(
    interview_id: uuid.UUID, principal: Scheduler, scope: CurrentCaisseScope, session: DbSession
) -> InterviewRead:
    interview = await service.get_interview(session, scope, interview_id)
    await audit(session, principal, AuditOperation.READ, "interview", interview.id)
    return service.interview_read(interview)


@router.get(
    "/interviews/{interview_id}/history", tags=["interviews"], responses=problem_responses(404)
)
async def interview_history(
    interview_id: uuid.UUID, principal: Scheduler, scope: CurrentCaisseScope, session: DbSession
) -> list[InterviewEventRead]:
    interview = await service.get_interview(session, scope, interview_id)
    await audit(session, principal, AuditOperation.READ, "interview_history", interview.id)
    return [InterviewEventRead.model_validate(e) for e in await service.history(session, interview)]


@router.post(
    "/interviews/{interview_id}/cancel", tags=["interviews"], responses=problem_responses(404, 409)
)
async def cancel_interview(
    interview_id: uuid.UUID,
    body: CancelRequest,
    principal: Scheduler,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> InterviewRead:
    interview = await service.get_interview(session, scope, interview_id)
    return service.interview_read(await service.cancel(session, principal, interview, body.reason))


@router.post(
    "/interviews/{interview_id}/reschedule",
    tags=["interviews"],
    responses=problem_responses(404, 409),
)
async def reschedule_interview(
    interview_id: uuid.UUID,
    body: RescheduleRequest,
    principal: Scheduler,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> InterviewRead:
    interview = await service.get_interview(session, scope, interview_id)
    return service.interview_read(
        await service.reschedule(session, principal, interview, body.start)
    )


@router.post(
    "/interviews/{interview_id}/outcome",
    tags=["interviews"],
    responses=problem_responses(404, 409),
)
async def record_outcome(
    interview_id: uuid.UUID,
    outcome: Annotated[InterviewStatus, Query(description="done or no_show")],
    principal: Scheduler,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> InterviewRead:
    """Mark an interview that has started as held (done) or missed (no_show)."""
    if outcome not in (InterviewStatus.DONE, InterviewStatus.NO_SHOW):
        raise Unprocessable("Le résultat est done ou no_show.", code="interview.bad_outcome")
    interview = await service.get_interview(session, scope, interview_id)
    return service.interview_read(await service.set_outcome(session, principal, interview, outcome))


async def _agenda(
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
            code="scheduling.bad_range",
            errors=[FieldError(field="end", location="query", message="période trop longue")],
        )
    counselor = await service.get_counselor(session, scope, counselor_id)
    window = f"{start.isoformat()}/{end.isoformat()}"
    await audit(session, principal, AuditOperation.READ, "agenda", counselor.id, window)
    return counselor, await service.counselor_interviews(session, counselor, start, end)


@router.get(
    "/counselors/{counselor_id}/agenda.ics",
    tags=["agenda"],
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, **problem_responses(404)},
)
async def counselor_agenda_ics(
    counselor_id: int,
    start: Annotated[AwareDatetime, Query()],
    end: Annotated[AwareDatetime, Query()],
    principal: AgendaReader,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> Response:
    """The same agenda as an iCalendar file, for the counselor's calendar application."""
    counselor, rows = await _agenda(session, principal, scope, counselor_id, start, end)
    return Response(
        service.agenda_ics(counselor, rows),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="agenda-{counselor_id}.ics"'},
    )


@router.get(
    "/counselors/{counselor_id}/interviews", tags=["agenda"], responses=problem_responses(404)
)
async def counselor_agenda(
    counselor_id: int,
    start: Annotated[AwareDatetime, Query()],
    end: Annotated[AwareDatetime, Query()],
    principal: AgendaReader,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> list[InterviewRead]:
    """A counselor's interviews between two instants (a week of the agenda)."""
    rows = (await _agenda(session, principal, scope, counselor_id, start, end))[1]
    return [service.interview_read(r) for r in rows]
