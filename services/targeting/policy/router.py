from typing import Annotated

from fastapi import APIRouter, Path, status

from services.shared.auth import CurrentCaisseScope
from services.shared.db import DbSession
from services.shared.errors import problem_responses
from services.targeting.deps import PolicyEditor, ReferenceReader
from services.targeting.policy import service
from services.targeting.policy.schemas import ActionCreate, ActionRead, ActionUpdate

router = APIRouter(tags=["policy"], responses=problem_responses(401, 403))
Year = Annotated[int, Path(ge=2000, le=2100)]


@router.get("/policy/{year}/actions")
async def list_actions(
    year: Year, _: ReferenceReader, scope: CurrentCaisseScope, session: DbSession
) -> list[ActionRead]:
    """The year's socle (national actions) and the caller's caisse's own actions."""
    return [ActionRead.model_validate(a) for a in await service.list_actions(session, scope, year)]


@router.post(
    "/policy/{year}/actions",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(409),
)
async def create_action(
    year: Year, body: ActionCreate, principal: PolicyEditor, session: DbSession
) -> ActionRead:
    """A manager adds a regional action of its caisse; the national office a socle action."""
    return ActionRead.model_validate(await service.create_action(session, principal, year, body))


@router.get("/actions/{action_id}", responses=problem_responses(404))
async def get_action(
    action_id: int, _: ReferenceReader, scope: CurrentCaisseScope, session: DbSession
) -> ActionRead:
    return ActionRead.model_validate(await service.get_action(session, scope, action_id))


@router.patch("/actions/{action_id}", responses=problem_responses(404))
async def update_action(
    action_id: int,
    body: ActionUpdate,
    principal: PolicyEditor,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> ActionRead:
    """Edit an action: national ones by the national office, regional ones by their caisse."""
    action = await service.update_action(session, scope, principal, action_id, body)
    return ActionRead.model_validate(action)
