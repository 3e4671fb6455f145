"""A counselor's calendar subscription: the secret in its address, revocable."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class AgendaFeed(Base):
    """The counselor's current subscription address. The token is derived from the link
    secret and the generation, so the address can be shown again; only its SHA-256 is kept
    for the lookup. Renewing bumps the generation (the old address stops working); revoking
    clears the hash."""

    __tablename__ = "interviews_agenda_feed"

    counselor_id: Mapped[int] = mapped_column(
        ForeignKey("interviews_counselor.id", ondelete="CASCADE"), primary_key=True
    )
    generation: Mapped[int] = mapped_column()
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
