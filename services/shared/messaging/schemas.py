"""How an outbox is shown: counts per status and its messages (never their text or address),
shared by the services that send messages; each adds what its messages are about."""

from collections.abc import Iterable
from datetime import datetime
from typing import Generic, Self

from pydantic import BaseModel, Field

from services.shared.messaging.outbox import MessageChannel, MessageStatus, OutboxMixin
from services.shared.pagination import ItemT, Page, PageParams


class MessageCounts(BaseModel):
    pending: int = Field(default=0, description="Waiting for the provider (retried).")
    sent: int = 0
    failed: int = Field(default=0, description="Given up on: refused for good or too often.")

    @classmethod
    def of(cls, rows: Iterable[tuple[str, int]]) -> Self:
        """From (status, count) rows."""
        return cls(**{MessageStatus(status).value: count for status, count in rows})


class MessageRead(BaseModel):
    id: int
    channel: MessageChannel
    status: MessageStatus
    attempts: int = Field(description="Deliveries tried so far.")
    last_error: str | None = Field(
        description="The provider's latest refusal, in words (never the address)."
    )
    created_at: datetime
    sent_at: datetime | None
    failed_at: datetime | None = Field(description="When the worker gave up.")

    @staticmethod
    def fields_of(message: OutboxMixin) -> dict[str, object]:
        return {
            "id": message.id,
            "channel": MessageChannel(message.channel),
            "status": MessageStatus(message.status),
            "attempts": message.attempts,
            "last_error": message.last_error,
            "created_at": message.created_at,
            "sent_at": message.sent_at,
            "failed_at": message.failed_at,
        }


class MessagePage(Page[ItemT], Generic[ItemT]):
    """A page of messages (``total``: those matching the filter) with the counts of every
    status, filter or not."""

    counts: MessageCounts

    @classmethod
    def of_messages(
        cls, items: list[ItemT], total: int, page: PageParams, counts: MessageCounts
    ) -> "MessagePage[ItemT]":
        return cls(items=items, total=total, limit=page.limit, offset=page.offset, counts=counts)
