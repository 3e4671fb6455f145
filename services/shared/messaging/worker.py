"""Delivers an outbox: due messages are claimed with ``FOR UPDATE SKIP LOCKED`` (several
workers never take the same one), sent, and marked sent in the same transaction. A failed
delivery is retried later with exponential backoff; nothing is dropped.

Delivery is at least once: should the process die between the provider accepting a message and
the commit, it is sent again; the email's stable Message-ID and the SMS reference let
providers drop such a duplicate.
"""

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.shared.messaging.outbox import MessageChannel, MessageStatus, OutboxMixin
from services.shared.messaging.senders import Attachment, DeliveryError, EmailSender, SmsProvider

logger = logging.getLogger(__name__)
BATCH = 50
MAX_BACKOFF = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=30 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


async def deliver_due(
    sessions: async_sessionmaker[AsyncSession],
    model: type[OutboxMixin],
    email: EmailSender,
    sms: SmsProvider,
) -> tuple[int, int]:
    """One pass over the due messages of ``model``'s outbox; returns (sent, postponed)."""
    sent = postponed = 0
    async with sessions() as session, session.begin():
        due = (
            await session.scalars(
                select(model)
                .where(
                    model.status == MessageStatus.PENDING.value,
                    model.next_attempt_at <= datetime.now(UTC),
                )
                .order_by(model.next_attempt_at, model.id)
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
        logger.warning(
            "%d messages of %s postponed (provider unavailable)", postponed, model.__tablename__
        )
    return sent, postponed
