import uuid
from datetime import datetime, time
from typing import Annotated, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, WithJsonSchema, model_validator

from services.interviews.scheduling.models import Channel, InterviewStatus


class CounselorCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=80)
    full_name: str = Field(min_length=1, max_length=200)


class CounselorRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    full_name: str
    caisse_code: str
    active: bool


class SiteCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    address: str = Field(min_length=1, max_length=300)


class SiteRead(SiteCreate):
    model_config = ConfigDict(from_attributes=True, extra="ignore")

    id: int
    caisse_code: str


# A wall-clock time in Europe/Paris. JSON Schema's "time" format demands a UTC offset, which
# a weekly opening time does not have (it is 9 o'clock in winter and in summer alike).
LocalTime = Annotated[
    time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
            "description": "Local time in Europe/Paris, HH:MM or HH:MM:SS.",
            "examples": ["09:00"],
        }
    ),
]


class OpeningPeriod(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    weekday: int = Field(ge=0, le=6, description="0 = Monday")
    starts_at: LocalTime
    ends_at: LocalTime
    channel: Channel
    site_id: int | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.starts_at >= self.ends_at:
            raise ValueError("starts_at doit précéder ends_at")
        if (self.channel is Channel.IN_PERSON) != (self.site_id is not None):
            raise ValueError(
                "une période en présentiel a besoin d'un site ; une période au téléphone n'en a pas"
            )
        return self


class OpeningHoursUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    periods: Annotated[list[OpeningPeriod], Field(max_length=50)]


class AbsenceCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    starts: AwareDatetime
    ends: AwareDatetime
    reason: str = Field(default="", max_length=200)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.starts >= self.ends:
            raise ValueError("starts doit précéder ends")
        return self


class AbsenceRead(BaseModel):
    id: int
    starts: datetime
    ends: datetime
    reason: str


class AbsenceUpdate(BaseModel):
    """What changes in an absence; what is omitted stays."""

    model_config = ConfigDict(extra="forbid")

    starts: AwareDatetime | None = None
    ends: AwareDatetime | None = None
    reason: str | None = Field(default=None, max_length=200)


class BookingRequest(BaseModel):
    """Book an interview for a person of a target list, or spontaneously at the desk."""

    model_config = ConfigDict(extra="forbid")

    person_id: int = Field(ge=1)
    action_id: int = Field(ge=1)
    channel: Channel
    site_id: int | None = None
    start: AwareDatetime
    counselor_id: int | None = Field(
        default=None, description="Omitted: the least loaded available counselor."
    )


class SlotRead(BaseModel):
    counselor_id: int
    counselor_name: str
    channel: Channel
    site_id: int | None
    start: datetime
    end: datetime


class CancelRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=300)


class RescheduleRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: AwareDatetime


class InterviewRead(BaseModel):
    id: uuid.UUID
    caisse_code: str
    counselor_id: int
    person_id: int
    action_id: int
    channel: Channel
    site_id: int | None
    start: datetime
    end: datetime
    status: InterviewStatus


class AgendaEntry(InterviewRead):
    """An interview as the agenda shows it: with the person's name (None while the registry
    cannot say)."""

    person_first_name: str | None
    person_last_name: str | None


class InterviewEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    actor: str
    kind: str
    detail: dict[str, object]
