"""The national bilan's API (``/v1``), for the national office and machine clients."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response

from services.reporting.bilans.rendering import national_table
from services.reporting.deps import Clock, NationalReader, PeerClients
from services.reporting.national import service
from services.reporting.national.schemas import NationalBilan, NationalLive
from services.reporting.national.service import NationalCache
from services.shared.db import DbSession
from services.shared.errors import problem_responses
from services.shared.etag import (
    ETAG_RESPONSES,
    matches,
    not_modified,
    stored_json,
    tagged_json,
)
from services.shared.exports import EXPORT_RESPONSE, FormatPath, table_download


def get_national_cache(request: Request) -> NationalCache:
    """One cache per app, made on first use."""
    state = request.app.state
    if not hasattr(state, "national_cache"):
        state.national_cache = NationalCache()
    cache: NationalCache = state.national_cache
    return cache


NationalCacheDep = Annotated[NationalCache, Depends(get_national_cache)]

router = APIRouter(prefix="/v1", tags=["national"], responses=problem_responses(401, 403))
Year = Annotated[int, Path(ge=2000, le=2100)]


@router.get("/national/{year}", response_model=NationalBilan, responses=ETAG_RESPONSES)
async def get_national_bilan(
    request: Request,
    year: Year,
    principal: NationalReader,
    session: DbSession,
    peers: PeerClients,
    cache: NationalCacheDep,
    clock: Clock,
) -> Response:
    """The submitted bilans consolidated (the version in force of each), each caisse's state
    (submitted, late, missing, pending), the socle's targets against realisation and the
    caisses compared. Strong `ETag`; `If-None-Match` → 304."""
    body, etag = await service.tagged_national_bilan(
        session, peers, principal, cache, year, clock()
    )
    return not_modified(etag) if matches(request, etag) else stored_json(body, etag)


@router.get("/national/{year}/live", response_model=NationalLive, responses=ETAG_RESPONSES)
async def get_national_live(
    request: Request, year: Year, principal: NationalReader, peers: PeerClients
) -> Response:
    """Every caisse's figures computed now from the services, submitted or not."""
    return tagged_json(request, await service.national_live(peers, principal, year))


@router.get("/national/{year}/export.{format}", response_class=Response, responses=EXPORT_RESPONSE)
async def export_national(
    year: Year,
    export_format: FormatPath,
    principal: NationalReader,
    session: DbSession,
    peers: PeerClients,
    clock: Clock,
) -> Response:
    """One row per caisse: state, totals and realisation rate per socle action (CSV or XLSX)."""
    bilan = await service.national_bilan(session, peers, principal, year, clock())
    header, rows = national_table(bilan)
    return table_download(header, rows, f"bilan-national-{year}", export_format)
