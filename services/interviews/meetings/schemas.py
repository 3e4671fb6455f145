from datetime import datetime
from typing import Literal, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from services.interviews.meetings.models import MeetingKind, MeetingStatus, RegistrationStatus


class MeetingCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action_id: int
    kind: MeetingKind
    title: str = Field(min_length=1, max_length=200)
    partner_event: str | None = Field(
        default=None, max_length=200, description="The trade show or event that hosts it."
    )
    place: str = Field(min_length=1, max_length=300)
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    capacity: int = Field(ge=1, le=5000)
    professional_category: str | None = Field(
        default=None,
        max_length=60,
        description="Required at a trade show: a category with professional-risk information.",
    )
    topics: list[str] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at doit suivre starts_at")
        return self


class MeetingUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["planned", "held", "cancelled"] | None = None
    topics: list[str] | None = Field(default=None, max_length=20)
    notes: str | None = Field(default=None, max_length=10_000)
    capacity: int | None = Field(default=None, ge=1, le=5000)


class MeetingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    caisse_code: str
    action_id: int
    kind: MeetingKind
    title: str
    partner_event: str | None
    place: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    professional_category: str | None
    topics: list[str]
    notes: str
    status: MeetingStatus
    registered: int = 0
    waitlisted: int = 0
    attended: int = 0


class RegistrationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person_id: int
    outside_target_reason: str | None = Field(
        default=None,
        min_length=3,
        max_length=300,
        description="Registers a person outside the meeting's target, saying why.",
    )


class RegistrationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    meeting_id: int
    person_id: int
    display_name: str
    status: RegistrationStatus
    waitlist_position: int | None = None
    outside_target_reason: str | None = None
    checked_in_at: datetime | None
    registered_at: datetime
