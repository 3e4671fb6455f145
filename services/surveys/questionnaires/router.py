from fastapi import APIRouter, Response, status

from services.shared.auth import CurrentCaisseScope
from services.shared.db import DbSession
from services.shared.errors import problem_responses
from services.surveys.deps import Editor, Id, Reader
from services.surveys.questionnaires import service
from services.surveys.questionnaires.schemas import (
    QuestionCreate,
    QuestionFields,
    VersionCreate,
    VersionRead,
    VersionSummary,
    VersionUpdate,
)

router = APIRouter(tags=["questionnaires"], responses=problem_responses(401, 403))


@router.get("/questionnaires")
async def list_versions(
    _: Reader, scope: CurrentCaisseScope, session: DbSession
) -> list[VersionSummary]:
    """Versions of the national model and of the caller's caisse's regional questions."""
    return [VersionSummary.model_validate(v) for v in await service.list_versions(session, scope)]


@router.post(
    "/questionnaires", status_code=status.HTTP_201_CREATED, responses=problem_responses(409)
)
async def create_draft(body: VersionCreate, principal: Editor, session: DbSession) -> VersionRead:
    """A new draft copying the latest version: of the national model (national office) or of
    the caller's caisse's regional questions (manager), asked after the national ones."""
    draft = await service.create_draft(session, principal, body)
    return await service.version_read(session, draft)


@router.get("/questionnaires/{version_id}", responses=problem_responses(404))
async def get_version(
    version_id: Id, _: Reader, scope: CurrentCaisseScope, session: DbSession
) -> VersionRead:
    version = await service.get_version(session, scope, version_id)
    return await service.version_read(session, version)


@router.patch("/questionnaires/{version_id}", responses=problem_responses(404, 409))
async def update_version(
    version_id: Id,
    body: VersionUpdate,
    principal: Editor,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> VersionRead:
    version = await service.get_version(session, scope, version_id)
    await service.update_version(session, principal, version, body)
    return await service.version_read(session, version)


@router.post(
    "/questionnaires/{version_id}/questions",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(404, 409),
)
async def add_question(
    version_id: Id,
    body: QuestionCreate,
    principal: Editor,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> VersionRead:
    """Adds a question at the end of a draft (409 on a published or retired version)."""
    version = await service.get_version(session, scope, version_id)
    await service.add_question(session, principal, version, body)
    return await service.version_read(session, version)


@router.put(
    "/questionnaires/{version_id}/questions/{question_id}",
    responses=problem_responses(404, 409),
)
async def replace_question(
    version_id: Id,
    question_id: Id,
    body: QuestionFields,
    principal: Editor,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> VersionRead:
    version = await service.get_version(session, scope, version_id)
    await service.replace_question(session, principal, version, question_id, body)
    return await service.version_read(session, version)


@router.delete(
    "/questionnaires/{version_id}/questions/{question_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problem_responses(404, 409),
)
async def delete_question(
    version_id: Id,
    question_id: Id,
    principal: Editor,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> None:
    version = await service.get_version(session, scope, version_id)
    await service.delete_question(session, principal, version, question_id)


@router.post("/questionnaires/{version_id}/publish", responses=problem_responses(404, 409))
async def publish_version(
    version_id: Id, principal: Editor, scope: CurrentCaisseScope, session: DbSession
) -> VersionRead:
    """Freezes the draft; it replaces (retires) the owner's previously published version."""
    version = await service.get_version(session, scope, version_id)
    await service.publish(session, principal, version)
    return await service.version_read(session, version)


@router.post("/questionnaires/{version_id}/retire", responses=problem_responses(404, 409))
async def retire_version(
    version_id: Id, principal: Editor, scope: CurrentCaisseScope, session: DbSession
) -> VersionRead:
    version = await service.get_version(session, scope, version_id)
    await service.retire(session, principal, version)
    return await service.version_read(session, version)
