from typing import Annotated

from fastapi import APIRouter, Path, status

from services.shared.auth import CurrentCaisseScope
from services.shared.db import DbSession
from services.shared.errors import problem_responses
from services.targeting.deps import (
    NationalPolicyEditor,
    PolicyEditor,
    ReferenceReader,
    RegionalPolicyEditor,
)
from services.targeting.policy import service
from services.targeting.policy.schemas import (
    ActionCreate,
    ActionRead,
    ActionUpdate,
    CarryOver,
    CarryOverResult,
    YearPreparation,
    YearPublication,
    YearRead,
)

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


@router.get("/policy/years")
async def list_years(
    _: ReferenceReader, scope: CurrentCaisseScope, session: DbSession
) -> list[YearRead]:
    """The years of the policy, newest first; caisses see those whose socle is published."""
    return await service.list_years(session, scope)


@router.post(
    "/policy/{year}/preparation",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(404, 409),
)
async def prepare_year(
    year: Year, body: YearPreparation, principal: NationalPolicyEditor, session: DbSession
) -> YearRead:
    """Next year's socle from this one: the national office gets a copy to edit (calendars a
    year later, age criteria too if asked); caisses see it from its publication date."""
    return await service.prepare_year(session, principal, year, body)


@router.put("/policy/{year}/publication", responses=problem_responses(404))
async def publish_year(
    year: Year, body: YearPublication, principal: NationalPolicyEditor, session: DbSession
) -> YearRead:
    """Sets (or withdraws, with null) the date from which caisses see a prepared socle."""
    return await service.publish_year(session, principal, year, body.published_on)


@router.post(
    "/policy/{year}/carry-over",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(404),
)
async def carry_over(
    year: Year, body: CarryOver, principal: RegionalPolicyEditor, session: DbSession
) -> CarryOverResult:
    """A caisse copies its regional actions of an earlier year into a published year."""
    created, skipped = await service.carry_over(session, principal, year, body)
    return CarryOverResult(
        created=[ActionRead.model_validate(action) for action in created], skipped=skipped
    )
