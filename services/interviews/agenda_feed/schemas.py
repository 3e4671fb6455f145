from datetime import datetime

from pydantic import BaseModel


class AgendaFeedRead(BaseModel):
    """The address a calendar application subscribes to (None: no subscription)."""

    url: str | None
    updated_at: datetime | None
