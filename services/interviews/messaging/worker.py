"""Interviews' messaging pass: queue the reminders due, then deliver its outbox (the generic
delivery of :mod:`services.shared.messaging.worker`)."""

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.interviews.messaging.models import OutboxMessage
from services.interviews.selfservice.service import LinkIssuer, queue_reminders
from services.shared.messaging import worker
from services.shared.messaging.senders import EmailSender, SmsProvider


async def remind_and_deliver(
    sessions: async_sessionmaker[AsyncSession],
    issuer: LinkIssuer,
    email: EmailSender,
    sms: SmsProvider,
    max_attempts: int,
) -> worker.DeliveryPass:
    """One pass. Several workers may run passes at once (row locks keep them apart)."""
    async with sessions() as session, session.begin():
        await queue_reminders(session, issuer, datetime.now(UTC))
    return await worker.deliver_due(sessions, OutboxMessage, email, sms, max_attempts=max_attempts)
