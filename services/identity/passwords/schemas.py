from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from services.identity.passwords.models import LinkPurpose

# A link's token: 32 random bytes, URL-safe base64 (43 characters).
Token = Field(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")
NewPassword = Field(min_length=1, max_length=1000)


class LinkToken(BaseModel):
    """The token travels in bodies, never in a URL: paths are logged."""

    model_config = ConfigDict(extra="forbid")

    token: str = Token


class LinkRead(BaseModel):
    """What the page that chooses a password shows before it is chosen."""

    purpose: LinkPurpose
    username: str
    full_name: str
    expires_at: datetime


class LinkRedeem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Token
    password: str = NewPassword


class PasswordSet(BaseModel):
    username: str = Field(description="The account whose password was chosen, to sign in.")


class ResetRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    identifier: str = Field(
        min_length=1, max_length=254, description="The account's username or email."
    )


class ResetRequested(BaseModel):
    detail: str


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = NewPassword
