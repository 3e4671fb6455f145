import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from services.shared.auth import CurrentCaisseScope
from services.shared.db import DbSession
from services.shared.errors import problem_responses
from services.shared.exports import EXPORT_RESPONSE, FormatPath, query_download
from services.shared.jobs import JobRead
from services.shared.pagination import Page, Pagination
from services.targeting.deps import (
    AggregateReader,
    ListBuilder,
    ListMemberReader,
    PersonReader,
    ReferenceReader,
)
from services.targeting.policy.service import get_action
from services.targeting.targets import service
from services.targeting.targets.definition import TargetDefinition
from services.targeting.targets.schemas import (
    TargetListCreate,
    TargetListMemberRead,
    TargetListMembers,
    TargetListPersonIds,
    TargetListRead,
    TargetListStarted,
    Volumetry,
    VolumetryRequest,
)

router = APIRouter(tags=["targets"], responses=problem_responses(401, 403))


@router.post("/volumetry")
async def count_definition(
    body: VolumetryRequest, _: AggregateReader, scope: CurrentCaisseScope, session: DbSession
) -> Volumetry:
    """Counts per caisse and priority group for a definition being edited."""
    return await service.volumetry(session, scope, body.definition)


@router.get("/actions/{action_id}/volumetry", responses=problem_responses(404))
async def count_action_target(
    action_id: int, _: AggregateReader, scope: CurrentCaisseScope, session: DbSession
) -> Volumetry:
    """Counts of an action's target per caisse and priority group."""
    action = await get_action(session, scope, action_id)
    definition = TargetDefinition.model_validate(action.target_definition)
    return await service.volumetry(session, scope, definition)


@router.post(
    "/actions/{action_id}/target-lists",
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(404),
)
async def materialise_target_list(
    action_id: int,
    body: TargetListCreate,
    principal: ListBuilder,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> TargetListStarted:
    """Freeze who matches the action now, ranked, without opted-out or recently contacted
    people; runs as a job (poll ``/jobs/{id}``)."""
    action = await get_action(session, scope, action_id)
    target_list, job = await service.start_materialisation(session, scope, principal, action, body)
    return TargetListStarted(list=TargetListRead.model_validate(target_list), job=JobRead.of(job))


@router.get("/target-lists")
async def list_target_lists(
    _: ReferenceReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    page: Pagination,
    action_id: Annotated[int | None, Query()] = None,
) -> Page[TargetListRead]:
    rows, total = await service.list_lists(session, scope, action_id, page.limit, page.offset)
    return Page.of([TargetListRead.model_validate(r) for r in rows], total, page)


@router.get("/target-lists/{list_id}", responses=problem_responses(404))
async def get_target_list(
    list_id: uuid.UUID, _: ReferenceReader, scope: CurrentCaisseScope, session: DbSession
) -> TargetListRead:
    return TargetListRead.model_validate(await service.get_list(session, scope, list_id))


@router.get("/target-lists/{list_id}/members", responses=problem_responses(404))
async def list_target_list_members(
    list_id: uuid.UUID,
    principal: ListMemberReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    after_rank: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> TargetListMembers:
    """The people of a list in rank order, by pages (keyset on rank). Audited."""
    members, more = await service.list_members(
        session, scope, principal, list_id, after_rank, limit
    )
    return TargetListMembers(
        items=[TargetListMemberRead.model_validate(m) for m in members],
        next_after_rank=members[-1]["rank"] if more else None,
    )


@router.get("/target-lists/{list_id}/person-ids", responses=problem_responses(404))
async def list_target_list_person_ids(
    list_id: uuid.UUID,
    principal: ListMemberReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    after_rank: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=50_000)] = 10_000,
) -> TargetListPersonIds:
    """Only the people's ids, in rank order and large pages (for jobs over a whole list)."""
    ids, next_after_rank = await service.list_person_ids(
        session, scope, principal, list_id, after_rank, limit
    )
    return TargetListPersonIds(person_ids=ids, next_after_rank=next_after_rank)


@router.get(
    "/target-lists/{list_id}/export.{format}",
    response_class=Response,
    responses={**EXPORT_RESPONSE, **problem_responses(404)},
)
async def export_target_list(
    request: Request,
    list_id: uuid.UUID,
    export_format: FormatPath,
    principal: PersonReader,
    scope: CurrentCaisseScope,
    session: DbSession,
) -> Response:
    """The whole list as CSV or XLSX (no NIR), in constant memory. Audited."""
    statement = await service.export_members(session, scope, principal, list_id, export_format)
    return await query_download(
        request.app.state.sessionmaker,
        statement,
        service.MEMBER_HEADER,
        f"liste-{list_id}",
        export_format,
    )
