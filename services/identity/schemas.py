from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from services.shared.auth import Role


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=200)


class UserProfile(BaseModel):
    username: str
    full_name: str
    role: Role
    caisse_code: str | None


class LoginResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    user: UserProfile


class ClientTokenResponse(BaseModel):
    """OAuth 2.0 client-credentials answer (RFC 6749 §4.4.3)."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    scope: str


class JsonWebKey(BaseModel):
    kty: str
    kid: str
    alg: str
    use: str
    n: str
    e: str


class JsonWebKeySet(BaseModel):
    keys: list[JsonWebKey]
