import contextlib
import uuid
from datetime import UTC, date, datetime, time
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime, TypeAdapter
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from services.interviews.actions import Actions
from services.interviews.audit import audit
from services.interviews.deps import AgendaReader, AvailabilityEditor, Scheduler, Targeting
from services.interviews.scheduling import service
from services.interviews.scheduling.models import Channel, IdempotencyKey, InterviewStatus
from services.interviews.scheduling.schemas import (
    AbsenceCreate,
    AbsenceRead,
    AbsenceUpdate,
    AgendaEntry,
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
from services.shared.auth import CurrentCaisseScope, Principal
from services.shared.db import DbSession
from services.shared.errors import (
    FieldError,
    ServiceUnavailable,
    Unprocessable,
    problem_responses,
)
from services.shared.local_time import LOCAL_TIME

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
    counselor = await service.create_counselor(session, _own_caisse(principal), body)
    return CounselorRead.model_validate(counselor)


@router.get("/counselors", tags=["availability"])
async def list_counselors(
    _: AgendaReader, scope: CurrentCaisseScope, session: DbSession
) -> list[CounselorRead]:
    return [CounselorRead.model_validate(c) for c in await service.list_counselors(session, scope)]


@router.get("/counselors/me", tags=["availability"], responses=problem_responses(404))
async def my_counselor(principal: AgendaReader, session: DbSession) -> CounselorRead:
    """The caller's own counselor record (its username is the account's): "my agenda" is
    then ``/counselors/{id}/interviews`` with this id. 404 when the account has none."""
    return CounselorRead.model_validate(await service.own_counselor(session, principal))


@router.post("/sites", status_code=status.HTTP_201_CREATED, tags=["availability"])
async def create_site(
    body: SiteCreate, principal: AvailabilityEditor, session: DbSession
) -> SiteRead:
    site = await service.create_site(session, _own_caisse(principal), body)
    return SiteRead.model_validate(site)


@router.get("/sites", tags=["availability"])
async def list_sites(_: Scheduler, scope: CurrentCaisseScope, session: DbSession) -> list[SiteRead]:
    return [SiteRead.model_validate(s) for s in await service.list_sites(session, scope)]


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
    return [
        OpeningPeriod.model_validate(row) for row in await service.opening_hours(session, counselor)
    ]


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
) -> AbsenceRead:
    counselor = await service.get_counselor(session, scope, counselor_id)
    return service.absence_read(await service.add_absence(session, counselor, body))


@router.get(
    "/counselors/{counselor_id}/absences",
    tags=["availability"],
    responses=problem_responses(404),
)
async def list_absences(
    counselor_id: int,
    _: AgendaReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    since: Annotated[
        date | None, Query(alias="from", description="Ending on or after this day; default today.")
    ] = None,
) -> list[AbsenceRead]:
    """The counselor's absences, current and coming (or since a day), in order; at most 500."""
    counselor = await service.get_counselor(session, scope, counselor_id)
    first = since or datetime.now(LOCAL_TIME).date()
    rows = await service.absences(session, counselor, datetime.combine(first, time.min, LOCAL_TIME))
    return [service.absence_read(row) for row in rows]


@router.patch(
    "/counselors/{counselor_id}/absences/{absence_id}",
    tags=["availability"],
    responses=problem_responses(404),
)
async def update_absence(
    counselor_id: int,
    absence_id: int,
    body: AbsenceUpdate,
    _: AvailabilityEditor,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> AbsenceRead:
    counselor = await service.get_counselor(session, scope, counselor_id)
    absence = await service.get_absence(session, counselor, absence_id)
    return service.absence_read(await service.update_absence(session, absence, body))


@router.delete(
    "/counselors/{counselor_id}/absences/{absence_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["availability"],
    responses=problem_responses(404),
)
async def delete_absence(
    counselor_id: int,
    absence_id: int,
    _: AvailabilityEditor,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> Response:
    counselor = await service.get_counselor(session, scope, counselor_id)
    await service.delete_absence(session, await service.get_absence(session, counselor, absence_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


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
    counselor, rows = await service.agenda(session, principal, scope, counselor_id, start, end)
    return Response(
        service.agenda_ics(counselor, rows, await service.sites_of(session, rows)),
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
    targeting: Targeting,
) -> list[AgendaEntry]:
    """A counselor's interviews between two instants (a week of the agenda), with the
    persons' names (read from the registry, audited there; left empty while it is down)."""
    rows = (await service.agenda(session, principal, scope, counselor_id, start, end))[1]
    names = {}
    if rows:
        with contextlib.suppress(ServiceUnavailable):
            ids = (row.person_id for row in rows)
            names = await targeting.person_names(principal, ids, purpose="agenda du conseiller")
    return service.agenda_entries(rows, names)
