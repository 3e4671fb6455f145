"""policy year prepared from another, published on a date

Revision ID: c3d1e5f7a9b2
Revises: a7c3e9d2f410
Create Date: 2026-12-04 19:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c3d1e5f7a9b2"
down_revision: str | None = "a7c3e9d2f410"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "targeting_policy_year",
        sa.Column("year", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("prepared_from", sa.SmallInteger(), nullable=False),
        sa.Column("criteria_shifted", sa.Boolean(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("prepared_by", sa.String(length=120), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_targeting_policy_year")),
    )


def downgrade() -> None:
    op.drop_table("targeting_policy_year")
