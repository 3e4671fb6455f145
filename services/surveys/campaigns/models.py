"""Survey campaigns, the draw's cursor over completed contacts, and personal answer links."""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class Campaign(Base):
    """Who is surveyed after an action's contacts, with which questionnaire version.

    ``caisse_code`` NULL: a national campaign (every caisse, national model); ``action_id``
    NULL: the spontaneous interviews (not tied to an action). Sampling keeps a share of the
    contacts, or a number per caisse, and never fewer than ``minimum_per_caisse``.
    """

    __tablename__ = "surveys_campaign"
    __table_args__ = (
        CheckConstraint("(sample_share IS NULL) <> (sample_count IS NULL)", name="one_rule"),
        CheckConstraint("sample_share > 0 AND sample_share <= 1", name="share_range"),
        CheckConstraint("sample_count > 0", name="count_positive"),
        CheckConstraint("minimum_per_caisse >= 0", name="minimum_positive"),
        Index(
            "ix_surveys_campaign_one_active",
            "caisse_code",
            "action_id",
            unique=True,
            postgresql_where=text("active"),
            postgresql_nulls_not_distinct=True,
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    caisse_code: Mapped[str | None] = mapped_column(String(20), index=True)
    action_id: Mapped[int | None] = mapped_column(BigInteger)
    title: Mapped[str] = mapped_column(String(200))
    questionnaire_version_id: Mapped[int] = mapped_column(
        ForeignKey("surveys_questionnaire_version.id")
    )
    sample_share: Mapped[float | None] = mapped_column(Float)
    sample_count: Mapped[int | None] = mapped_column(Integer)
    minimum_per_caisse: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(default=True)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class DrawCursor(Base):
    """How far the draw has read the interviews service's feed of completed contacts."""

    __tablename__ = "surveys_draw_cursor"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    after: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Link(Base):
    """A personal, single-use answer link. Only the token's SHA-256 is kept: the token itself
    is shown once, when (re)issued."""

    __tablename__ = "surveys_link"
    __table_args__ = (
        UniqueConstraint("campaign_id", "person_id"),
        CheckConstraint("reason IN ('sampled', 'minimum', 'staff')", name="reason"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("surveys_campaign.id"), index=True)
    caisse_code: Mapped[str] = mapped_column(String(20), index=True)
    action_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    person_id: Mapped[int] = mapped_column(BigInteger)
    contact_event_id: Mapped[int | None] = mapped_column(BigInteger)
    contact_kind: Mapped[str] = mapped_column(String(12))
    channel: Mapped[str | None] = mapped_column(String(12))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
