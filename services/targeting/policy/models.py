"""The yearly contact policy: the national socle's actions and each caisse's own."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    SmallInteger,
    String,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class ContactType(StrEnum):
    INDIVIDUAL_INTERVIEW = "individual_interview"
    LETTER = "letter"
    COLLECTIVE_MEETING = "collective_meeting"


class PolicyAction(Base):
    __tablename__ = "targeting_policy_action"
    __table_args__ = (
        CheckConstraint(
            "contact_type IN ('individual_interview', 'letter', 'collective_meeting')",
            name="contact_type",
        ),
        CheckConstraint("calendar_start <= calendar_end", name="calendar_order"),
        # National actions (the socle) have no caisse; regional ones belong to one.
        CheckConstraint("national = (caisse_code IS NULL)", name="national_has_no_caisse"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    year: Mapped[int] = mapped_column(SmallInteger, index=True)
    national: Mapped[bool]
    caisse_code: Mapped[str | None] = mapped_column(ForeignKey("targeting_caisse.code"))
    code: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    contact_type: Mapped[str] = mapped_column(String(24))
    target_description: Mapped[str] = mapped_column(Text)
    specific_objective: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    calendar_start: Mapped[date] = mapped_column(Date)
    calendar_end: Mapped[date] = mapped_column(Date)
    modalities: Mapped[str] = mapped_column(Text)
    tools: Mapped[str] = mapped_column(Text)
    target_definition: Mapped[dict[str, Any]] = mapped_column(JSONB)
    recency_window_days: Mapped[int] = mapped_column(SmallInteger, default=365)
    interview_minutes: Mapped[int | None] = mapped_column(SmallInteger)
    # Free time kept after each interview (notes, the next person's file).
    buffer_minutes: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    # Invitations the person answers through a personal link (issue: self-service booking).
    booking_link_days: Mapped[int] = mapped_column(SmallInteger, default=10, server_default="10")
    change_notice_hours: Mapped[int] = mapped_column(SmallInteger, default=24, server_default="24")
    reminder_after_days: Mapped[int | None] = mapped_column(
        SmallInteger, default=5, server_default="5"
    )
    created_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PolicyYear(Base):
    """A year of the policy the national office prepared from another: caisses see its socle
    from ``published_on`` on. A year without a row (the seeded 2011, a socle written action by
    action) is visible as soon as its actions exist."""

    __tablename__ = "targeting_policy_year"

    year: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    prepared_from: Mapped[int] = mapped_column(SmallInteger)
    # Whether the age criteria (birth years, creation and affiliation dates) moved one year
    # per year, so that the same generation is not targeted again.
    criteria_shifted: Mapped[bool]
    published_on: Mapped[date | None] = mapped_column(Date)
    prepared_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
