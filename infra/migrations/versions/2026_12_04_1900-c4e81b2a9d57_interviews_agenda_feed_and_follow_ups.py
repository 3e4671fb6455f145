"""interviews: a counselor's calendar subscription (secret address, revocable), the
follow-ups worklist, the reason of a meeting registration outside the target

Revision ID: c4e81b2a9d57
Revises: 8027b521f573
Create Date: 2026-12-04 19:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c4e81b2a9d57"
down_revision: str | None = "8027b521f573"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "interviews_agenda_feed",
        sa.Column("counselor_id", sa.BigInteger(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["counselor_id"],
            ["interviews_counselor.id"],
            name=op.f("fk_interviews_agenda_feed_counselor_id_interviews_counselor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("counselor_id", name=op.f("pk_interviews_agenda_feed")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_interviews_agenda_feed_token_hash")),
    )

    op.create_table(
        "interviews_follow_up",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("interview_id", sa.Uuid(), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("counselor_id", sa.BigInteger(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by", sa.String(length=120), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["counselor_id"],
            ["interviews_counselor.id"],
            name=op.f("fk_interviews_follow_up_counselor_id_interviews_counselor"),
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews_interview.id"],
            name=op.f("fk_interviews_follow_up_interview_id_interviews_interview"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_follow_up")),
        sa.UniqueConstraint("interview_id", "kind", name="one_per_kind"),
    )
    op.create_index(
        "ix_interviews_follow_up_worklist",
        "interviews_follow_up",
        ["caisse_code", "counselor_id", "due_on"],
    )
    op.add_column(
        "interviews_meeting_registration",
        sa.Column(
            "outside_target_reason",
            sa.String(length=300),
            nullable=True,
            comment="Why a person outside the meeting's target was registered.",
        ),
    )


def downgrade() -> None:
    op.drop_column("interviews_meeting_registration", "outside_target_reason")
    op.drop_index("ix_interviews_follow_up_worklist", table_name="interviews_follow_up")
    op.drop_table("interviews_follow_up")
    op.drop_table("interviews_agenda_feed")
