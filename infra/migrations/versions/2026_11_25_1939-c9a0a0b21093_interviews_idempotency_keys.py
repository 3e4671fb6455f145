"""interviews idempotency keys

Revision ID: c9a0a0b21093
Revises: 63a853eeae56
Create Date: 2026-11-25 19:39:25.595403+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c9a0a0b21093"
down_revision: str | None = "63a853eeae56"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "interviews_idempotency_key",
        sa.Column("client", sa.String(length=120), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("response", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("client", "key", name=op.f("pk_interviews_idempotency_key")),
    )


def downgrade() -> None:
    op.drop_table("interviews_idempotency_key")
