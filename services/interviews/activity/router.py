"""A person's contact history and the activity figures (same tag as the contact feed: one
"contacts" section of the API)."""

from typing import Annotated

from fastapi import APIRouter, Query

from services.interviews.activity import service
from services.interviews.activity.schemas import ActivityStats, HistoryEntry
from services.interviews.audit import audit
from services.interviews.deps import CaisseFilter, HistoryReader, Targeting, check_caisse
from services.shared.audit import AuditOperation
from services.shared.auth import CurrentCaisseScope, Role, StatsReader
from services.shared.db import DbSession
from services.shared.errors import problem_responses

router = APIRouter(tags=["contacts"], responses=problem_responses(401, 403))


@router.get("/persons/{person_id}/contacts", responses=problem_responses(404))
async def person_contacts(
    person_id: int,
    principal: HistoryReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    targeting: Targeting,
) -> list[HistoryEntry]:
    """A person's whole contact history: interviews, meetings, letters. Audited; another
    caisse's person is a 404 (checked by targeting)."""
    if principal.role is not Role.SERVICE:  # machine clients read any caisse's contacts
        await targeting.person(principal, person_id)
    await audit(session, principal, AuditOperation.READ, "contact_history", person_id)
    return await service.person_history(session, scope, person_id)


@router.get("/stats", responses=problem_responses(404))
async def activity_stats(
    _: StatsReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    action_id: Annotated[list[int], Query()] = [],  # noqa: B006 — FastAPI copies defaults
    caisse_code: CaisseFilter = None,
) -> ActivityStats:
    """Per caisse and action: invitations, interviews per channel, meetings, letters."""
    check_caisse(scope, caisse_code)
    return ActivityStats(items=await service.activity(session, scope, caisse_code, action_id))
