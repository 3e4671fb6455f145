import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from services.identity.clients import service
from services.identity.clients.schemas import (
    MachineClientCreate,
    MachineClientRead,
    MachineClientSecret,
    MachineClientUpdate,
)
from services.shared.auth import Principal, Role, require_role
from services.shared.db import DbSession
from services.shared.errors import problem_responses
from services.shared.pagination import Page, Pagination

router = APIRouter(
    prefix="/machine-clients", tags=["machine clients"], responses=problem_responses(401, 403)
)
Admin = Annotated[Principal, Depends(require_role(Role.ADMIN))]


@router.get("")
async def list_machine_clients(
    _: Admin,
    session: DbSession,
    page: Pagination,
    q: Annotated[str | None, Query(max_length=100, description="Part of an id or name.")] = None,
) -> Page[MachineClientRead]:
    return await service.list_clients(session, page, q)


@router.post("", status_code=status.HTTP_201_CREATED, responses=problem_responses(409))
async def register_machine_client(
    body: MachineClientCreate, principal: Admin, session: DbSession
) -> MachineClientSecret:
    """Registers a client with its scopes; its secret is in this answer only."""
    return await service.register(session, principal, body)


@router.get("/{client_id}", responses=problem_responses(404))
async def get_machine_client(
    client_id: uuid.UUID, _: Admin, session: DbSession
) -> MachineClientRead:
    return service.client_read(await service.get_client(session, client_id))


@router.patch("/{client_id}", responses=problem_responses(404, 409))
async def update_machine_client(
    client_id: uuid.UUID, body: MachineClientUpdate, principal: Admin, session: DbSession
) -> MachineClientRead:
    """Renames the client or replaces its scopes (applied to its next tokens)."""
    return await service.update(session, principal, client_id, body)


@router.post("/{client_id}/secret", responses=problem_responses(404, 409))
async def rotate_machine_client_secret(
    client_id: uuid.UUID, principal: Admin, session: DbSession
) -> MachineClientSecret:
    """A new secret, shown once; the previous one stops working at once."""
    return await service.rotate_secret(session, principal, client_id)


@router.post("/{client_id}/revoke", responses=problem_responses(404))
async def revoke_machine_client(
    client_id: uuid.UUID, principal: Admin, session: DbSession
) -> MachineClientRead:
    """No more tokens for this client; its tokens already issued run until they expire."""
    return await service.revoke(session, principal, client_id)
