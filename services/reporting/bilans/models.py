"""Regional bilans: the qualitative text a caisse writes, and its frozen submitted versions."""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class Bilan(Base):
    """One caisse's bilan for one year. Its figures are computed on read while it is a draft;
    ``submitted`` means its latest version is frozen in :class:`BilanVersion`."""

    __tablename__ = "reporting_bilan"
    __table_args__ = (
        UniqueConstraint("caisse_code", "year"),
        CheckConstraint("status IN ('draft', 'submitted')", name="status"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    caisse_code: Mapped[str] = mapped_column(String(20))
    year: Mapped[int] = mapped_column(SmallInteger)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    difficulties: Mapped[str] = mapped_column(Text, default="")
    local_actions: Mapped[str] = mapped_column(Text, default="")
    priorities: Mapped[str] = mapped_column(Text, default="")
    latest_version: Mapped[int] = mapped_column(SmallInteger, default=0)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class BilanVersion(Base):
    """A submitted bilan, frozen: every figure and text as the national office received it."""

    __tablename__ = "reporting_bilan_version"
    __table_args__ = (UniqueConstraint("bilan_id", "version"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    bilan_id: Mapped[int] = mapped_column(ForeignKey("reporting_bilan.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(SmallInteger)
    document: Mapped[dict[str, Any]] = mapped_column(JSONB)
    etag: Mapped[str] = mapped_column(String(80))
    late: Mapped[bool]
    submitted_by: Mapped[str] = mapped_column(String(120))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reopened_by: Mapped[str | None] = mapped_column(String(120))
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reopen_reason: Mapped[str | None] = mapped_column(
        Text, comment="Why the national office reopened this version (shown to the caisse)."
    )
