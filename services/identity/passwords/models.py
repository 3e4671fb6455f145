"""The single-use links that let a person choose a password."""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Identity, String, func
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class LinkPurpose(StrEnum):
    INVITATION = "invitation"  # a new account: its owner chooses the first password
    RESET = "reset"  # "mot de passe oublié"


class PasswordLink(Base):
    """A link sent by email. Only the SHA-256 of its token is kept: the database alone opens
    no account. Used once (``used_at``), or voided by a newer link of the same account."""

    __tablename__ = "identity_password_link"
    __table_args__ = (CheckConstraint("purpose IN ('invitation', 'reset')", name="purpose"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("identity_user.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(12))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When it set a password, or was voided by a newer link."
    )
