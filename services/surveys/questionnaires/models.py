"""Questionnaire models, versioned: the national model and each caisse's regional questions.

A version is a draft (editable), then published (frozen: what people answer), then retired
(replaced by a newer published version). A caisse's regional version extends one published
national version with questions of its own, asked after the national ones.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base

OVERALL_SATISFACTION_KEY = "overall_satisfaction"


class VersionStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"


class QuestionType(StrEnum):
    SCALE = "scale_1_5"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    FREE_TEXT = "free_text"


class QuestionnaireVersion(Base):
    __tablename__ = "surveys_questionnaire_version"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published', 'retired')", name="status"),
        # Regional versions (a caisse's) extend a national one; national ones extend nothing.
        CheckConstraint("(caisse_code IS NULL) = (base_version_id IS NULL)", name="regional_base"),
        UniqueConstraint("caisse_code", "number", postgresql_nulls_not_distinct=True),
        Index(
            "ix_surveys_questionnaire_version_one_published",
            "caisse_code",
            unique=True,
            postgresql_where=text("status = 'published'"),
            postgresql_nulls_not_distinct=True,
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    caisse_code: Mapped[str | None] = mapped_column(String(20), index=True)
    base_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("surveys_questionnaire_version.id")
    )
    number: Mapped[int] = mapped_column(SmallInteger)
    title: Mapped[str] = mapped_column(String(200))
    introduction: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=VersionStatus.DRAFT.value)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Question(Base):
    __tablename__ = "surveys_question"
    __table_args__ = (
        CheckConstraint(
            "type IN ('scale_1_5', 'single_choice', 'multiple_choice', 'yes_no', 'free_text')",
            name="type",
        ),
        UniqueConstraint("version_id", "key"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("surveys_questionnaire_version.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(SmallInteger)
    # Stable across versions (copied with the question): results consolidate by key.
    key: Mapped[str] = mapped_column(String(40))
    type: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(500))
    required: Mapped[bool] = mapped_column(default=True)
    options: Mapped[list[str]] = mapped_column(JSONB, default=list)
