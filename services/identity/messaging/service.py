"""Queues an email to an account's owner in the request's transaction: no email for a change
that rolled back, no account or reset without its email."""

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.messaging.models import IdentityOutboxMessage
from services.identity.models import User
from services.shared.messaging.outbox import MessageChannel


async def queue_email(
    session: AsyncSession, user: User, dedupe_key: str, subject: str, body: str
) -> None:
    assert user.email is not None
    await session.execute(
        insert(IdentityOutboxMessage)
        .values(
            dedupe_key=dedupe_key,
            channel=MessageChannel.EMAIL.value,
            recipient=user.email,
            subject=subject,
            body=body,
            attachments=[],
            caisse_code=user.caisse_code or "",
            user_id=user.id,
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
