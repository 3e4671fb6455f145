import uuid
from datetime import datetime
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

# Every scope a route of the platform asks a machine client for (``service_scope=``).
Scope = Literal[
    "contacts:read",
    "contacts:write",
    "interviews:write",
    "reports:read",
    "stats:read",
    "targeting:read",
    "targeting:reference",
    "targeting:contact-details",
    "targeting:list-members",
    "targeting:write",
]
KNOWN_SCOPES: tuple[str, ...] = get_args(Scope)
Scopes = Annotated[list[Scope], Field(max_length=len(KNOWN_SCOPES))]


class MachineClientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client_id: str = Field(min_length=2, max_length=80, pattern=r"^[a-z0-9][a-z0-9._-]*$")
    name: str = Field(min_length=1, max_length=200)
    scopes: Scopes = Field(default_factory=list)


class MachineClientUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    scopes: Scopes | None = None


class MachineClientRead(BaseModel):
    id: uuid.UUID
    client_id: str
    name: str
    scopes: list[str]
    active: bool = Field(description="False once revoked: no more tokens.")
    created_at: datetime


class MachineClientSecret(BaseModel):
    """The only time the secret is shown: only its argon2 hash is kept."""

    client: MachineClientRead
    client_secret: str
