"""Tables owned by the interviews service: who receives, where, when, and the interviews."""

import uuid
from datetime import datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    SmallInteger,
    String,
    Time,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, TSTZRANGE, ExcludeConstraint, Range
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base
from services.shared.idempotency import IdempotencyColumns


class Channel(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"


class InterviewStatus(StrEnum):
    BOOKED = "booked"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


class Counselor(Base):
    """A counselor who holds interviews; linked to an identity user by username."""

    __tablename__ = "interviews_counselor"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    caisse_code: Mapped[str] = mapped_column(String(20), index=True)
    active: Mapped[bool] = mapped_column(default=True)


class Site(Base):
    """A reception site (accueil) of a caisse."""

    __tablename__ = "interviews_site"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    caisse_code: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))


class OpeningHours(Base):
    """A weekly period when a counselor receives, at a site or by phone (local time)."""

    __tablename__ = "interviews_opening_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("starts_at < ends_at", name="period_order"),
        CheckConstraint(
            "(channel = 'in_person') = (site_id IS NOT NULL)", name="in_person_has_site"
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    counselor_id: Mapped[int] = mapped_column(ForeignKey("interviews_counselor.id"), index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("interviews_site.id"))
    channel: Mapped[str] = mapped_column(String(12))
    weekday: Mapped[int] = mapped_column(SmallInteger, comment="0 = Monday")
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)


class Absence(Base):
    __tablename__ = "interviews_absence"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    counselor_id: Mapped[int] = mapped_column(ForeignKey("interviews_counselor.id"), index=True)
    during: Mapped[Range[datetime]] = mapped_column(TSTZRANGE)
    reason: Mapped[str] = mapped_column(String(200), default="")


class Interview(Base):
    """An individual interview. Postgres itself refuses two live interviews of one counselor
    whose blocked times overlap, whatever the concurrency (exclusion constraint, btree_gist)."""

    __tablename__ = "interviews_interview"
    __table_args__ = (
        ExcludeConstraint(
            ("counselor_id", "="),
            ("blocked", "&&"),
            name="no_overlap_per_counselor",
            using="gist",
            where="status <> 'cancelled'",
        ),
        CheckConstraint("status IN ('booked', 'done', 'no_show', 'cancelled')", name="status"),
        CheckConstraint("channel IN ('in_person', 'phone')", name="channel"),
        Index("ix_interviews_interview_person", "person_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    caisse_code: Mapped[str] = mapped_column(String(20), index=True)
    counselor_id: Mapped[int] = mapped_column(ForeignKey("interviews_counselor.id"))
    person_id: Mapped[int] = mapped_column(BigInteger)
    action_id: Mapped[int] = mapped_column(BigInteger)
    channel: Mapped[str] = mapped_column(String(12))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("interviews_site.id"))
    during: Mapped[Range[datetime]] = mapped_column(TSTZRANGE)
    # The interview and the action's buffer after it: what no other interview may overlap.
    blocked: Mapped[Range[datetime]] = mapped_column(TSTZRANGE)
    status: Mapped[str] = mapped_column(String(12), default=InterviewStatus.BOOKED.value)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class InterviewEvent(Base):
    """The history of an interview: booked, rescheduled, cancelled (with why), held…"""

    __tablename__ = "interviews_interview_event"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    interview_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("interviews_interview.id"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)


class IdempotencyKey(IdempotencyColumns, Base):
    __tablename__ = "interviews_idempotency_key"
