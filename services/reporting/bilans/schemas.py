"""The bilan document (``/v1``): a stable contract for the national office and other systems.

Counts are integers, rates floats in [0, 1]; a figure is ``null`` when its source service was
unavailable (then named in ``missing``) or, for a rate, when its denominator is 0.
"""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ContactType = Literal["individual_interview", "letter", "collective_meeting"]
FigureGroup = Literal["targets", "contacts", "satisfaction"]
BilanStatus = Literal["draft", "submitted"]

MISSING_DESCRIPTION = (
    "Figure groups that could not be computed because their service was unavailable, or "
    "refused the caller (a machine client without `stats:read`): "
    "`targets` (targeting: targeted, listed, the actions of the year), `contacts` (interviews: "
    "invited, booked, held, no-shows, meetings, letters), `satisfaction` (surveys). Without "
    "targeting the year's actions are unknown, so all three are missing. Empty when complete."
)
RATE_DESCRIPTION = (
    "Realisation against the target, by contact type: `held / targeted` for individual "
    "interviews, `meeting_attendance / targeted` for collective meetings, `letters_sent / "
    "targeted` for letters. Null when targeted is 0 or a figure is missing."
)


class ChannelFigures(BaseModel):
    channel: str = Field(description="`in_person` or `phone`.")
    booked: int = Field(description="Interviews booked and not cancelled (booked, done, no-show).")
    held: int = Field(description="Interviews held (done).")
    no_show: int
    cancelled: int


class Satisfaction(BaseModel):
    links_issued: int = Field(description="Personal survey links sent.")
    responses: int
    response_rate: float | None = Field(description="responses / links_issued.")
    overall_satisfaction_mean: float | None = Field(
        description="Mean of the national 1-5 overall satisfaction question; for several "
        "actions, the mean of the actions' means weighted by their responses."
    )
    satisfied_share: float | None = Field(
        description="Share of answers 4 or 5 to that question (weighted like the mean)."
    )


class ActionFigures(BaseModel):
    action_id: int
    action_code: str
    title: str
    contact_type: ContactType
    national: bool = Field(description="An action of the socle (true) or the caisse's own.")
    targeted: int | None = Field(
        description="Current volumetry of the action's target for the caisse (people who "
        "objected to contact excluded)."
    )
    listed: int | None = Field(description="People in the action's frozen target lists.")
    invited: int | None = Field(description="Invitation letters sent for the action.")
    channels: list[ChannelFigures] | None = Field(description="Interviews per channel.")
    booked: int | None = Field(description="Interviews booked, all channels.")
    held: int | None = Field(description="Interviews held, all channels.")
    no_show: int | None = Field(description="No-shows, all channels.")
    meetings_held: int | None = Field(description="Collective meetings held.")
    meeting_registrations: int | None
    meeting_attendance: int | None = Field(description="Registrations checked in.")
    letters_sent: int | None = Field(description="Letter contacts recorded (letter actions).")
    realised: int | None = Field(
        description="The contacts counted against the target (held, attendance or letters)."
    )
    realisation_rate: float | None = Field(description=RATE_DESCRIPTION)
    satisfaction: Satisfaction | None = Field(
        description="The action's survey results; null without surveys or answers."
    )


class Totals(BaseModel):
    """Sums over the bilan's actions (null when their group is missing)."""

    targeted: int | None
    invited: int | None
    booked: int | None
    held: int | None
    no_show: int | None
    meetings_held: int | None
    meeting_attendance: int | None
    letters_sent: int | None
    realised: int | None
    realisation_rate: float | None = Field(description="realised / targeted over all actions.")
    satisfaction: Satisfaction | None


class Qualitative(BaseModel):
    """The sections a caisse writes itself."""

    model_config = ConfigDict(extra="forbid")

    difficulties: str = Field(default="", max_length=20_000, description="Difficulties met.")
    local_actions: str = Field(
        default="", max_length=20_000, description="Local actions and initiatives."
    )
    priorities: str = Field(default="", max_length=20_000, description="Priorities for next year.")


class BilanDocument(BaseModel):
    """A regional bilan: live while a draft, frozen once submitted (then ``version`` ≥ 1)."""

    caisse_code: str
    year: int
    status: BilanStatus
    version: int | None = Field(
        description="The submitted version this document is; null for a live draft."
    )
    previous_versions: int = Field(description="How many versions were submitted before.")
    deadline: date = Field(description="31 January of the following year (inclusive).")
    submitted_at: datetime | None
    submitted_by: str | None
    late: bool = Field(
        description="Submitted after the deadline (for a draft: the deadline has passed)."
    )
    missing: list[FigureGroup] = Field(description=MISSING_DESCRIPTION)
    actions: list[ActionFigures]
    totals: Totals
    qualitative: Qualitative


class BilanVersionSummary(BaseModel):
    version: int
    submitted_at: datetime
    submitted_by: str
    late: bool
    etag: str
    reopened_at: datetime | None
    reopened_by: str | None
    reopen_reason: str | None = Field(
        default=None, description="Why the national office reopened it, for the caisse to read."
    )


class BilanReopen(BaseModel):
    """Reopening is deliberate: it names the version seen (a confirmation that nothing was
    submitted since) and says why, for the caisse's managers."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="The submitted version the national office saw.")
    reason: str = Field(min_length=10, max_length=1000)


class BilanVersions(BaseModel):
    items: list[BilanVersionSummary]
