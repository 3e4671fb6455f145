"""The audit log of personal-data access (CNIL délibération 2021-122).

Each read or change of a person's data records who, when (UTC), what operation, on which
record, and why. The API never updates or deletes audit rows, and a trigger refuses it in the
database too; only :func:`purge_expired` (retention) may delete, by setting ``rsi.audit_purge``.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, DateTime, Identity, String, func, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.auth import Principal
from services.shared.db import Base
from services.shared.request_context import current_request_id

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
