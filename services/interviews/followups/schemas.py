import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

FollowUpKind = Literal[
    "career_reconstitution",
    "ris_request",
    "pre_liquidation",
    "social_action_referral",
    "prevention_referral",
]


class FollowUpState(StrEnum):
    OPEN = "open"
    DONE = "done"
    ALL = "all"


class FollowUpRead(BaseModel):
    id: int
    interview_id: uuid.UUID
    counselor_id: int
    person_id: int
    person_first_name: str | None
    person_last_name: str | None
    kind: FollowUpKind
    due_on: date
    overdue: bool
    done_at: datetime | None
    done_by: str | None


class FollowUpUpdate(BaseModel):
    """Done (or not any more), and/or another due date."""

    model_config = ConfigDict(extra="forbid")

    done: bool | None = None
    due_on: date | None = None
