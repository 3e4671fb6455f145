from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from services.interviews.scheduling.models import Channel


class PublicBooking(BaseModel):
    start: datetime
    end: datetime
    channel: Channel
    place: str | None = Field(description="The reception site's address, for in-person interviews.")
    can_change_until: datetime


class PublicInvitation(BaseModel):
    """What the invited person sees: nothing about them beyond their own appointment."""

    caisse_name: str
    action_title: str
    contact_phone: str
    status: Literal["invited", "booked"]
    expires_at: datetime
    change_notice_hours: int = Field(
        description="A booking can be changed or cancelled online until this many hours before."
    )
    booking: PublicBooking | None


class PublicSlot(BaseModel):
    start: datetime
    end: datetime
    channel: Channel
    site_id: int | None
    place: str | None


class PublicBookingRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: AwareDatetime
    channel: Channel
    site_id: int | None = None


class PublicReschedule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: AwareDatetime


class CapacityFigures(BaseModel):
    people: int = Field(description="People the campaign invites.")
    booking_rate: float = Field(description="Share expected to book (this caisse's history).")
    expected_bookings: int
    free_slots: int = Field(description="Free interview slots until window_end.")
    window_end: datetime
    enough: bool


class CapacityAlert(CapacityFigures):
    caisse_code: str
    action_id: int


class PlanningRow(BaseModel):
    action_id: int
    code: str
    title: str
    window_start: datetime | None = Field(description="Null when the action's window has passed.")
    window_end: datetime | None
    targeted: int = Field(description="The action's volumetry for the caisse.")
    minutes_per_interview: int = Field(description="Interview length plus buffer.")
    hours_needed: float
    hours_available: float = Field(
        description="Counselors' opening hours in the window, less absences and holidays "
        "(shared by every action of the window)."
    )
    gap_hours: float = Field(description="Available minus needed; negative when short.")
