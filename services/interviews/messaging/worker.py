"""Interviews' messaging loop: queue the reminders due, then deliver its outbox (the generic
worker of :mod:`services.shared.messaging.worker`)."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.interviews.messaging.models import OutboxMessage
from services.interviews.selfservice.service import LinkIssuer, queue_reminders
from services.shared.messaging import worker
from services.shared.messaging.senders import EmailSender, SmsProvider


async def run_forever(
    sessions: async_sessionmaker[AsyncSession],
    issuer: LinkIssuer,
    email: EmailSender,
    sms: SmsProvider,
    interval_seconds: float,
) -> None:
    """The background loop of a running interviews service. Several processes may run it
    (row locks keep them apart)."""

    async def reminders(session: AsyncSession, now: datetime) -> None:
        await queue_reminders(session, issuer, now)

    await worker.run_forever(
        sessions, OutboxMessage, email, sms, interval_seconds, before=reminders
    )
