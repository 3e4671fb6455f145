"""Personal booking links: ``token = HMAC(secret, invitation id)``.

The database keeps only the token's SHA-256 (looked up on each visit), so a copy of the
database gives no working link; deriving the token from a secret kept outside the database
lets a letter be reprinted, or a reminder sent, with the same link.
"""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request

from services.shared.secrets_config import (
    ConfigurationError,
    create_secret_file,
    env_name,
    is_configured,
    may_generate,
    read_secret_file,
)
from services.shared.settings import Settings

MIN_SECRET_BYTES = 32


class LinkKeys:
    """The secret every interviews replica derives the links with: the same secret gives the
    same link for an invitation, whichever replica prints the letter or sends the reminder.

    From ``RSI_LINK_SECRET`` (its UTF-8 bytes) or the file ``RSI_LINK_SECRET_PATH`` (its
    bytes, as they are: a trailing newline is part of the secret). Outside production the
    file is generated on first start when neither is set; production refuses to start."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    @classmethod
    def load_or_create(cls, path: Path) -> "LinkKeys":
        """The file's secret, created atomically (0600) if no process has yet."""
        if not path.exists():
            create_secret_file(path, secrets.token_bytes(MIN_SECRET_BYTES))
        return cls._checked(read_secret_file(path, "link_secret_path"), str(path))

    @classmethod
    def from_settings(cls, settings: Settings) -> "LinkKeys":
        """Raises :class:`ConfigurationError` (naming the setting) when production has no
        secret configured, or when the configured one is too short."""
        from_env = settings.link_secret
        from_file = is_configured(settings, "link_secret_path")
        if from_env is not None and from_file:
            raise ConfigurationError("Set either RSI_LINK_SECRET or RSI_LINK_SECRET_PATH, not both")
        if from_env is not None:
            return cls._checked(from_env.get_secret_value().encode(), env_name("link_secret"))
        path = settings.link_secret_path
        if may_generate(settings):
            return cls.load_or_create(path)
        if not from_file:
            raise ConfigurationError(
                "No booking-link secret configured: production needs RSI_LINK_SECRET_PATH "
                f"(a file) or RSI_LINK_SECRET, of at least {MIN_SECRET_BYTES} bytes, and never "
                "generates one"
            )
        source = f"{env_name('link_secret_path')} ({path})"
        return cls._checked(read_secret_file(path, "link_secret_path"), source)

    @classmethod
    def _checked(cls, secret: bytes, source: str) -> "LinkKeys":
        if len(secret) < MIN_SECRET_BYTES:
            raise ConfigurationError(
                f"{source}: the booking-link secret must be at least {MIN_SECRET_BYTES} bytes"
            )
        return cls(secret)

    def token(self, invitation_id: int) -> str:
        return self.derive(f"invitation:{invitation_id}")

    def derive(self, label: str) -> str:
        """A URL-safe token for ``label`` (each kind of link labels its own)."""
        digest = hmac.new(self.secret, label.encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class LinkIssuer:
    """Gives an invitation its link: the public booking page's address and the token."""

    keys: LinkKeys
    public_url: str

    def url(self, invitation_id: int) -> str:
        return f"{self.public_url}{self.keys.token(invitation_id)}"


def link_issuer(settings: Settings) -> LinkIssuer:
    """Personal booking links, from the configured secret (production without one raises
    a ConfigurationError naming the setting; development generates it on first use)."""
    return LinkIssuer(LinkKeys.from_settings(settings), settings.public_booking_url)


def link_issuer_of(app: FastAPI) -> LinkIssuer:
    issuer: LinkIssuer | None = getattr(app.state, "link_issuer", None)
    if issuer is None:
        issuer = app.state.link_issuer = link_issuer(app.state.settings)
    return issuer


def get_link_issuer(request: Request) -> LinkIssuer:
    return link_issuer_of(request.app)


Links = Annotated[LinkIssuer, Depends(get_link_issuer)]
