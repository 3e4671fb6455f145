"""Collective meetings (« rencontres »): the event, who registered, who came."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class MeetingKind(StrEnum):
    TRADE_SHOW = "trade_show"  # rencontre de conseil social at an existing trade event
    AUTO_ENTREPRENEURS = "auto_entrepreneurs"  # rencontre auto-entrepreneurs


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class Meeting(Base):
    __tablename__ = "interviews_meeting"
    __table_args__ = (
        CheckConstraint("kind IN ('trade_show', 'auto_entrepreneurs')", name="kind"),
        CheckConstraint("status IN ('planned', 'held', 'cancelled')", name="status"),
        CheckConstraint("starts_at < ends_at", name="period_order"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    caisse_code: Mapped[str] = mapped_column(String(20), index=True)
    action_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    partner_event: Mapped[str | None] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    capacity: Mapped[int] = mapped_column(Integer)
    professional_category: Mapped[str | None] = mapped_column(String(60))
    topics: Mapped[list[str]] = mapped_column(JSONB, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=MeetingStatus.PLANNED.value)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class RegistrationStatus(StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class Registration(Base):
    __tablename__ = "interviews_meeting_registration"
    __table_args__ = (
        CheckConstraint("status IN ('registered', 'waitlisted', 'cancelled')", name="status"),
        CheckConstraint(
            "checked_in_at IS NULL OR status = 'registered'", name="only_registered_attend"
        ),
        UniqueConstraint("meeting_id", "person_id", name="once_per_meeting"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("interviews_meeting.id"), index=True)
    person_id: Mapped[int] = mapped_column(BigInteger, index=True)
    display_name: Mapped[str] = mapped_column(String(210))
    status: Mapped[str] = mapped_column(String(12))
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outside_target_reason: Mapped[str | None] = mapped_column(
        String(300), comment="Why a person outside the meeting's target was registered."
    )
    registered_by: Mapped[str] = mapped_column(String(120))
    registered_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
