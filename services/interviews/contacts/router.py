from typing import Annotated

from fastapi import APIRouter, Query

from services.interviews.audit import audit
from services.interviews.contacts import service
from services.interviews.contacts.schemas import (
    ActivityStats,
    ContactEvent,
    ContactFeed,
    HistoryEntry,
)
from services.interviews.deps import ContactFeedReader, HistoryReader, Targeting
from services.shared.audit import AuditOperation
from services.shared.auth import CaisseScope, CurrentCaisseScope, Role, StatsReader
from services.shared.db import DbSession
from services.shared.errors import NotFound, problem_responses

router = APIRouter(tags=["contacts"], responses=problem_responses(401, 403))
CaisseFilter = Annotated[
    str | None, Query(max_length=20, description="One caisse; staff are held to their own.")
]


def _check_caisse(scope: CaisseScope, caisse_code: str | None) -> None:
    if caisse_code is not None and not scope.allows(caisse_code):
        raise NotFound("Caisse not found.")


@router.get("/contact-events", responses=problem_responses(404))
async def contact_events(
    principal: ContactFeedReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
    caisse_code: CaisseFilter = None,
) -> ContactFeed:
    """Completed contacts in feed order, for other services (surveys' draws, targeting's
    recency exclusion). Poll with ``after`` = the last ``next_after``. Audited."""
    _check_caisse(scope, caisse_code)
    rows = await service.feed(session, scope, after, limit, caisse_code)
    await audit(session, principal, AuditOperation.READ, "contact_feed", f"after:{after}")
    return ContactFeed(
        items=[ContactEvent.model_validate(r) for r in rows],
        next_after=rows[-1].id if rows else after,
    )


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
    _check_caisse(scope, caisse_code)
    return ActivityStats(items=await service.activity(session, scope, caisse_code, action_id))
