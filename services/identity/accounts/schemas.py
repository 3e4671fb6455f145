import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from services.shared.auth import Role


def _lower(value: str) -> str:
    return value.strip().lower()


Username = Annotated[
    str,
    Field(
        min_length=2,
        max_length=80,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="Letters, digits, '.', '_' or '-'; stored lower-case.",
    ),
    AfterValidator(_lower),
]
Email = Annotated[
    str,
    Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", description="Stored lower-case."),
    AfterValidator(_lower),
]
FullName = Annotated[str, Field(min_length=1, max_length=200)]
CaisseCode = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[A-Z0-9_-]+$")]


class PersonRole(StrEnum):
    """The roles of people (machine clients have the role ``service``)."""

    COUNSELOR = Role.COUNSELOR.value
    CAISSE_MANAGER = Role.CAISSE_MANAGER.value
    NATIONAL = Role.NATIONAL.value
    ADMIN = Role.ADMIN.value


class AccountStatus(StrEnum):
    INVITED = "invited"  # the invitation is pending: no password chosen yet
    ACTIVE = "active"
    INACTIVE = "inactive"


class AccountCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Username
    full_name: FullName
    email: Email
    role: PersonRole
    caisse_code: CaisseCode | None = Field(
        default=None,
        description="Required for counselors and caisse managers; a caisse manager's own "
        "caisse when omitted.",
    )


class AccountUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    full_name: FullName | None = None
    email: Email | None = None
    role: PersonRole | None = None
    caisse_code: CaisseCode | None = None


class AccountRead(BaseModel):
    id: uuid.UUID
    username: str
    full_name: str
    email: str | None
    role: Role
    caisse_code: str | None
    active: bool
    status: AccountStatus
    password_set_at: datetime | None
    created_at: datetime
