"""Reading identity's outbox in tests: the emails queued and the links they carry."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.messaging.models import IdentityOutboxMessage


async def emails_to(session: AsyncSession, recipient: str) -> list[IdentityOutboxMessage]:
    return list(
        await session.scalars(
            select(IdentityOutboxMessage)
            .where(IdentityOutboxMessage.recipient == recipient)
            .order_by(IdentityOutboxMessage.id)
        )
    )


async def latest_link_token(session: AsyncSession, recipient: str) -> str:
    """The token of the newest emailed link to ``recipient`` (after the URL's '#')."""
    messages = await emails_to(session, recipient)
    assert messages, f"no email to {recipient}"
    line = next(line for line in messages[-1].body.splitlines() if "#" in line)
    return line.rsplit("#", 1)[1].strip()
