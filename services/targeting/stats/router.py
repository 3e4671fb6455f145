from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from services.shared.auth import CurrentCaisseScope, StatsReader
from services.shared.db import DbSession
from services.shared.errors import problem_responses
from services.targeting.stats import service
from services.targeting.stats.schemas import TargetingStats

router = APIRouter(tags=["stats"], responses=problem_responses(401, 403))


def targeted_counts(request: Request) -> service.TargetedCounts:
    """The app's counts kept across requests (one per process)."""
    state = request.app.state
    if not hasattr(state, "targeted_counts"):
        state.targeted_counts = service.TargetedCounts()
    counts: service.TargetedCounts = state.targeted_counts
    return counts


@router.get("/stats", responses=problem_responses(404))
async def get_targeting_stats(
    _: StatsReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    year: Annotated[int, Query(ge=2000, le=2100)],
    counts: Annotated[service.TargetedCounts, Depends(targeted_counts)],
    caisse_code: Annotated[str | None, Query(max_length=20)] = None,
) -> TargetingStats:
    """Per caisse and action of the year: targeted (current volumetry, opted-out people
    excluded) and listed (the sizes of its frozen target lists). Aggregates only. A caisse-bound
    caller sees its own caisse; asking for another is a 404."""
    return await service.action_stats(session, scope, year, caisse_code, counts)
