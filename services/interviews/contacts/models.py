"""Completed contacts of every kind, in one table: the feed other services read."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Identity,
    Index,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class ContactKind(StrEnum):
    INTERVIEW = "interview"
    MEETING = "meeting"
    LETTER = "letter"


class ContactChannel(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    COLLECTIVE = "collective"
    LETTER = "letter"


class Contact(Base):
    """A person was reached: an interview held, a meeting attended, a letter sent.

    ``id`` is the feed's cursor. ``written_by_xid`` lets the feed hold back rows of
    transactions still in flight, whose smaller ids would otherwise be skipped by a reader
    that has already moved past them.
    """

    __tablename__ = "interviews_contact"
    __table_args__ = (
        CheckConstraint("kind IN ('interview', 'meeting', 'letter')", name="kind"),
        CheckConstraint(
            "channel IN ('in_person', 'phone', 'collective', 'letter')", name="channel"
        ),
        # One contact per source and person: recording again changes nothing.
        UniqueConstraint("kind", "source_id", "person_id", name="one_per_source"),
        Index("ix_interviews_contact_person", "person_id"),
        Index("ix_interviews_contact_caisse_action", "caisse_code", "action_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    caisse_code: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[int] = mapped_column(BigInteger)
    action_id: Mapped[int | None] = mapped_column(BigInteger)
    channel: Mapped[str] = mapped_column(String(12))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    source_id: Mapped[str] = mapped_column(String(40))
    written_by_xid: Mapped[int] = mapped_column(
        BigInteger, server_default=text("(pg_current_xact_id()::text)::bigint")
    )
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class RelayCursor(Base):
    """How far a relay of the contact feed has got (e.g. recency sent to targeting)."""

    __tablename__ = "interviews_relay_cursor"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
