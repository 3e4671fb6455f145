"""The regional bilan's API, versioned under ``/v1`` for the national office and machine
clients: ETags on every document, 304 on ``If-None-Match``."""

import asyncio
import contextlib
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from services.reporting.bilans import rendering, service
from services.reporting.bilans.models import Bilan
from services.reporting.bilans.schemas import (
    BilanDocument,
    BilanReopen,
    BilanVersions,
    BilanVersionSummary,
    Qualitative,
)
from services.reporting.deps import BilanEditor, BilanReader, BilanReopener, Clock, PeerClients
from services.shared.auth import CaisseScope, CurrentCaisseScope, Principal
from services.shared.db import DbSession
from services.shared.errors import ServiceUnavailable, problem_responses
from services.shared.etag import (
    ETAG_RESPONSES,
    matches,
    not_modified,
    stored_json,
    tagged_json,
)
from services.shared.exports import EXPORT_RESPONSE, FormatPath, table_download
from services.shared.peers import PeerError

router = APIRouter(prefix="/v1", tags=["bilans"], responses=problem_responses(401, 403, 404))
Year = Annotated[int, Path(ge=2000, le=2100)]
CaisseCode = Annotated[
    str, Path(min_length=1, max_length=20, pattern=r"^[A-Z0-9_-]+$", description="e.g. ALPES")
]
PDF_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {"application/pdf": {}}}}


async def _row(
    session: DbSession, peers: PeerClients, principal: Principal, scope: CaisseScope,
    caisse: str, year: int,
) -> Bilan | None:  # fmt: skip
    """The caisse's bilan row; a foreign caisse is a 404, and so is a code targeting does
    not know (asked only while no bilan exists for it)."""
    scope.ensure(caisse, "Bilan")
    row = await service.bilan_row(session, caisse, year)
    if row is None:
        await service.check_caisse_exists(peers, principal, caisse)
    return row


@router.get("/bilans/{year}/{caisse_code}", response_model=BilanDocument, responses=ETAG_RESPONSES)
async def get_bilan(
    request: Request,
    year: Year,
    caisse_code: CaisseCode,
    principal: BilanReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    peers: PeerClients,
    clock: Clock,
) -> Response:
    """The caisse's bilan: its submitted version while submitted (frozen), otherwise the live
    draft computed now from the services' stats (with `missing` naming any figure group whose
    service is down). Strong `ETag`; `If-None-Match` → 304."""
    row = await _row(session, peers, principal, scope, caisse_code, year)
    if row is not None and row.status == "submitted":
        etag = await service.latest_etag(session, row)
        if etag is not None and matches(request, etag):
            return not_modified(etag)
        return stored_json(*service.stored_body(await service.latest_version(session, row)))
    document = await service.live_document(peers, principal, row, caisse_code, year, clock())
    return tagged_json(request, document)


@router.put("/bilans/{year}/{caisse_code}/qualitative", responses=problem_responses(409))
async def update_bilan_qualitative(
    year: Year,
    caisse_code: CaisseCode,
    body: Qualitative,
    principal: BilanEditor,
    scope: CurrentCaisseScope,
    session: DbSession,
    peers: PeerClients,
) -> Qualitative:
    """The caisse's own sections (difficulties, local actions, next year's priorities), while
    the bilan is a draft; a submitted bilan is a 409 until reopened."""
    await _row(session, peers, principal, scope, caisse_code, year)
    return await service.update_qualitative(session, principal, caisse_code, year, body)


@router.post("/bilans/{year}/{caisse_code}/submit", responses=problem_responses(409))
async def submit_bilan(
    year: Year,
    caisse_code: CaisseCode,
    principal: BilanEditor,
    scope: CurrentCaisseScope,
    session: DbSession,
    peers: PeerClients,
    clock: Clock,
) -> BilanDocument:
    """Freezes the bilan as its next version (flagged `late` after 31 January of the next
    year). 409 when already submitted, or when figures are missing (a peer is down)."""
    await _row(session, peers, principal, scope, caisse_code, year)
    version = await service.submit(session, peers, principal, caisse_code, year, clock())
    return BilanDocument.model_validate(version.document)


@router.post("/bilans/{year}/{caisse_code}/reopen", responses=problem_responses(409))
async def reopen_bilan(
    year: Year,
    caisse_code: CaisseCode,
    principal: BilanReopener,
    scope: CurrentCaisseScope,
    session: DbSession,
    clock: Clock,
    body: BilanReopen,
) -> BilanVersionSummary:
    """National office only: the submitted bilan becomes a draft again, with the reason shown
    to the caisse; its versions stay."""
    scope.ensure(caisse_code, "Bilan")
    version = await service.reopen(session, principal, caisse_code, year, body, clock())
    return service.summary(version)


@router.get("/bilans/{year}/{caisse_code}/versions")
async def list_bilan_versions(
    year: Year,
    caisse_code: CaisseCode,
    principal: BilanReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    peers: PeerClients,
) -> BilanVersions:
    row = await _row(session, peers, principal, scope, caisse_code, year)
    return BilanVersions(
        items=[service.summary(v) for v in await service.list_versions(session, row)]
    )


@router.get(
    "/bilans/{year}/{caisse_code}/versions/{version}",
    response_model=BilanDocument,
    responses=ETAG_RESPONSES,
)
async def get_bilan_version(
    request: Request,
    year: Year,
    caisse_code: CaisseCode,
    version: Annotated[int, Path(ge=1, le=1000)],
    principal: BilanReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    peers: PeerClients,
) -> Response:
    """A submitted version, exactly as frozen; it never changes, so its ETag never does."""
    row = await _row(session, peers, principal, scope, caisse_code, year)
    stored = await service.get_version(session, row, version)
    if matches(request, stored.etag):
        return not_modified(stored.etag)
    return stored_json(*service.stored_body(stored))


VersionQuery = Annotated[
    int | None, Query(ge=1, le=1000, description="A submitted version; default: the current.")
]


@router.get(
    "/bilans/{year}/{caisse_code}/export.{format}",
    response_class=Response,
    responses=EXPORT_RESPONSE,
)
async def export_bilan(
    year: Year,
    caisse_code: CaisseCode,
    export_format: FormatPath,
    principal: BilanReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    peers: PeerClients,
    clock: Clock,
    version: VersionQuery = None,
) -> Response:
    """The bilan's figures, one row per action (CSV or XLSX)."""
    row = await _row(session, peers, principal, scope, caisse_code, year)
    document = await service.current_document(
        session, peers, principal, row, caisse_code, year, clock(), version
    )
    header, rows = rendering.bilan_table(document)
    return table_download(header, rows, f"bilan-{year}-{caisse_code}", export_format)


@router.get(
    "/bilans/{year}/{caisse_code}/bilan.pdf",
    response_class=Response,
    responses=PDF_RESPONSE,
)
async def export_bilan_pdf(
    year: Year,
    caisse_code: CaisseCode,
    principal: BilanReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    peers: PeerClients,
    clock: Clock,
    version: VersionQuery = None,
) -> Response:
    """The bilan, printable (A4)."""
    row = await _row(session, peers, principal, scope, caisse_code, year)
    document = await service.current_document(
        session, peers, principal, row, caisse_code, year, clock(), version
    )
    name = None  # without targeting, the code stands in for the name
    with contextlib.suppress(ServiceUnavailable, PeerError):
        name = (await peers.targeting.caisse(principal, caisse_code)).name
    pdf = await asyncio.to_thread(rendering.bilan_pdf, document, name)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="bilan-{year}-{caisse_code}.pdf"'},
    )
