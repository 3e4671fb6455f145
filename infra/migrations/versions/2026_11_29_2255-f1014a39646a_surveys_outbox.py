"""surveys outbox: the emails and SMS carrying the drawn people's answer links

Revision ID: f1014a39646a
Revises: fd422917a355
Create Date: 2026-11-29 22:55:19.789291+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "f1014a39646a"
down_revision: str | None = "fd422917a355"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "surveys_outbox_message",
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
        sa.Column("link_id", sa.BigInteger(), nullable=False),
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
        sa.CheckConstraint(
            "channel IN ('email', 'sms')", name=op.f("ck_surveys_outbox_message_channel")
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'sent')", name=op.f("ck_surveys_outbox_message_status")
        ),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["surveys_link.id"],
            name=op.f("fk_surveys_outbox_message_link_id_surveys_link"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_outbox_message")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_surveys_outbox_message_dedupe_key")),
    )
    op.create_index(
        "ix_surveys_outbox_message_due",
        "surveys_outbox_message",
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        op.f("ix_surveys_outbox_message_link_id"),
        "surveys_outbox_message",
        ["link_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_surveys_outbox_message_link_id"), table_name="surveys_outbox_message")
    op.drop_index(
        "ix_surveys_outbox_message_due",
        table_name="surveys_outbox_message",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_table("surveys_outbox_message")
