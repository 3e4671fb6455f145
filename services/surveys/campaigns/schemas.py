from datetime import datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.shared.messaging.schemas import MessageRead


class CampaignCreate(BaseModel):
    """A manager sets up its caisse's campaign; the national office a national one (every
    caisse, national model)."""

    model_config = ConfigDict(extra="forbid")

    action_id: int | None = Field(
        default=None,
        ge=1,
        le=2**63 - 1,
        description="The action surveyed; null: spontaneous interviews.",
    )
    title: str = Field(min_length=1, max_length=200)
    questionnaire_version_id: int = Field(ge=1, le=2**63 - 1, description="A published version.")
    sample_share: float | None = Field(
        default=None, gt=0, le=1, description="Share of the completed contacts surveyed."
    )
    sample_count: int | None = Field(
        default=None, ge=1, le=100_000, description="Or: number of people surveyed per caisse."
    )
    minimum_per_caisse: int = Field(
        default=30, ge=0, le=10_000, description="Surveyed in each caisse whatever the rule."
    )

    @model_validator(mode="after")
    def _one_rule(self) -> Self:
        if (self.sample_share is None) == (self.sample_count is None):
            raise ValueError("donnez sample_share ou sample_count")
        return self


class CampaignRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    caisse_code: str | None = Field(description="NULL: a national campaign (every caisse).")
    action_id: int | None
    title: str
    questionnaire_version_id: int
    sample_share: float | None
    sample_count: int | None
    minimum_per_caisse: int
    active: bool
    created_at: datetime


class LinkRead(BaseModel):
    """An answer link (personal data: it names the person surveyed)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    campaign_id: int
    caisse_code: str
    action_id: int | None
    person_id: int
    contact_kind: str
    channel: str | None
    occurred_at: datetime
    reason: str
    issued_at: datetime
    expires_at: datetime
    answered: bool


class SurveyMessage(MessageRead):
    """An email or SMS carrying an answer link (personal data: it is about a drawn person)."""

    link_id: int
    person_id: int
    caisse_code: str


class IssuedLink(BaseModel):
    """A link's token, shown this once (only its hash is kept), with its URL and QR code."""

    link: LinkRead
    token: str
    url: str
    qr_svg: str = Field(description="The URL as a QR code (SVG document), to print.")


class StaffLinkRequest(BaseModel):
    """A link for a contact completed outside the draw (e.g. a person met without sampling)."""

    model_config = ConfigDict(extra="forbid")

    contact_event_id: int = Field(
        ge=1, le=2**63 - 1, description="The id in interviews' /contact-events."
    )


class DrawReport(BaseModel):
    events_read: int
    links_issued: int
    messages_queued: int = Field(description="Emails and SMS queued to carry the new links.")
    links_without_address: int = Field(
        description="New links sent to nobody: the person has neither an email nor a mobile "
        "number (or is unknown to the registry)."
    )
    opted_out: int = Field(
        description="People drawn but not surveyed: they are opposed to being contacted."
    )
    next_after: int = Field(description="The feed cursor after this run.")


class ContactEvent(BaseModel):
    """An item of interviews' ``GET /contact-events`` (a completed contact)."""

    model_config = ConfigDict(extra="ignore")

    id: int
    kind: str
    caisse_code: str
    person_id: int
    action_id: int | None
    channel: str | None
    occurred_at: datetime
