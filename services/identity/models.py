"""Tables owned by the identity service."""

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, String, func
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base

ROLE_CHECK = "role IN ('counselor', 'caisse_manager', 'national', 'service', 'admin')"


class User(Base):
    """A person who logs in to the SPA."""

    __tablename__ = "identity_user"
    __table_args__ = (
        CheckConstraint(ROLE_CHECK, name="role"),
        CheckConstraint(
            "role NOT IN ('counselor', 'caisse_manager') OR caisse_code IS NOT NULL",
            name="caisse_roles_have_caisse",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    # Code of a targeting caisse; no foreign key across services' tables.
    caisse_code: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Account administration (services/identity/accounts): stored lower-case, so unique
    # whatever its case; None for accounts created before there were emails.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_set_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True),
        comment="When its owner chose the password; None while the invitation is pending.",
    )
    # The OpenID Connect provider's ``sub`` for this agent, bound at the first sign-in.
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True)


class MachineClient(Base):
    """Another RSI system calling the APIs with client credentials."""

    __tablename__ = "identity_machine_client"
    __table_args__ = (CheckConstraint(ROLE_CHECK, name="role"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    secret_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="service")
    caisse_code: Mapped[str | None] = mapped_column(String(20))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(80)), default=list)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class LoginThrottleEntry(Base):
    """The recent failed sign-ins of one subject, shared by every identity process: the
    throttle's state lives here, not in a process. ``scope`` says what ``subject`` is: an
    account (username or client id) at a source address, or a source address alone."""

    __tablename__ = "identity_login_throttle"
    __table_args__ = (CheckConstraint("scope IN ('account_source', 'source')", name="scope"),)

    scope: Mapped[str] = mapped_column(String(20), primary_key=True)
    subject: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(comment="Failures since the counter last restarted.")
    last_failed_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), comment="The newest failure, by the database clock."
    )
    expires_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True),
        index=True,
        comment="A window after the newest failure: the counter restarts (the row may be "
        "purged) after it.",
    )
