from typing import Annotated

from fastapi import APIRouter, Path

from services.shared.auth import CurrentCaisseScope
from services.shared.db import DbSession
from services.shared.errors import problem_responses
from services.shared.pagination import Page, Pagination
from services.targeting.caisses import service
from services.targeting.caisses.schemas import CaisseRead
from services.targeting.deps import ReferenceReader

router = APIRouter(tags=["caisses"], responses=problem_responses(401, 403))


@router.get("/caisses")
async def list_caisses(
    _: ReferenceReader, scope: CurrentCaisseScope, session: DbSession, page: Pagination
) -> Page[CaisseRead]:
    """The caisses the caller may see: its own for caisse staff, all for the national office."""
    rows, total = await service.list_caisses(session, scope, page)
    return Page.of([CaisseRead.model_validate(row) for row in rows], total, page)


@router.get("/caisses/{code}", responses=problem_responses(404))
async def get_caisse(
    code: Annotated[str, Path(max_length=20)],
    _: ReferenceReader,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> CaisseRead:
    """One caisse; another caisse than the caller's own is reported as not found."""
    return CaisseRead.model_validate(await service.get_caisse(session, scope, code))
