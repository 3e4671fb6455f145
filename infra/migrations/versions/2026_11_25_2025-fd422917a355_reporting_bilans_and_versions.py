"""reporting bilans and versions

Revision ID: fd422917a355
Revises: 83aaf77e7527
Create Date: 2026-11-25 20:25:14.094777+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "fd422917a355"
down_revision: str | None = "83aaf77e7527"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reporting_bilan",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("difficulties", sa.Text(), nullable=False),
        sa.Column("local_actions", sa.Text(), nullable=False),
        sa.Column("priorities", sa.Text(), nullable=False),
        sa.Column("latest_version", sa.SmallInteger(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted')", name=op.f("ck_reporting_bilan_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_bilan")),
        sa.UniqueConstraint(
            "caisse_code", "year", name=op.f("uq_reporting_bilan_caisse_code_year")
        ),
    )
    op.create_table(
        "reporting_bilan_version",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("bilan_id", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.SmallInteger(), nullable=False),
        sa.Column("document", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("etag", sa.String(length=80), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("submitted_by", sa.String(length=120), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reopened_by", sa.String(length=120), nullable=True),
        sa.Column("reopened_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["bilan_id"],
            ["reporting_bilan.id"],
            name=op.f("fk_reporting_bilan_version_bilan_id_reporting_bilan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_bilan_version")),
        sa.UniqueConstraint(
            "bilan_id", "version", name=op.f("uq_reporting_bilan_version_bilan_id_version")
        ),
    )


def downgrade() -> None:
    op.drop_table("reporting_bilan_version")
    op.drop_table("reporting_bilan")
