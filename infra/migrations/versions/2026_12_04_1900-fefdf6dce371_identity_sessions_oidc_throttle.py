"""identity: sign-in sessions with refresh tokens, OpenID Connect, throttle by source

Revision ID: fefdf6dce371
Revises: 0270270b5ff4
Create Date: 2026-12-04 19:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "fefdf6dce371"
down_revision: str | None = "0270270b5ff4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("identity_user", sa.Column("oidc_subject", sa.String(length=255)))
    op.create_unique_constraint(
        op.f("uq_identity_user_oidc_subject"), "identity_user", ["oidc_subject"]
    )

    # The throttle's state is ephemeral: its table is replaced, not migrated.
    op.drop_table("identity_login_throttle")
    op.create_table(
        "identity_login_throttle",
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column(
            "failures",
            sa.Integer(),
            nullable=False,
            comment="Failures since the counter last restarted.",
        ),
        sa.Column(
            "last_failed_at",
            sa.DateTime(timezone=True),
            nullable=False,
            comment="The newest failure, by the database clock.",
        ),
        sa.Column(
            "expires_at",
            sa.DateTime(timezone=True),
            nullable=False,
            comment="A window after the newest failure: the counter restarts (the row may be "
            "purged) after it.",
        ),
        sa.CheckConstraint(
            "scope IN ('account_source', 'source')", name=op.f("ck_identity_login_throttle_scope")
        ),
        sa.PrimaryKeyConstraint("scope", "subject", name=op.f("pk_identity_login_throttle")),
    )
    op.create_index(
        op.f("ix_identity_login_throttle_expires_at"), "identity_login_throttle", ["expires_at"]
    )

    op.create_table(
        "identity_session",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False, comment="password or oidc"),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "expires_at",
            sa.DateTime(timezone=True),
            nullable=False,
            comment="The absolute lifetime's end.",
        ),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_reason", sa.String(length=20), comment="logout, reuse, inactive"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["identity_user.id"],
            name=op.f("fk_identity_session_user_id_identity_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_session")),
    )
    op.create_index(op.f("ix_identity_session_user_id"), "identity_session", ["user_id"])
    op.create_index(op.f("ix_identity_session_expires_at"), "identity_session", ["expires_at"])

    op.create_table(
        "identity_refresh_token",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True)),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["identity_session.id"],
            name=op.f("fk_identity_refresh_token_session_id_identity_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_identity_refresh_token")),
    )
    op.create_index(
        op.f("ix_identity_refresh_token_session_id"), "identity_refresh_token", ["session_id"]
    )

    op.create_table(
        "identity_oidc_authorization",
        sa.Column("state_hash", sa.String(length=64), nullable=False),
        sa.Column("nonce", sa.String(length=128), nullable=False),
        sa.Column("code_verifier", sa.String(length=128), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("state_hash", name=op.f("pk_identity_oidc_authorization")),
    )
    op.create_index(
        op.f("ix_identity_oidc_authorization_expires_at"),
        "identity_oidc_authorization",
        ["expires_at"],
    )


def downgrade() -> None:
    op.drop_table("identity_oidc_authorization")
    op.drop_table("identity_refresh_token")
    op.drop_table("identity_session")
    op.drop_table("identity_login_throttle")
    op.create_table(
        "identity_login_throttle",
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("failed_at", sa.ARRAY(sa.DateTime(timezone=True)), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("scope IN ('username')", name=op.f("ck_identity_login_throttle_scope")),
        sa.PrimaryKeyConstraint("scope", "subject", name=op.f("pk_identity_login_throttle")),
    )
    op.create_index(
        op.f("ix_identity_login_throttle_expires_at"), "identity_login_throttle", ["expires_at"]
    )
    op.drop_constraint(op.f("uq_identity_user_oidc_subject"), "identity_user", type_="unique")
    op.drop_column("identity_user", "oidc_subject")
