from pydantic import BaseModel, Field


class SignInOptions(BaseModel):
    """What the login page offers besides the password form."""

    oidc_provider: str | None = Field(
        description="The OpenID Connect provider's name (e.g. ProConnect) when one is "
        "configured: sign in through GET /oidc/login; null otherwise."
    )
