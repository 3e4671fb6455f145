"""Delivers the outbox: due messages are claimed with ``FOR UPDATE SKIP LOCKED`` (several
workers never take the same one), sent, and marked sent in the same transaction. A failed
delivery is retried later with exponential backoff; nothing is dropped.

Delivery is at least once: should the process die between the provider accepting a message and
the commit, it is sent again; the email's stable Message-ID and the SMS reference let
providers drop such a duplicate.
"""

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.interviews.messaging.models import MessageChannel, MessageStatus, OutboxMessage
from services.interviews.messaging.senders import (
    Attachment,
    DeliveryError,
    EmailSender,
    SmsProvider,
)
from services.interviews.selfservice.service import LinkIssuer, queue_reminders

logger = logging.getLogger(__name__)
BATCH = 50
MAX_BACKOFF = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=30 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


async def deliver_due(
    sessions: async_sessionmaker[AsyncSession], email: EmailSender, sms: SmsProvider
) -> tuple[int, int]:
    """One pass over the due messages; returns (sent, postponed)."""
    sent = postponed = 0
    async with sessions() as session, session.begin():
        due = (
            await session.scalars(
                select(OutboxMessage)
                .where(
                    OutboxMessage.status == MessageStatus.PENDING.value,
                    OutboxMessage.next_attempt_at <= datetime.now(UTC),
                )
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                .limit(BATCH)
                .with_for_update(skip_locked=True)
            )
        ).all()
        for message in due:
            message.attempts += 1
            try:
                if message.channel == MessageChannel.EMAIL.value:
                    await email.send(
                        message.dedupe_key,
                        message.recipient,
                        message.subject,
                        message.body,
                        [Attachment(**a) for a in message.attachments],
                    )
                else:
                    await sms.send(message.dedupe_key, message.recipient, message.body)
            except DeliveryError as exc:
                message.last_error = str(exc)[:300]
                message.next_attempt_at = datetime.now(UTC) + backoff(message.attempts)
                postponed += 1
                continue
            message.status = MessageStatus.SENT.value
            message.sent_at = datetime.now(UTC)
            message.last_error = None
            sent += 1
    if postponed:
        logger.warning("%d messages postponed (provider unavailable)", postponed)
    return sent, postponed


async def run_forever(
    sessions: async_sessionmaker[AsyncSession],
    issuer: LinkIssuer,
    email: EmailSender,
    sms: SmsProvider,
    interval_seconds: float,
) -> None:
    """The background loop of a running interviews service: queue the reminders due, then
    deliver what is due. Several processes may run it (row locks keep them apart)."""
    while True:
        try:
            async with sessions() as session, session.begin():
                await queue_reminders(session, issuer, datetime.now(UTC))
            await deliver_due(sessions, email, sms)
        except Exception:
            logger.exception("messaging pass failed")
        await asyncio.sleep(interval_seconds)
