"""job leases: heartbeat_at on every job table

Revision ID: 50c0b60e7eee
Revises: f1014a39646a
Create Date: 2026-11-29 23:14:49.633550+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "50c0b60e7eee"
down_revision: str | None = "f1014a39646a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "interviews_job",
        sa.Column(
            "heartbeat_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="Renewed by the process running the job (its lease).",
        ),
    )
    op.add_column(
        "targeting_job",
        sa.Column(
            "heartbeat_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="Renewed by the process running the job (its lease).",
        ),
    )


def downgrade() -> None:
    op.drop_column("targeting_job", "heartbeat_at")
    op.drop_column("interviews_job", "heartbeat_at")
