from typing import Annotated

from fastapi import APIRouter, Query, status

from services.interviews.audit import audit
from services.interviews.deps import CaisseStaff, StaffReader, Targeting
from services.interviews.meetings import service
from services.interviews.meetings.schemas import (
    MeetingCreate,
    MeetingRead,
    MeetingUpdate,
    RegistrationCreate,
    RegistrationRead,
)
from services.shared.audit import AuditOperation
from services.shared.auth import CurrentCaisseScope
from services.shared.db import DbSession
from services.shared.errors import problem_responses

router = APIRouter(tags=["meetings"], responses=problem_responses(401, 403))


@router.post(
    "/meetings", status_code=status.HTTP_201_CREATED, responses=problem_responses(404, 422)
)
async def create_meeting(
    body: MeetingCreate, principal: CaisseStaff, session: DbSession, targeting: Targeting
) -> MeetingRead:
    """A trade-show meeting names its event and a professional category with
    professional-risk information."""
    return await service.read(session, await service.create(session, targeting, principal, body))


@router.get("/meetings")
async def list_meetings(
    _: StaffReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    action_id: Annotated[int | None, Query()] = None,
) -> list[MeetingRead]:
    return await service.list_meetings(session, scope, action_id)


@router.get("/meetings/{meeting_id}", responses=problem_responses(404))
async def get_meeting(
    meeting_id: int, _: StaffReader, scope: CurrentCaisseScope, session: DbSession
) -> MeetingRead:
    return await service.read(session, await service.get(session, scope, meeting_id))


@router.patch("/meetings/{meeting_id}", responses=problem_responses(404, 422))
async def update_meeting(
    meeting_id: int,
    body: MeetingUpdate,
    _: CaisseStaff,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> MeetingRead:
    """Topics covered, notes, status; a larger capacity seats the waiting list."""
    meeting = await service.get(session, scope, meeting_id, for_update=True)
    return await service.read(session, await service.update(session, meeting, body))


@router.get("/meetings/{meeting_id}/registrations", responses=problem_responses(404))
async def list_registrations(
    meeting_id: int, principal: StaffReader, scope: CurrentCaisseScope, session: DbSession
) -> list[RegistrationRead]:
    """Who registered, the waiting list in order, who came. Audited."""
    meeting = await service.get(session, scope, meeting_id)
    await audit(session, principal, AuditOperation.READ, "meeting_registrations", meeting.id)
    return await service.list_registrations(session, meeting)


@router.post(
    "/meetings/{meeting_id}/registrations",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(404, 409),
)
async def register_person(
    meeting_id: int,
    body: RegistrationCreate,
    principal: CaisseStaff,
    scope: CurrentCaisseScope,
    session: DbSession,
    targeting: Targeting,
) -> RegistrationRead:
    """A seat, or the waiting list when the meeting is full (with the place in it);
    registering twice is a 409, a person outside the meeting's target needs a reason."""
    registration = await service.register(
        session, targeting, principal, scope, meeting_id, body.person_id, body.outside_target_reason
    )
    outside = ", outside the target" if registration.outside_target_reason else ""
    await audit(
        session,
        principal,
        AuditOperation.CREATE,
        "meeting_registration",
        registration.id,
        f"meeting {meeting_id}, {registration.status}{outside}",
    )
    return await service.registration_read(session, registration)


@router.post(
    "/meetings/{meeting_id}/registrations/{registration_id}/cancel",
    responses=problem_responses(404, 409),
)
async def cancel_registration(
    meeting_id: int,
    registration_id: int,
    principal: CaisseStaff,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> RegistrationRead:
    """The seat goes to the first person on the waiting list."""
    meeting = await service.get(session, scope, meeting_id, for_update=True)
    registration = await service.get_registration(session, meeting, registration_id)
    await audit(
        session, principal, AuditOperation.UPDATE, "meeting_registration", registration.id, "cancel"
    )
    return RegistrationRead.model_validate(
        await service.cancel_registration(session, meeting, registration)
    )


@router.post(
    "/meetings/{meeting_id}/registrations/{registration_id}/check-in",
    responses=problem_responses(404, 409),
)
async def check_in(
    meeting_id: int,
    registration_id: int,
    principal: CaisseStaff,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> RegistrationRead:
    """The person came: attendance, and a contact in their history."""
    meeting = await service.get(session, scope, meeting_id)
    registration = await service.get_registration(session, meeting, registration_id)
    await audit(
        session,
        principal,
        AuditOperation.UPDATE,
        "meeting_registration",
        registration.id,
        "check-in",
    )
    return RegistrationRead.model_validate(await service.check_in(session, meeting, registration))
