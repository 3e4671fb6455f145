"""The national kit « Politique de contact » (circular §III.4): the national office publishes
versioned documents and attaches them to the socle's actions; every caisse downloads them and
may attach its local adaptation beside those that allow one."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile, status
from fastapi.responses import StreamingResponse

from services.shared.auth import CurrentCaisseScope
from services.shared.db import DbSession
from services.shared.errors import problem_responses
from services.shared.stored_files import FileStore, stored_download
from services.targeting.deps import NationalPolicyEditor, ReferenceReader, RegionalPolicyEditor
from services.targeting.kit import service
from services.targeting.kit.schemas import (
    AdaptationRead,
    KitDocumentCreate,
    KitDocumentDetail,
    KitDocumentRead,
    KitNews,
    KitVersionRead,
    ToolsUpdate,
)
from services.targeting.policy import service as policy

router = APIRouter(tags=["kit"], responses=problem_responses(401, 403))
DOCUMENT_FILE = File(
    description="PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG; 20 MB at most."
)


@router.get("/kit/documents")
async def list_kit_documents(
    _: ReferenceReader, scope: CurrentCaisseScope, session: DbSession
) -> list[KitDocumentRead]:
    return await service.list_documents(session, scope)


@router.post(
    "/kit/documents", status_code=status.HTTP_201_CREATED, responses=problem_responses(409)
)
async def create_kit_document(
    body: KitDocumentCreate, principal: NationalPolicyEditor, session: DbSession
) -> KitDocumentRead:
    return await service.create_document(session, principal, body)


@router.get("/kit/documents/{document_id}", responses=problem_responses(404))
async def get_kit_document(
    document_id: int, _: ReferenceReader, scope: CurrentCaisseScope, session: DbSession
) -> KitDocumentDetail:
    return await service.get_document(session, scope, document_id)


@router.post(
    "/kit/documents/{document_id}/versions",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(404),
)
async def publish_kit_version(
    document_id: int,
    file: Annotated[UploadFile, DOCUMENT_FILE],
    changes: Annotated[str, Form(description="What changed since the previous version.")],
    principal: NationalPolicyEditor,
    session: DbSession,
    storage: FileStore,
) -> KitVersionRead:
    """A new version of the document; the previous ones stay downloadable."""
    return await service.publish_version(
        session, storage, principal, document_id, file.filename or "", file.file, changes
    )


@router.get(
    "/kit/documents/{document_id}/versions/{version}/file", responses=problem_responses(404)
)
async def download_kit_version(
    document_id: int, version: int, _: ReferenceReader, session: DbSession, storage: FileStore
) -> StreamingResponse:
    row = await service.version_file(session, document_id, version)
    return await stored_download(storage, row.file_key, row.filename, row.media_type)


@router.put("/kit/documents/{document_id}/actions", responses=problem_responses(404))
async def set_kit_document_actions(
    document_id: int, body: ToolsUpdate, _: NationalPolicyEditor, session: DbSession
) -> KitDocumentRead:
    """The socle's actions this document is a tool of (replaces the previous set)."""
    return await service.set_tools(session, document_id, body.action_ids)


@router.get("/actions/{action_id}/tools", responses=problem_responses(404))
async def list_action_tools(
    action_id: int, _: ReferenceReader, scope: CurrentCaisseScope, session: DbSession
) -> list[KitDocumentRead]:
    """The kit documents an action uses (404 for an action the caller does not see)."""
    await policy.get_action(session, scope, action_id)
    return await service.tools_of_action(session, scope, action_id)


@router.put(
    "/kit/documents/{document_id}/adaptation",
    responses=problem_responses(404, 409),
)
async def upload_kit_adaptation(
    document_id: int,
    file: Annotated[UploadFile, DOCUMENT_FILE],
    principal: RegionalPolicyEditor,
    session: DbSession,
    storage: FileStore,
) -> AdaptationRead:
    """The caller's caisse's local adaptation (replaces its previous one)."""
    return await service.upload_adaptation(
        session, storage, principal, document_id, file.filename or "", file.file
    )


@router.get(
    "/kit/documents/{document_id}/adaptations/{caisse_code}/file",
    responses=problem_responses(404),
)
async def download_kit_adaptation(
    document_id: int,
    caisse_code: str,
    _: ReferenceReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    storage: FileStore,
) -> StreamingResponse:
    row = await service.adaptation_file(session, scope, document_id, caisse_code)
    return await stored_download(storage, row.file_key, row.filename, row.media_type)


@router.get("/kit/news")
async def list_kit_news(
    since: Annotated[datetime, Query(description="Versions published after this instant.")],
    _: ReferenceReader,
    session: DbSession,
) -> list[KitNews]:
    """What is new in the kit since a date (the SPA shows managers what they have not seen)."""
    return await service.news(session, since)
