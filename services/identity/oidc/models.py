"""Sign-ins sent to the OpenID Connect provider, until its answer comes back."""

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class OidcAuthorization(Base):
    """A sign-in sent to the OpenID Connect provider and not yet back: what the callback
    checks (``state``, by its hash) and needs (the nonce, the PKCE verifier)."""

    __tablename__ = "identity_oidc_authorization"

    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(128))
    code_verifier: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
