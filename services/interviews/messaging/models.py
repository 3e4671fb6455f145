"""Interviews' outbox: the invitation emails and SMS, and the reminders (see
:mod:`services.shared.messaging.outbox`)."""

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base
from services.shared.messaging.outbox import MessageChannel, MessageStatus, OutboxMixin

__all__ = ["MessageChannel", "MessageStatus", "OutboxMessage"]


class OutboxMessage(OutboxMixin, Base):
    """An invitation message or reminder to deliver."""

    __tablename__ = "interviews_outbox_message"

    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews_invitation.id"), index=True
    )
