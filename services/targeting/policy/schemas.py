from datetime import date, datetime
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from services.targeting.policy.models import ContactType
from services.targeting.targets.definition import TargetDefinition

ActionCode = Annotated[
    str, StringConstraints(min_length=1, max_length=40, pattern=r"^[A-Z0-9_-]+$")
]


class ActionFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: ActionCode
    title: str = Field(min_length=1, max_length=200)
    contact_type: ContactType
    target_description: str = Field(max_length=2000)
    specific_objective: str = Field(max_length=4000)
    content: str = Field(max_length=4000)
    calendar_start: date
    calendar_end: date
    modalities: str = Field(max_length=2000)
    tools: str = Field(max_length=2000)
    target_definition: TargetDefinition
    recency_window_days: int = Field(default=365, ge=0, le=3650)
    interview_minutes: int | None = Field(default=None, ge=10, le=240)
    buffer_minutes: int = Field(
        default=0, ge=0, le=120, description="Free time kept after each interview."
    )
    booking_link_days: int = Field(
        default=10, ge=1, le=90, description="How long an invitation's personal link is valid."
    )
    change_notice_hours: int = Field(
        default=24,
        ge=0,
        le=336,
        description="Until how long before the interview the person may cancel or move it.",
    )
    reminder_after_days: int | None = Field(
        default=5, ge=1, le=60, description="Remind who has not booked after N days; null: never."
    )

    @model_validator(mode="after")
    def _calendar_in_order(self) -> Self:
        if self.calendar_start > self.calendar_end:
            raise ValueError("calendar_start ne doit pas suivre calendar_end")
        return self


class ActionCreate(ActionFields):
    """A caisse manager creates a regional action of its caisse; the national office a
    national one (part of the socle)."""


class ActionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=200)
    target_description: str | None = Field(default=None, max_length=2000)
    specific_objective: str | None = Field(default=None, max_length=4000)
    content: str | None = Field(default=None, max_length=4000)
    calendar_start: date | None = None
    calendar_end: date | None = None
    modalities: str | None = Field(default=None, max_length=2000)
    tools: str | None = Field(default=None, max_length=2000)
    target_definition: TargetDefinition | None = None
    recency_window_days: int | None = Field(default=None, ge=0, le=3650)
    interview_minutes: int | None = Field(default=None, ge=10, le=240)
    buffer_minutes: int | None = Field(default=None, ge=0, le=120)
    booking_link_days: int | None = Field(default=None, ge=1, le=90)
    change_notice_hours: int | None = Field(default=None, ge=0, le=336)
    reminder_after_days: int | None = Field(default=None, ge=1, le=60)


class ActionRead(ActionFields):
    model_config = ConfigDict(from_attributes=True)

    id: int
    year: int
    national: bool
    caisse_code: str | None
    updated_at: datetime


class YearPreparation(BaseModel):
    """Next year's socle from this one: a copy of ``from_year``'s national actions that the
    national office edits before publishing it."""

    model_config = ConfigDict(extra="forbid")

    from_year: int = Field(ge=2000, le=2100, description="The year copied (usually the last).")
    shift_age_criteria: bool = Field(
        default=True,
        description="Move birth years and creation/affiliation dates by the years between "
        "the two (the EIG population born 1952 and 1957 becomes 1953 and 1958).",
    )
    published_on: date | None = Field(
        default=None, description="From when caisses see it; none: not yet decided."
    )


class YearPublication(BaseModel):
    model_config = ConfigDict(extra="forbid")

    published_on: date | None = Field(description="From when caisses see it; null: withdrawn.")


class YearRead(BaseModel):
    year: int
    national_actions: int
    prepared_from: int | None = Field(description="The year it was prepared from, if it was.")
    criteria_shifted: bool | None
    published_on: date | None
    published: bool = Field(description="Whether caisses see its socle today.")


class CarryOver(BaseModel):
    """A caisse copies its own regional actions of an earlier year into a published year."""

    model_config = ConfigDict(extra="forbid")

    from_year: int = Field(ge=2000, le=2100)
    codes: Annotated[list[ActionCode], Field(min_length=1, max_length=100)] | None = Field(
        default=None, description="The actions to carry over; none: all of them."
    )
    shift_age_criteria: bool = True


class CarryOverResult(BaseModel):
    created: list[ActionRead]
    skipped: list[str] = Field(description="Codes the year already had: left as they are.")
