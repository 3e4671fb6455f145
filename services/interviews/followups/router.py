import contextlib
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from services.interviews.audit import audit
from services.interviews.deps import AgendaReader, CaisseFilter, Targeting, check_caisse
from services.interviews.followups import service
from services.interviews.followups.models import FollowUpTask
from services.interviews.followups.schemas import FollowUpRead, FollowUpState, FollowUpUpdate
from services.interviews.gateways import PersonName
from services.shared.audit import AuditOperation
from services.shared.auth import CurrentCaisseScope, Principal
from services.shared.db import DbSession
from services.shared.errors import ServiceUnavailable, problem_responses
from services.shared.local_time import LOCAL_TIME
from services.shared.pagination import Page, Pagination

router = APIRouter(tags=["follow-ups"], responses=problem_responses(401, 403))


async def _names(
    targeting: Targeting, principal: Principal, tasks: list[FollowUpTask]
) -> dict[int, PersonName]:
    """The persons' names (audited by targeting); none while it is down."""
    if not tasks:
        return {}
    with contextlib.suppress(ServiceUnavailable):
        ids = (task.person_id for task in tasks)
        return await targeting.person_names(principal, ids, purpose="suivis d'entretien")
    return {}


@router.get("/follow-ups", responses=problem_responses(404))
async def list_follow_ups(
    principal: AgendaReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    targeting: Targeting,
    page: Pagination,
    caisse_code: CaisseFilter = None,
    counselor_id: Annotated[int | None, Query(description="One counselor's.")] = None,
    state: FollowUpState = FollowUpState.OPEN,
) -> Page[FollowUpRead]:
    """The follow-ups promised in interviews, of the caller's caisse (or one counselor):
    open ones by due date, with the person's name."""
    check_caisse(scope, caisse_code)
    tasks, total = await service.worklist(
        session, scope, caisse_code=caisse_code, counselor_id=counselor_id, state=state, page=page
    )
    whose = counselor_id if counselor_id is not None else caisse_code or principal.caisse_code
    await audit(session, principal, AuditOperation.READ, "follow_ups", whose, state.value)
    today = datetime.now(LOCAL_TIME).date()
    names = await _names(targeting, principal, tasks)
    return Page.of(service.reads(tasks, names, today), total, page)


@router.patch("/follow-ups/{follow_up_id}", responses=problem_responses(404))
async def update_follow_up(
    follow_up_id: int,
    body: FollowUpUpdate,
    principal: AgendaReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    targeting: Targeting,
) -> FollowUpRead:
    """Mark a follow-up done (or not done any more), or give it another due date."""
    task = await service.update(
        session, principal, await service.get(session, scope, follow_up_id), body
    )
    await audit(session, principal, AuditOperation.UPDATE, "follow_up", task.id)
    today = datetime.now(LOCAL_TIME).date()
    [read] = service.reads([task], await _names(targeting, principal, [task]), today)
    return read
