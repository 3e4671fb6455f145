import uuid
from datetime import date, datetime
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.shared.jobs import JobRead
from services.targeting.registry.models import PersonStatus, ProfessionalGroup
from services.targeting.targets.definition import TargetDefinition


class VolumetryRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    definition: TargetDefinition


class CaisseCount(BaseModel):
    caisse_code: str
    matched: int = Field(description="People matching the definition.")
    opted_out: int = Field(description="Of whom objected to being contacted.")
    by_priority: list[int] = Field(description="Matched per priority group, in order.")


class Volumetry(BaseModel):
    priority_labels: list[str]
    total_matched: int
    total_opted_out: int
    by_priority: list[int]
    by_caisse: list[CaisseCount]


class Sampling(BaseModel):
    """Keep ``size`` people, or a ``share`` of them, drawn reproducibly from ``seed``:
    higher priority groups are filled first, at random within a group."""

    model_config = ConfigDict(extra="forbid")

    size: int | None = Field(default=None, ge=1, le=3_000_000)
    share: float | None = Field(default=None, gt=0, le=1)
    seed: int = Field(default=1, ge=0, le=2**31 - 1)

    @model_validator(mode="after")
    def _one_rule(self) -> Self:
        if (self.size is None) == (self.share is None):
            raise ValueError("donnez size ou share")
        return self


class TargetListCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    caisse_code: str | None = Field(
        default=None, max_length=20, description="Required for national users; a manager's own."
    )
    sampling: Sampling | None = None
    seed: int = Field(default=1, ge=0, le=2**31 - 1, description="Order within a priority group.")


class TargetListRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    action_id: int
    caisse_code: str
    job_id: uuid.UUID
    status: Literal["building", "ready", "failed"]
    definition: TargetDefinition
    sampling: Sampling | None
    recency_window_days: int
    matched: int
    excluded_opt_out: int
    excluded_recent_contact: int
    size: int
    created_by: str
    created_at: datetime


class TargetListStarted(BaseModel):
    list: TargetListRead
    job: JobRead


class TargetListMemberRead(BaseModel):
    rank: int
    priority_group: int
    person_id: int
    last_name: str
    first_name: str
    sex: int = Field(description="1 man, 2 woman (as in the NIR).")
    birth_date: date
    address_line: str | None
    postcode: str | None
    city: str | None
    phone: str | None
    email: str | None
    professional_group: ProfessionalGroup
    status: PersonStatus
    incomplete_career: bool


class TargetListPersonIds(BaseModel):
    person_ids: list[int]
    next_after_rank: int | None


class TargetListMembers(BaseModel):
    """A page of a list, by rank; ``next_after_rank`` fetches the next page."""

    items: list[TargetListMemberRead]
    next_after_rank: int | None
