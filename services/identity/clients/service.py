"""Machine clients: each gets a random secret, shown once and kept only as its argon2 hash.
Rotation replaces it (the old one stops at once; tokens it obtained run until they expire);
revocation is final: no more tokens."""

import secrets
import uuid

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.audit import audit
from services.identity.clients.schemas import (
    MachineClientCreate,
    MachineClientRead,
    MachineClientSecret,
    MachineClientUpdate,
    Scope,
)
from services.identity.models import MachineClient
from services.identity.service import hash_secret
from services.shared.audit import AuditOperation
from services.shared.auth import Principal, Role
from services.shared.errors import Conflict, FieldError, NotFound
from services.shared.pagination import Page, PageParams
from services.shared.query import contains_pattern

RESOURCE = "machine_client"


def client_read(client: MachineClient) -> MachineClientRead:
    return MachineClientRead(
        id=client.id,
        client_id=client.client_id,
        name=client.name,
        scopes=sorted(client.scopes),
        active=client.active,
        created_at=client.created_at,
    )


def _scopes(scopes: list[Scope]) -> list[str]:
    return sorted(set(scopes))


async def list_clients(
    session: AsyncSession, page: PageParams, search: str | None
) -> Page[MachineClientRead]:
    conditions = []
    if search:
        pattern = contains_pattern(search)
        conditions.append(
            or_(MachineClient.client_id.ilike(pattern), MachineClient.name.ilike(pattern))
        )
    total = await session.scalar(select(func.count()).select_from(MachineClient).where(*conditions))
    clients = await session.scalars(
        select(MachineClient)
        .where(*conditions)
        .order_by(MachineClient.client_id)
        .limit(page.limit)
        .offset(page.offset)
    )
    return Page.of([client_read(client) for client in clients], total or 0, page)


async def get_client(session: AsyncSession, client_id: uuid.UUID) -> MachineClient:
    client = await session.get(MachineClient, client_id, with_for_update=True)
    if client is None:
        raise NotFound("Client machine introuvable.", code="client_not_found")
    return client


def _ensure_active(client: MachineClient) -> None:
    if not client.active:
        raise Conflict(
            "Ce client a été révoqué : enregistrez-en un nouveau.",
            code="client_revoked",
        )


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


async def register(
    session: AsyncSession, principal: Principal, body: MachineClientCreate
) -> MachineClientSecret:
    if await session.scalar(
        select(MachineClient.id).where(MachineClient.client_id == body.client_id)
    ):
        message = f"L'identifiant de client « {body.client_id} » est déjà pris."
        raise Conflict(
            message,
            errors=[FieldError(field="client_id", location="body", message=message)],
            code="duplicate_client_id",
        )
    secret = _new_secret()
    client = MachineClient(
        client_id=body.client_id,
        name=body.name,
        secret_hash=hash_secret(secret),
        role=Role.SERVICE.value,
        scopes=_scopes(body.scopes),
        active=True,
    )
    session.add(client)
    await session.flush()
    await session.refresh(client, ["created_at"])
    await audit(session, principal, AuditOperation.CREATE, RESOURCE, client.id, "registered")
    return MachineClientSecret(client=client_read(client), client_secret=secret)


async def update(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID, body: MachineClientUpdate
) -> MachineClientRead:
    client = await get_client(session, client_id)
    _ensure_active(client)
    changed = []
    if body.name is not None and body.name != client.name:
        client.name = body.name
        changed.append("name")
    if body.scopes is not None:
        scopes = _scopes(body.scopes)
        if scopes != sorted(client.scopes):
            client.scopes = scopes
            changed.append(f"scopes: {' '.join(scopes) or '-'}")
    if changed:
        await session.flush()
        await audit(
            session, principal, AuditOperation.UPDATE, RESOURCE, client.id, "; ".join(changed)
        )
    return client_read(client)


async def rotate_secret(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID
) -> MachineClientSecret:
    client = await get_client(session, client_id)
    _ensure_active(client)
    secret = _new_secret()
    client.secret_hash = hash_secret(secret)
    await session.flush()
    await audit(session, principal, AuditOperation.UPDATE, RESOURCE, client.id, "secret rotated")
    return MachineClientSecret(client=client_read(client), client_secret=secret)


async def revoke(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID
) -> MachineClientRead:
    client = await get_client(session, client_id)
    if client.active:
        client.active = False
        await session.flush()
        await audit(session, principal, AuditOperation.UPDATE, RESOURCE, client.id, "revoked")
    return client_read(client)
