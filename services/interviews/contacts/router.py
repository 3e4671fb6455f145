"""The contact feed other services poll."""

from typing import Annotated

from fastapi import APIRouter, Query

from services.interviews.audit import audit
from services.interviews.contacts import service
from services.interviews.contacts.schemas import ContactEvent, ContactFeed
from services.interviews.deps import CaisseFilter, ContactFeedReader, check_caisse
from services.shared.audit import AuditOperation
from services.shared.auth import CurrentCaisseScope
from services.shared.db import DbSession
from services.shared.errors import problem_responses

router = APIRouter(tags=["contacts"], responses=problem_responses(401, 403))


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
    check_caisse(scope, caisse_code)
    rows = await service.feed(session, scope, after, limit, caisse_code)
    await audit(session, principal, AuditOperation.READ, "contact_feed", f"after:{after}")
    return ContactFeed(
        items=[ContactEvent.model_validate(r) for r in rows],
        next_after=rows[-1].id if rows else after,
    )
