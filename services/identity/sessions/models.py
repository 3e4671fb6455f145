"""Sign-in sessions: each a family of refresh tokens rotated on every renewal."""

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class SignInSession(Base):
    """One sign-in and every refresh token rotated from it (a token family)."""

    __tablename__ = "identity_session"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("identity_user.id", ondelete="CASCADE"), index=True
    )
    method: Mapped[str] = mapped_column(String(20), comment="password or oidc")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), index=True, comment="The absolute lifetime's end."
    )
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_reason: Mapped[str | None] = mapped_column(
        String(20), comment="logout, reuse, inactive"
    )


class RefreshToken(Base):
    """A refresh token of a session, stored as its SHA-256 only. ``used_at`` is set when it
    is rotated: presenting it again is a reuse, which revokes the whole session."""

    __tablename__ = "identity_refresh_token"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("identity_session.id", ondelete="CASCADE"), index=True
    )
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
