"""A person's contact history and the activity figures, as other services and the SPA read
them. These shapes are a contract: change them only compatibly."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from services.interviews.contacts.models import ContactChannel


class HistoryEntry(BaseModel):
    """One line of a person's history: an interview (any status), a meeting registration, a
    letter received (invitation or information)."""

    kind: Literal["interview", "meeting", "letter"]
    at: datetime
    action_id: int | None
    status: str = Field(
        description="interview: booked/done/no_show/cancelled; meeting: registered/waitlisted/"
        "cancelled/attended; letter: sent/booked/declined/no_answer/returned."
    )
    channel: ContactChannel
    title: str = Field(description="What it was, in French, for display.")
    reference: str = Field(description="The interview id, meeting id or campaign id.")


class ChannelStats(BaseModel):
    channel: Literal["in_person", "phone"]
    booked: int = Field(description="Interviews booked and not cancelled (booked, done, no_show).")
    held: int
    no_show: int
    cancelled: int


class ActionActivity(BaseModel):
    caisse_code: str
    action_id: int
    invited: int = Field(description="Invitation letters sent for the action (campaigns).")
    funnel: dict[str, int] = Field(
        default_factory=dict,
        description="Invitations by where they stand: sent, opened (the personal link), "
        "booked, held, no_show, excused, declined, no_answer, returned, expired.",
    )
    channels: list[ChannelStats]
    meetings_held: int
    meeting_registrations: int = Field(description="Registrations not cancelled (incl. waitlist).")
    meeting_attendance: int
    letters_sent: int = Field(description="Letter contacts recorded (letter-only actions).")


class ActivityStats(BaseModel):
    items: list[ActionActivity]
