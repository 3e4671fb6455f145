"""The modular interview guide (« trame à tiroirs ») as versioned data, and what a counselor
recorded of an interview held with it."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

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


class GuideStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"


class GuideVersion(Base):
    """One version of the guide. Drafts are edited; a published version never changes; the
    latest published one is the guide in use, earlier ones are retired."""

    __tablename__ = "interviews_guide_version"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published', 'retired')", name="status"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    status: Mapped[str] = mapped_column(String(10), default=GuideStatus.DRAFT.value)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class GuideSection(Base):
    """A drawer of the guide: what to cover, and on which profiles (``condition``)."""

    __tablename__ = "interviews_guide_section"
    __table_args__ = (UniqueConstraint("version_id", "key", name="one_key_per_version"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("interviews_guide_version.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    condition: Mapped[dict[str, Any]] = mapped_column(JSONB)


class InterviewRecord(Base):
    """What happened in a held (or missed) interview: sections covered, follow-ups, notes."""

    __tablename__ = "interviews_interview_record"

    interview_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("interviews_interview.id"), primary_key=True
    )
    guide_version_id: Mapped[int] = mapped_column(ForeignKey("interviews_guide_version.id"))
    sections_proposed: Mapped[list[str]] = mapped_column(JSONB)
    sections_covered: Mapped[list[str]] = mapped_column(JSONB)
    follow_ups: Mapped[list[str]] = mapped_column(JSONB)
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
