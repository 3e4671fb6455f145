from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from services.interviews.followups.schemas import FollowUpKind
from services.interviews.guide.conditions import Condition
from services.interviews.guide.models import GuideStatus

SectionKey = Field(pattern=r"^[a-z][a-z0-9_]{1,39}$", description="Stable identifier.")


class SectionWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = SectionKey
    title: str = Field(min_length=1, max_length=200)
    content: str = Field(max_length=10_000)
    condition: Condition = Field(description="When the section applies to a person.")


class SectionRead(SectionWrite):
    model_config = ConfigDict(from_attributes=True)


class GuideVersionSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    number: int
    status: GuideStatus
    created_by: str
    created_at: datetime
    published_at: datetime | None


class GuideVersionRead(GuideVersionSummary):
    sections: list[SectionRead]


class GuideDraftWrite(BaseModel):
    """The whole list of sections of a draft, in order (replaces what was there)."""

    model_config = ConfigDict(extra="forbid")

    sections: list[SectionWrite] = Field(min_length=1, max_length=50)


class ProposedSection(SectionRead):
    applies: bool = Field(description="Proposed for this person and action.")


class GuideProposal(BaseModel):
    guide_version: int
    sections: list[ProposedSection]


FollowUp = FollowUpKind


class InterviewRecordWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Literal["done", "no_show"]
    sections_covered: list[str] = Field(default_factory=list, max_length=50)
    follow_ups: list[FollowUp] = Field(default_factory=list, max_length=5)
    notes: str = Field(default="", max_length=10_000)


class InterviewRecordRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    interview_id: str
    guide_version: int
    sections_proposed: list[str]
    sections_covered: list[str]
    follow_ups: list[FollowUp]
    notes: str
    recorded_by: str
    recorded_at: datetime
