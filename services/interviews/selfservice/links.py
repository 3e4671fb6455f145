"""Personal booking links: ``token = HMAC(secret, invitation id)``.

The database keeps only the token's SHA-256 (looked up on each visit), so a copy of the
database gives no working link; deriving the token from a secret kept outside the database
lets a letter be reprinted, or a reminder sent, with the same link.
"""

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path


class LinkKeys:
    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    @classmethod
    def load_or_create(cls, path: Path) -> "LinkKeys":
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(secrets.token_bytes(32))
        return cls(path.read_bytes())

    def token(self, invitation_id: int) -> str:
        digest = hmac.new(self.secret, f"invitation:{invitation_id}".encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
