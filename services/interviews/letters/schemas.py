import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from services.interviews.invitations.models import CampaignPurpose, InvitationStatus
from services.interviews.selfservice.schemas import CapacityFigures
from services.shared.jobs import JobRead
from services.shared.messaging.schemas import MessageCounts, MessageRead


class MergeField(BaseModel):
    name: str = Field(description="Write it as ${name} in a template.")
    label: str
    meeting_only: bool


class TemplateWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    subject: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1, max_length=20_000)
    national: bool = Field(
        default=False, description="National office only: a template for every caisse."
    )


class TemplateRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    caisse_code: str | None = Field(description="Null for a national template.")
    name: str
    subject: str
    body: str
    updated_by: str
    updated_at: datetime


class CampaignCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    target_list_id: uuid.UUID
    template_id: int
    purpose: CampaignPurpose = CampaignPurpose.INTERVIEW
    meeting_id: int | None = Field(default=None, description="Required for a meeting invitation.")
    contact_phone: str = Field(min_length=4, max_length=30, pattern=r"^[0-9 +().-]+$")
    reply_by: date | None = None
    capacity_check: Literal["refuse", "warn", "off"] = Field(
        default="refuse",
        description="Interview proposals: compare the people to invite with the free slots; "
        "refuse (422 with the figures) or go ahead with a warning.",
    )


class InvitationCounts(BaseModel):
    """The funnel: how many invitations stand at each step."""

    sent: int = 0
    opened: int = 0
    booked: int = 0
    held: int = 0
    no_show: int = 0
    excused: int = 0
    declined: int = 0
    no_answer: int = 0
    returned: int = 0
    expired: int = 0


class CampaignRead(BaseModel):
    id: uuid.UUID
    caisse_code: str
    action_id: int
    target_list_id: uuid.UUID
    purpose: CampaignPurpose
    meeting_id: int | None
    template_id: int
    subject: str
    reply_by: date | None
    letters: int
    has_batch: bool
    volumes: int = Field(
        description="PDF files the letters are in (RSI_LETTERS_PER_VOLUME letters each, 2,000 "
        "by default): "
        "`letters.pdf?volume=N`, or all of them in `letters.zip`."
    )
    has_reminders: bool
    counts: InvitationCounts
    messages: MessageCounts = Field(description="Emails and SMS carrying the personal links.")
    capacity_warning: CapacityFigures | None = Field(
        description="Set when the campaign went out with fewer free slots than expected bookings."
    )
    job: JobRead
    created_by: str
    created_at: datetime


class InvitationRead(BaseModel):
    id: int
    campaign_id: uuid.UUID
    person_id: int
    rank: int
    name: str = Field(description="As printed on the letter.")
    status: InvitationStatus
    reminders_enabled: bool
    reminders: int
    sent_at: datetime
    updated_at: datetime


class CampaignMessage(MessageRead):
    """An email or SMS of the campaign (its link, a reminder) and whom it is for (personal
    data: it names the person)."""

    invitation_id: int
    person_id: int
    name: str = Field(description="As printed on the letter.")


class InvitationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["sent", "declined", "no_answer", "returned"] | None = Field(
        default=None, description="'booked' and what follows come from the interview itself."
    )
    reminders_enabled: bool | None = Field(
        default=None, description="False: no reminder is sent to this person."
    )


class LetterContactsCreate(BaseModel):
    """Record that every person of a list was sent a letter (a letter-only action)."""

    model_config = ConfigDict(extra="forbid")

    target_list_id: uuid.UUID
    sent_on: date


class LetterContactsStarted(BaseModel):
    job: JobRead


class EmptyField(BaseModel):
    name: str = Field(description="The merge field, e.g. `campaign.reply_by`.")
    label: str = Field(description="What it is, in French.")


class LetterPreview(BaseModel):
    """The first person's letter, as it would be printed, before the campaign starts."""

    subject: str
    body: str
    recipient: list[str] = Field(description="The address lines.")
    empty_fields: list[EmptyField] = Field(
        description="Fields that would print empty outside a conditional block [[…]]."
    )
