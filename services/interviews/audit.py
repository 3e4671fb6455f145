"""The interviews service's entries in the shared audit log: every read of an interview, an
agenda, a letter or a registration list, and every change to a booking or a record."""

from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.audit import AuditOperation, record_audit
from services.shared.auth import Principal

SERVICE = "interviews"


async def audit(
    session: AsyncSession,
    principal: Principal,
    operation: AuditOperation,
    resource_type: str,
    resource_id: object = None,
    purpose: str | None = None,
) -> None:
    await record_audit(session, SERVICE, principal, operation, resource_type, resource_id, purpose)
