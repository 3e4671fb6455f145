"""identity login throttle shared by every process

Revision ID: f907fa8ee4ed
Revises: 56f168b23549
Create Date: 2026-12-04 01:09:35.334503+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "f907fa8ee4ed"
down_revision: str | None = "56f168b23549"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "identity_login_throttle",
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column(
            "failed_at",
            postgresql.ARRAY(sa.DateTime(timezone=True)),
            nullable=False,
            comment="The newest failures within the window (at most the failures that lock), "
            "oldest first; written with the database clock.",
        ),
        sa.Column(
            "expires_at",
            sa.DateTime(timezone=True),
            nullable=False,
            comment="When the newest failure leaves the window: the row may be purged after.",
        ),
        sa.CheckConstraint("scope IN ('username')", name=op.f("ck_identity_login_throttle_scope")),
        sa.PrimaryKeyConstraint("scope", "subject", name=op.f("pk_identity_login_throttle")),
    )
    op.create_index(
        op.f("ix_identity_login_throttle_expires_at"),
        "identity_login_throttle",
        ["expires_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_identity_login_throttle_expires_at"), table_name="identity_login_throttle"
    )
    op.drop_table("identity_login_throttle")
