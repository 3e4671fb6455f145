"""The outbox: every email and SMS is a row first, delivered by the worker afterwards.

Each service that sends messages owns its outbox table (``<service>_outbox_message``): the
model combines :class:`OutboxMixin` with ``Base`` and adds its own link to what the message is
about (an invitation, a survey link…).
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Identity,
    Index,
    SmallInteger,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


class MessageChannel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


class MessageStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # refused for good, or too many times: never tried again


class OutboxMixin:
    """A message to deliver. ``dedupe_key`` makes each message exist once whatever retries the
    producers make (one email per invitation or survey link, one 48-hour reminder per
    appointment time…); the worker retries with backoff until the provider accepts it, or
    marks it ``failed`` (a permanent refusal, or ``outbox_max_attempts`` refusals). A failed
    row stays, with its key: the message is never queued, hence sent, again."""

    __tablename__: str

    @declared_attr.directive
    @classmethod
    def __table_args__(cls) -> tuple[Any, ...]:
        return (
            CheckConstraint("channel IN ('email', 'sms')", name="channel"),
            CheckConstraint("status IN ('pending', 'sent', 'failed')", name="status"),
            Index(
                f"ix_{cls.__tablename__}_due",
                "next_attempt_at",
                postgresql_where=text("status = 'pending'"),
            ),
        )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(120), unique=True)
    channel: Mapped[str] = mapped_column(String(5))
    recipient: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text)
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, comment="[{filename, content_type, content (text)}]"
    )
    caisse_code: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(8), default=MessageStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    # The latest refusal, for people to read: never the recipient's address.
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failed_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When the worker gave up (status 'failed')."
    )


def is_mobile(phone: str | None) -> bool:
    """A French mobile number (06, 07, +336, +337): the only ones an SMS is sent to."""
    return bool(phone) and str(phone).replace(" ", "").startswith(("06", "07", "+336", "+337"))
