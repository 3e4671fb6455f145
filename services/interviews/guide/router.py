import uuid
from datetime import date

from fastapi import APIRouter, status

from services.interviews.audit import audit
from services.interviews.deps import GuideEditor, GuideReader, Scheduler, Targeting
from services.interviews.guide import service
from services.interviews.guide.schemas import (
    GuideDraftWrite,
    GuideProposal,
    GuideVersionRead,
    GuideVersionSummary,
    InterviewRecordRead,
    InterviewRecordWrite,
)
from services.interviews.scheduling import service as scheduling
from services.shared.audit import AuditOperation
from services.shared.auth import CurrentCaisseScope
from services.shared.db import DbSession
from services.shared.errors import problem_responses

router = APIRouter(tags=["guide"], responses=problem_responses(401, 403))


@router.get("/guide/versions")
async def list_guide_versions(_: GuideReader, session: DbSession) -> list[GuideVersionSummary]:
    return [GuideVersionSummary.model_validate(v) for v in await service.list_versions(session)]


@router.get("/guide/current", responses=problem_responses(409))
async def current_guide(_: GuideReader, session: DbSession) -> GuideVersionRead:
    """The published guide in use."""
    return await service.version_read(session, await service.current_version(session))


@router.get("/guide/versions/{number}", responses=problem_responses(404))
async def get_guide_version(number: int, _: GuideReader, session: DbSession) -> GuideVersionRead:
    return await service.version_read(session, await service.get_version(session, number))


@router.post(
    "/guide/versions", status_code=status.HTTP_201_CREATED, responses=problem_responses(409)
)
async def create_guide_draft(principal: GuideEditor, session: DbSession) -> GuideVersionRead:
    """A new draft, copied from the latest version."""
    return await service.version_read(session, await service.create_draft(session, principal))


@router.put("/guide/versions/{number}/sections", responses=problem_responses(404, 409, 422))
async def replace_guide_sections(
    number: int, body: GuideDraftWrite, _: GuideEditor, session: DbSession
) -> GuideVersionRead:
    """Replace a draft's sections; a published or retired version is a 409."""
    version = await service.get_version(session, number)
    await service.replace_sections(session, version, body)
    return await service.version_read(session, version)


@router.post("/guide/versions/{number}/publish", responses=problem_responses(404, 409))
async def publish_guide_version(
    number: int, _: GuideEditor, session: DbSession
) -> GuideVersionRead:
    """The draft becomes the guide in use; the previous one is retired."""
    version = await service.publish(session, await service.get_version(session, number))
    return await service.version_read(session, version)


@router.get(
    "/interviews/{interview_id}/guide", tags=["interviews"], responses=problem_responses(404, 409)
)
async def interview_guide(
    interview_id: uuid.UUID,
    principal: Scheduler,
    scope: CurrentCaisseScope,
    session: DbSession,
    targeting: Targeting,
) -> GuideProposal:
    """The guide's sections, each flagged if it applies to this person and action."""
    interview = await scheduling.get_interview(session, scope, interview_id)
    await audit(session, principal, AuditOperation.READ, "interview_guide", interview.id)
    return await service.propose(session, targeting, principal, interview, date.today())


@router.put(
    "/interviews/{interview_id}/record",
    tags=["interviews"],
    responses=problem_responses(404, 409, 422),
)
async def record_interview(
    interview_id: uuid.UUID,
    body: InterviewRecordWrite,
    principal: Scheduler,
    scope: CurrentCaisseScope,
    session: DbSession,
    targeting: Targeting,
) -> InterviewRecordRead:
    """Record the outcome (held or missed), the sections covered, follow-ups and notes.
    A cancelled interview is a 409."""
    interview = await scheduling.get_interview(session, scope, interview_id)
    record, version = await service.record(
        session, targeting, principal, interview, body, date.today()
    )
    return service.record_read(record, version)


@router.get(
    "/interviews/{interview_id}/record", tags=["interviews"], responses=problem_responses(404)
)
async def get_interview_record(
    interview_id: uuid.UUID, principal: Scheduler, scope: CurrentCaisseScope, session: DbSession
) -> InterviewRecordRead:
    interview = await scheduling.get_interview(session, scope, interview_id)
    await audit(session, principal, AuditOperation.READ, "interview_record", interview.id)
    return await service.get_record(session, interview)
