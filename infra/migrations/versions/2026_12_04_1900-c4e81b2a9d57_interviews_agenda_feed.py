"""interviews: a counselor's calendar subscription (secret address, revocable)

Revision ID: c4e81b2a9d57
Revises: a7c3e9d2f410
Create Date: 2026-12-04 19:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c4e81b2a9d57"
down_revision: str | None = "a7c3e9d2f410"
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


def downgrade() -> None:
    op.drop_table("interviews_agenda_feed")
