"""Invitation campaigns for a target list, and each invitation's fate: the records that
letters write, scheduling and the public booking path follow, and the contact history reads."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class CampaignPurpose(StrEnum):
    INTERVIEW = "interview"  # a letter proposing an individual interview
    MEETING = "meeting"  # an invitation to a collective meeting
    INFORMATION = "information"  # a letter-only action (the creators' guide)


class Campaign(Base):
    """A mailing to the people of a frozen target list. The template is copied at launch so
    that every letter of the campaign, re-rendered later, reads the same."""

    __tablename__ = "interviews_campaign"
    __table_args__ = (
        CheckConstraint("purpose IN ('interview', 'meeting', 'information')", name="purpose"),
        CheckConstraint("(purpose = 'meeting') = (meeting_id IS NOT NULL)", name="meeting"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    caisse_code: Mapped[str] = mapped_column(String(20), index=True)
    action_id: Mapped[int] = mapped_column(BigInteger)
    target_list_id: Mapped[uuid.UUID]
    job_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("interviews_job.id"))
    purpose: Mapped[str] = mapped_column(String(12))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("interviews_meeting.id"))
    template_id: Mapped[int] = mapped_column(ForeignKey("interviews_letter_template.id"))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    context: Mapped[dict[str, Any]] = mapped_column(
        JSONB, comment="Merge values shared by every letter: caisse, action, booking, meeting."
    )
    reply_by: Mapped[date | None] = mapped_column(Date)
    action_settings: Mapped[dict[str, Any]] = mapped_column(
        JSONB,
        default=dict,
        comment="The action's interview length, link validity, notice and reminder delays, "
        "as at launch (the public booking page has no token to ask targeting).",
    )
    capacity_warning: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    letters: Mapped[int] = mapped_column(Integer, default=0)
    batch_file: Mapped[str | None] = mapped_column(String(300))
    # Files the letters are stored in (services/interviews/letters/volumes.py).
    volumes: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    reminder_file: Mapped[str | None] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class InvitationStatus(StrEnum):
    """The invitation funnel: sent → opened (the personal link) → booked → held / no_show /
    excused; or declined, returned (the post office sent the letter back), no_answer (after
    the reply date), expired (the link lapsed unused)."""

    SENT = "sent"
    OPENED = "opened"
    BOOKED = "booked"
    HELD = "held"
    NO_SHOW = "no_show"
    EXCUSED = "excused"
    DECLINED = "declined"
    NO_ANSWER = "no_answer"
    RETURNED = "returned"
    EXPIRED = "expired"


OPEN_INVITATION = (InvitationStatus.SENT.value, InvitationStatus.OPENED.value)


class Invitation(Base):
    __tablename__ = "interviews_invitation"
    __table_args__ = (
        CheckConstraint(
            "status IN ('sent', 'opened', 'booked', 'held', 'no_show', 'excused', 'declined', "
            "'no_answer', 'returned', 'expired')",
            name="status",
        ),
        UniqueConstraint("campaign_id", "person_id", name="one_per_person"),
        Index("ix_interviews_invitation_person", "person_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("interviews_campaign.id"), index=True)
    caisse_code: Mapped[str] = mapped_column(String(20))
    action_id: Mapped[int] = mapped_column(BigInteger)
    person_id: Mapped[int] = mapped_column(BigInteger)
    rank: Mapped[int] = mapped_column(Integer)
    recipient: Mapped[dict[str, Any]] = mapped_column(
        JSONB, comment="Name and postal address as printed on the letter."
    )
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default=InvitationStatus.SENT.value)
    interview_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("interviews_interview.id"))
    link_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    link_opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Digest of the personal booking link's token (the token itself is never stored).
    link_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    reminders_enabled: Mapped[bool] = mapped_column(default=True, server_default="true")
    reminders: Mapped[int] = mapped_column(SmallInteger, default=0)
    last_reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
