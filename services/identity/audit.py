"""Identity's entries in the audit log: every change of an account or a machine client."""

from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.models import User
from services.shared.audit import AuditOperation, record_audit
from services.shared.auth import Principal, Role

SERVICE = "identity"


def owner(user: User) -> Principal:
    """The account's owner as the actor of what a link they hold does (no token then)."""
    return Principal(
        subject=f"user:{user.username}",
        role=Role(user.role),
        caisse_code=user.caisse_code,
        name=user.full_name,
        scopes=frozenset(),
        token="",
    )


async def audit(
    session: AsyncSession,
    principal: Principal,
    operation: AuditOperation,
    resource_type: str,
    resource_id: object,
    what: str | None = None,
) -> None:
    await record_audit(session, SERVICE, principal, operation, resource_type, resource_id, what)
