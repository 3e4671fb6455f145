"""reporting: the reason a submitted bilan was reopened

Revision ID: 0270270b5ff4
Revises: e2fcaff03c8d
Create Date: 2026-12-04 19:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0270270b5ff4"
down_revision: str | None = "e2fcaff03c8d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "reporting_bilan_version",
        sa.Column(
            "reopen_reason",
            sa.Text(),
            nullable=True,
            comment="Why the national office reopened this version (shown to the caisse).",
        ),
    )


def downgrade() -> None:
    op.drop_column("reporting_bilan_version", "reopen_reason")
