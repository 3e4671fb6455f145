"""Letter templates (the campaigns and invitations they are written for are
:mod:`services.interviews.invitations.models`)."""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    Identity,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class LetterTemplate(Base):
    """A letter with merge fields (``${person.last_name}``…); national when ``caisse_code`` is
    null, else a caisse's own."""

    __tablename__ = "interviews_letter_template"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    caisse_code: Mapped[str | None] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
