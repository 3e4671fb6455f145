"""Invitations follow the interview they led to, whoever booked it."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import case, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.invitations.models import OPEN_INVITATION, Invitation, InvitationStatus


async def mark_invitations_booked(
    session: AsyncSession, person_id: int, action_id: int, interview_id: uuid.UUID
) -> None:
    """A booking, whoever made it, answers the person's open invitations for the action."""
    await session.execute(
        update(Invitation)
        .where(
            Invitation.person_id == person_id,
            Invitation.action_id == action_id,
            Invitation.status.in_([*OPEN_INVITATION, InvitationStatus.NO_ANSWER.value]),
        )
        .values(status=InvitationStatus.BOOKED.value, interview_id=interview_id)
    )


async def reopen_invitations(session: AsyncSession, interview_id: uuid.UUID) -> None:
    """After a cancellation, the invitation that led to the interview is open again while its
    link is valid (the person may choose another time with the same link); a lapsed one
    records the cancellation (excused)."""
    now = datetime.now(UTC)
    booked = (Invitation.interview_id == interview_id) & (
        Invitation.status == InvitationStatus.BOOKED.value
    )
    await session.execute(
        update(Invitation)
        .where(booked, Invitation.link_expires_at > now)
        .values(
            status=case(
                (Invitation.link_opened_at.is_not(None), InvitationStatus.OPENED.value),
                else_=InvitationStatus.SENT.value,
            ),
            interview_id=None,
        )
    )
    await follow_interview(session, interview_id, InvitationStatus.EXCUSED.value)


async def follow_interview(session: AsyncSession, interview_id: uuid.UUID, status: str) -> None:
    """The invitation that led to an interview follows its outcome (held, no-show, excused)."""
    await session.execute(
        update(Invitation)
        .where(
            Invitation.interview_id == interview_id,
            Invitation.status == InvitationStatus.BOOKED.value,
        )
        .values(status=status)
    )
