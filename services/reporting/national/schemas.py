"""The national bilan (``/v1``): consolidation of the submitted regional bilans, each caisse's
submission state, and the comparison of caisses."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from services.reporting.bilans.schemas import (
    MISSING_DESCRIPTION,
    RATE_DESCRIPTION,
    ContactType,
    FigureGroup,
    Satisfaction,
    Totals,
)

SubmissionState = Literal["submitted", "late", "missing", "pending"]


class CaisseSubmission(BaseModel):
    caisse_code: str
    name: str | None = Field(description="Null when targeting could not be asked.")
    state: SubmissionState = Field(
        description="`submitted` on time, `late` submitted after the deadline, `missing` not "
        "submitted once the deadline has passed, `pending` not submitted before it."
    )
    version: int | None = Field(description="The submitted version in force, if any.")
    submitted_at: datetime | None
    reopened: bool = Field(description="A version was submitted, then reopened (now a draft).")


class SubmissionCounts(BaseModel):
    submitted: int
    late: int
    missing: int
    pending: int


class NationalActionFigures(BaseModel):
    """One action of the socle over the caisses included: its objective (targeted) against
    what was realised."""

    action_id: int
    action_code: str
    title: str
    contact_type: ContactType
    caisses: int = Field(description="Caisses whose figures are summed here.")
    targeted: int | None
    listed: int | None
    invited: int | None
    booked: int | None
    held: int | None
    no_show: int | None
    meetings_held: int | None
    meeting_attendance: int | None
    letters_sent: int | None
    realised: int | None
    realisation_rate: float | None = Field(description=RATE_DESCRIPTION)
    satisfaction: Satisfaction | None


class CaisseComparison(BaseModel):
    caisse_code: str
    realisation_rates: dict[str, float | None] = Field(
        description="Realisation rate per action code of the socle."
    )
    regional_actions: int = Field(description="How many actions of its own the caisse ran.")
    totals: Totals


class Consolidation(BaseModel):
    caisses: list[str] = Field(description="The caisses whose figures are consolidated.")
    socle: list[NationalActionFigures]
    comparison: list[CaisseComparison]
    totals: Totals


class NationalBilan(BaseModel):
    """The submitted regional bilans (latest version of each submitted one), consolidated."""

    year: int
    deadline: date
    deadline_passed: bool
    submissions: list[CaisseSubmission]
    counts: SubmissionCounts
    consolidated: Consolidation
    missing: list[Literal["caisses"]] = Field(
        description="`caisses` when targeting could not list the caisses (down, or a machine "
        "client without `targeting:read`): then only the caisses that have a bilan are shown."
    )


class NationalLive(BaseModel):
    """Every caisse's figures computed now, submitted or not."""

    year: int
    missing: list[FigureGroup] = Field(description=MISSING_DESCRIPTION)
    consolidated: Consolidation
