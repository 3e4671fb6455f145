"""identity accounts: emails, password links, outbox

Revision ID: e2fcaff03c8d
Revises: c4e81b2a9d57
Create Date: 2026-12-04 18:48:38.180519+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "e2fcaff03c8d"
down_revision: str | None = "c4e81b2a9d57"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "identity_outbox_message",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("dedupe_key", sa.String(length=120), nullable=False),
        sa.Column("channel", sa.String(length=5), nullable=False),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "attachments",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            comment="[{filename, content_type, content (text)}]",
        ),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("attempts", sa.SmallInteger(), nullable=False),
        sa.Column(
            "next_attempt_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "failed_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When the worker gave up (status 'failed').",
        ),
        sa.CheckConstraint(
            "channel IN ('email', 'sms')", name=op.f("ck_identity_outbox_message_channel")
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'failed')",
            name=op.f("ck_identity_outbox_message_status"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["identity_user.id"],
            name=op.f("fk_identity_outbox_message_user_id_identity_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_outbox_message")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_identity_outbox_message_dedupe_key")),
    )
    op.create_index(
        "ix_identity_outbox_message_due",
        "identity_outbox_message",
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        op.f("ix_identity_outbox_message_user_id"),
        "identity_outbox_message",
        ["user_id"],
        unique=False,
    )
    op.create_table(
        "identity_password_link",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("purpose", sa.String(length=12), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "used_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When it set a password, or was voided by a newer link.",
        ),
        sa.CheckConstraint(
            "purpose IN ('invitation', 'reset')", name=op.f("ck_identity_password_link_purpose")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["identity_user.id"],
            name=op.f("fk_identity_password_link_user_id_identity_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_password_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_identity_password_link_token_hash")),
    )
    op.create_index(
        op.f("ix_identity_password_link_user_id"),
        "identity_password_link",
        ["user_id"],
        unique=False,
    )
    op.add_column("identity_user", sa.Column("email", sa.String(length=254), nullable=True))
    op.add_column(
        "identity_user",
        sa.Column(
            "password_set_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When its owner chose the password; None while the invitation is pending.",
        ),
    )
    # Accounts that existed before invitations chose their password already.
    op.execute("UPDATE identity_user SET password_set_at = created_at")
    op.create_unique_constraint(op.f("uq_identity_user_email"), "identity_user", ["email"])


def downgrade() -> None:
    op.drop_constraint(op.f("uq_identity_user_email"), "identity_user", type_="unique")
    op.drop_column("identity_user", "password_set_at")
    op.drop_column("identity_user", "email")
    op.drop_index(op.f("ix_identity_password_link_user_id"), table_name="identity_password_link")
    op.drop_table("identity_password_link")
    op.drop_index(op.f("ix_identity_outbox_message_user_id"), table_name="identity_outbox_message")
    op.drop_index(
        "ix_identity_outbox_message_due",
        table_name="identity_outbox_message",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_table("identity_outbox_message")
