"""self-service booking links, outbox, action link settings

Revision ID: ec77fd4c872e
Revises: acc091958f3d
Create Date: 2026-11-25 20:46:19.236025+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "ec77fd4c872e"
down_revision: str | None = "acc091958f3d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "interviews_outbox_message",
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
        sa.Column("invitation_id", sa.BigInteger(), nullable=True),
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
            "channel IN ('email', 'sms')", name=op.f("ck_interviews_outbox_message_channel")
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'sent')", name=op.f("ck_interviews_outbox_message_status")
        ),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["interviews_invitation.id"],
            name=op.f("fk_interviews_outbox_message_invitation_id_interviews_invitation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_outbox_message")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_interviews_outbox_message_dedupe_key")),
    )
    op.create_index(
        "ix_interviews_outbox_message_due",
        "interviews_outbox_message",
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        op.f("ix_interviews_outbox_message_invitation_id"),
        "interviews_outbox_message",
        ["invitation_id"],
        unique=False,
    )
    op.add_column(
        "interviews_campaign",
        sa.Column(
            "action_settings",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            server_default=sa.text("'{}'::jsonb"),
            comment=(
                "The action's interview length, link validity, notice and reminder delays, "
                "as at launch (the public booking page has no token to ask targeting)."
            ),
        ),
    )
    op.alter_column("interviews_campaign", "action_settings", server_default=None)
    op.add_column(
        "interviews_campaign",
        sa.Column("capacity_warning", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    )
    op.drop_constraint(op.f("ck_interviews_invitation_status"), "interviews_invitation")
    op.create_check_constraint(
        op.f("ck_interviews_invitation_status"),
        "interviews_invitation",
        "status IN ('sent', 'opened', 'booked', 'held', 'no_show', 'excused', 'declined', "
        "'no_answer', 'returned', 'expired')",
    )
    op.add_column("interviews_invitation", sa.Column("email", sa.String(length=200), nullable=True))
    op.add_column("interviews_invitation", sa.Column("phone", sa.String(length=20), nullable=True))
    op.add_column("interviews_invitation", sa.Column("interview_id", sa.Uuid(), nullable=True))
    op.add_column(
        "interviews_invitation",
        sa.Column("link_expires_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.add_column(
        "interviews_invitation",
        sa.Column("link_opened_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.add_column(
        "interviews_invitation", sa.Column("link_token_hash", sa.String(length=64), nullable=True)
    )
    op.add_column(
        "interviews_invitation",
        sa.Column("reminders_enabled", sa.Boolean(), server_default="true", nullable=False),
    )
    op.create_unique_constraint(
        op.f("uq_interviews_invitation_link_token_hash"),
        "interviews_invitation",
        ["link_token_hash"],
    )
    op.create_foreign_key(
        op.f("fk_interviews_invitation_interview_id_interviews_interview"),
        "interviews_invitation",
        "interviews_interview",
        ["interview_id"],
        ["id"],
    )
    op.add_column(
        "targeting_policy_action",
        sa.Column("booking_link_days", sa.SmallInteger(), server_default="10", nullable=False),
    )
    op.add_column(
        "targeting_policy_action",
        sa.Column("change_notice_hours", sa.SmallInteger(), server_default="24", nullable=False),
    )
    op.add_column(
        "targeting_policy_action",
        sa.Column("reminder_after_days", sa.SmallInteger(), server_default="5", nullable=True),
    )


def downgrade() -> None:
    op.drop_column("targeting_policy_action", "reminder_after_days")
    op.drop_column("targeting_policy_action", "change_notice_hours")
    op.drop_column("targeting_policy_action", "booking_link_days")
    op.drop_constraint(
        op.f("fk_interviews_invitation_interview_id_interviews_interview"),
        "interviews_invitation",
        type_="foreignkey",
    )
    op.drop_constraint(
        op.f("uq_interviews_invitation_link_token_hash"), "interviews_invitation", type_="unique"
    )
    op.drop_column("interviews_invitation", "reminders_enabled")
    op.drop_column("interviews_invitation", "link_token_hash")
    op.drop_column("interviews_invitation", "link_opened_at")
    op.drop_column("interviews_invitation", "link_expires_at")
    op.drop_column("interviews_invitation", "interview_id")
    op.drop_column("interviews_invitation", "phone")
    op.drop_column("interviews_invitation", "email")
    op.drop_constraint(op.f("ck_interviews_invitation_status"), "interviews_invitation")
    op.create_check_constraint(
        op.f("ck_interviews_invitation_status"),
        "interviews_invitation",
        "status IN ('sent', 'booked', 'declined', 'no_answer', 'returned')",
    )
    op.drop_column("interviews_campaign", "capacity_warning")
    op.drop_column("interviews_campaign", "action_settings")
    op.drop_index(
        op.f("ix_interviews_outbox_message_invitation_id"), table_name="interviews_outbox_message"
    )
    op.drop_index(
        "ix_interviews_outbox_message_due",
        table_name="interviews_outbox_message",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_table("interviews_outbox_message")
