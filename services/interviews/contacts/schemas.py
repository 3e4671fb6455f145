"""The contact feed, as other services read it. This shape is a contract: change it only
compatibly."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from services.interviews.contacts.models import ContactChannel, ContactKind


class ContactEvent(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="Position in the feed; pass the last one seen as `after`.")
    kind: ContactKind = Field(
        description="interview: held; meeting: attended; letter: an information letter sent "
        "(e.g. the creators' guide). Invitation letters are not contacts."
    )
    caisse_code: str
    person_id: int
    action_id: int | None = Field(description="The policy action; null for a spontaneous contact.")
    channel: ContactChannel
    occurred_at: datetime
    source_id: str = Field(description="The interview, meeting or campaign it comes from.")


class ContactFeed(BaseModel):
    items: list[ContactEvent]
    next_after: int = Field(description="The `after` of the next call.")
