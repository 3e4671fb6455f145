"""Delivers an outbox: each due message is claimed with ``FOR UPDATE SKIP LOCKED`` (several
workers never take the same one), sent, and marked sent in a transaction of its own. A refused
delivery is retried later with exponential backoff, until the provider says the refusal is
permanent or ``outbox_max_attempts`` deliveries were refused: the message is then ``failed``,
with the reason, and never tried again (it stays in the outbox, for people to see).

Delivery is at least once: should the process die between the provider accepting a message and
the commit (a few milliseconds), it is sent again; the email's stable Message-ID and the SMS
reference let providers drop such a duplicate.
"""

import logging
import re
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.shared.messaging.outbox import MessageChannel, MessageStatus, OutboxMixin
from services.shared.messaging.senders import Attachment, DeliveryError, EmailSender, SmsProvider
from services.shared.metrics import OUTBOX_DELIVERIES
from services.shared.settings import get_settings

logger = logging.getLogger(__name__)
_OUTCOME_LABELS = {
    MessageStatus.SENT: "sent",
    MessageStatus.PENDING: "postponed",
    MessageStatus.FAILED: "failed",
}
BATCH = 50
MAX_BACKOFF = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=30 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


_EMAIL = re.compile(r"<?[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+>?")
_PHONE = re.compile(r"\+?\d(?: ?\d){8,}")


def readable_reason(error: DeliveryError, recipient: str) -> str:
    """The refusal as stored and shown: without the recipient, nor anything like an address
    or a phone number (servers often quote the address they refuse)."""
    reason = str(error)
    if recipient:
        quoted = f"<?{re.escape(recipient)}>?"
        reason = re.sub(quoted, "<destinataire>", reason, flags=re.IGNORECASE)
    reason = _PHONE.sub("<numéro>", _EMAIL.sub("<adresse>", reason))
    return reason[:300] or "Refusé par le fournisseur"


class DeliveryPass(NamedTuple):
    """What one pass did: delivered, to try again later, given up on."""

    sent: int
    postponed: int
    failed: int


async def deliver_due(
    sessions: async_sessionmaker[AsyncSession],
    model: type[OutboxMixin],
    email: EmailSender,
    sms: SmsProvider,
    *,
    max_attempts: int | None = None,
) -> DeliveryPass:
    """One pass over the due messages of ``model``'s outbox (at most ``BATCH``). A message
    refused for the ``max_attempts``-th time (default: the ``outbox_max_attempts`` setting),
    or refused for good, ends ``failed``.

    Each message is claimed, sent and recorded in a transaction of its own: a process that
    dies mid-pass leaves at most the message in flight to be sent again, not the whole
    batch."""
    limit = get_settings().outbox_max_attempts if max_attempts is None else max_attempts
    outcomes = {MessageStatus.SENT: 0, MessageStatus.PENDING: 0, MessageStatus.FAILED: 0}
    for _ in range(BATCH):
        async with sessions() as session, session.begin():
            message = await session.scalar(
                select(model)
                .where(
                    model.status == MessageStatus.PENDING.value,
                    model.next_attempt_at <= datetime.now(UTC),
                )
                .order_by(model.next_attempt_at, model.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            if message is None:
                break
            outcome = await _deliver(message, email, sms, limit)
            outcomes[outcome] += 1
            OUTBOX_DELIVERIES.labels(model.__tablename__, _OUTCOME_LABELS[outcome]).inc()
    sent, postponed = outcomes[MessageStatus.SENT], outcomes[MessageStatus.PENDING]
    if postponed:
        logger.warning(
            "%d messages of %s postponed (provider unavailable)", postponed, model.__tablename__
        )
    return DeliveryPass(sent, postponed, outcomes[MessageStatus.FAILED])


async def _deliver(
    message: OutboxMixin, email: EmailSender, sms: SmsProvider, limit: int
) -> MessageStatus:
    """Sends one claimed message and records the outcome on it; returns its new status."""
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
        message.last_error = readable_reason(exc, message.recipient)
        if exc.permanent or message.attempts >= limit:
            message.status = MessageStatus.FAILED.value
            message.failed_at = datetime.now(UTC)
            # The row's id only: no address, no dedupe key naming whom it is about.
            logger.warning(
                "message %d of %s failed for good after %d attempt(s)%s: %s",
                message.id,
                message.__tablename__,
                message.attempts,
                " (permanent refusal)" if exc.permanent else "",
                message.last_error,
            )
            return MessageStatus.FAILED
        message.next_attempt_at = datetime.now(UTC) + backoff(message.attempts)
        return MessageStatus.PENDING
    message.status = MessageStatus.SENT.value
    message.sent_at = datetime.now(UTC)
    message.last_error = None
    return MessageStatus.SENT
