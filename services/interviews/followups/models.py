"""Follow-ups promised in an interview (a career reconstitution, a RIS request…): the
counselor's worklist, each with a due date and done or not."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class FollowUpTask(Base):
    __tablename__ = "interviews_follow_up"
    __table_args__ = (
        UniqueConstraint("interview_id", "kind", name="one_per_kind"),
        Index("ix_interviews_follow_up_worklist", "caisse_code", "counselor_id", "due_on"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    interview_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("interviews_interview.id"))
    caisse_code: Mapped[str] = mapped_column(String(20))
    counselor_id: Mapped[int] = mapped_column(ForeignKey("interviews_counselor.id"))
    person_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(40))
    due_on: Mapped[date] = mapped_column(Date)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
