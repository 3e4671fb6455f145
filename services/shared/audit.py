"""The audit log of personal-data access (CNIL délibération 2021-122).

Each read or change of a person's data records who, when (UTC), what operation, on which
record, and why. The API never updates or deletes audit rows, and a trigger refuses it in the
database too; only :func:`purge_expired` (retention) may delete, by setting ``rsi.audit_purge``.
"""

import logging
from datetime import datetime
from enum import StrEnum

from fastapi import Request
from sqlalchemy import BigInteger, DateTime, Identity, String, func, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.auth import Principal
from services.shared.db import Base
from services.shared.errors import DomainError
from services.shared.request_context import current_request_id

logger = logging.getLogger(__name__)
RETENTION = "1 year"


class AuditOperation(StrEnum):
    READ = "read"
    SEARCH = "search"
    EXPORT = "export"
    CREATE = "create"
    UPDATE = "update"
    IMPORT = "import"
    DENIED = "denied"


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), index=True
    )
    service: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(120))
    actor_role: Mapped[str] = mapped_column(String(20))
    actor_caisse: Mapped[str | None] = mapped_column(String(20))
    operation: Mapped[str] = mapped_column(String(10))
    resource_type: Mapped[str] = mapped_column(String(40))
    resource_id: Mapped[str | None] = mapped_column(String(80))
    purpose: Mapped[str | None] = mapped_column(String(200))
    request_id: Mapped[str | None] = mapped_column(String(64))


async def record_audit(
    session: AsyncSession,
    service: str,
    principal: Principal,
    operation: AuditOperation,
    resource_type: str,
    resource_id: object = None,
    purpose: str | None = None,
) -> None:
    """Adds the event to the request's transaction: no access is logged for a change that
    was rolled back, and no change commits without its event."""
    session.add(
        AuditEvent(
            service=service,
            actor=principal.subject,
            actor_role=principal.role.value,
            actor_caisse=principal.caisse_code,
            operation=operation.value,
            resource_type=resource_type,
            resource_id=None if resource_id is None else str(resource_id),
            purpose=purpose,
            request_id=current_request_id(),
        )
    )


async def purge_expired(session: AsyncSession) -> int:
    """Deletes events past the retention period; the only deletion the trigger lets through."""
    await session.execute(text("SET LOCAL rsi.audit_purge = 'on'"))
    result = await session.execute(
        text(f"DELETE FROM audit_event WHERE occurred_at < now() - interval '{RETENTION}'")  # noqa: S608
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def audit_denial(request: Request, exc: DomainError) -> None:
    """A refusal in the audit log, in a transaction of its own (the request's rolls back): every
    403, and a 404 answered for another caisse's object. Never fails the response."""
    principal: Principal | None = getattr(request.state, "principal", None)
    scope = getattr(request.state, "caisse_scope", None)
    refused = sorted(set(scope.refused)) if scope is not None else []
    if principal is None or (exc.status == 404 and not refused):
        return
    why = f"other caisse: {', '.join(refused)}" if refused else exc.detail
    try:
        async with request.app.state.sessionmaker() as session, session.begin():
            await record_audit(
                session,
                request.app.title,
                principal,
                AuditOperation.DENIED,
                "route",
                f"{request.method} {request.url.path}"[:80],
                purpose=why[:200],
            )
    except Exception:
        logger.warning("denial not audited", exc_info=True)
