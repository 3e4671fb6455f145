"""Idempotency-Key for POSTs of machine clients (draft-ietf-httpapi-idempotency-key-header).

The first request with a key stores its answer; the same key with the same body gets that
answer again and creates nothing; with another body, 422; while the first is still in flight,
409. Keys are scoped per caller and kept 24 hours. A service keeps its keys in a table of its
own built on :class:`IdempotencyColumns`.
"""

import hashlib
import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import DateTime, Integer, String, delete, func, select, text, update
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.auth import Principal
from services.shared.errors import Conflict, Unprocessable

RETENTION = "24 hours"
LOCK_NOT_AVAILABLE = "55P03"
MAX_KEY_LENGTH = 200


class IdempotencyColumns:
    client: Mapped[str] = mapped_column(String(120), primary_key=True)
    key: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)
    response: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Replay(BaseModel):
    status_code: int
    body: dict[str, Any]


def request_fingerprint(body: BaseModel) -> str:
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def claim(
    session: AsyncSession,
    model: type[IdempotencyColumns],
    principal: Principal,
    key: str,
    body: BaseModel,
) -> Replay | None:
    """Claims ``key`` for this request (None: go ahead), or returns the first answer."""
    if not key or len(key) > MAX_KEY_LENGTH:
        raise Unprocessable(
            f"La clé Idempotency-Key doit compter de 1 à {MAX_KEY_LENGTH} caractères.",
            code="idempotency.bad_key",
        )
    table: Any = model
    fingerprint = request_fingerprint(body)
    await session.execute(
        delete(table).where(
            table.client == principal.subject,
            table.created_at < func.now() - text(f"interval '{RETENTION}'"),
        )
    )
    # A first request still in flight holds the key's row: wait briefly, then say so.
    await session.execute(text("SET LOCAL lock_timeout = '200ms'"))
    try:
        async with session.begin_nested():
            claimed = await session.scalar(
                insert(table)
                .values(client=principal.subject, key=key, request_hash=fingerprint)
                .on_conflict_do_nothing()
                .returning(table.key)
            )
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            raise Conflict(
                "Une requête avec cette clé Idempotency-Key est encore en cours.",
                code="idempotency.in_progress",
            ) from exc
        raise
    await session.execute(text("SET LOCAL lock_timeout = 0"))
    if claimed is not None:
        return None
    first = (
        await session.execute(
            select(table.request_hash, table.status_code, table.response).where(
                table.client == principal.subject, table.key == key
            )
        )
    ).one()
    if first.request_hash != fingerprint:
        raise Unprocessable(
            "Cette clé Idempotency-Key a servi pour une autre requête.", code="idempotency.reused"
        )
    return Replay(status_code=first.status_code, body=first.response)


async def remember(
    session: AsyncSession,
    model: type[IdempotencyColumns],
    principal: Principal,
    key: str,
    status_code: int,
    response: BaseModel,
) -> None:
    table: Any = model
    await session.execute(
        update(table)
        .where(table.client == principal.subject, table.key == key)
        .values(status_code=status_code, response=response.model_dump(mode="json"))
    )
