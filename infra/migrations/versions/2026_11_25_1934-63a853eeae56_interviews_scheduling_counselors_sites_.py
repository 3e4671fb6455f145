"""interviews scheduling: counselors, sites, opening hours, absences, interviews

Revision ID: 63a853eeae56
Revises: 8e91dcd3b5d3
Create Date: 2026-11-25 19:34:24.181317+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "63a853eeae56"
down_revision: str | None = "8e91dcd3b5d3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The exclusion constraint compares counselor_id (=) inside a GiST index.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.create_table(
        "interviews_counselor",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_counselor")),
        sa.UniqueConstraint("username", name=op.f("uq_interviews_counselor_username")),
    )
    op.create_index(
        op.f("ix_interviews_counselor_caisse_code"),
        "interviews_counselor",
        ["caisse_code"],
        unique=False,
    )
    op.create_table(
        "interviews_site",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_site")),
    )
    op.create_index(
        op.f("ix_interviews_site_caisse_code"), "interviews_site", ["caisse_code"], unique=False
    )
    op.create_table(
        "interviews_absence",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("counselor_id", sa.BigInteger(), nullable=False),
        sa.Column("during", postgresql.TSTZRANGE(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["counselor_id"],
            ["interviews_counselor.id"],
            name=op.f("fk_interviews_absence_counselor_id_interviews_counselor"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_absence")),
    )
    op.create_index(
        op.f("ix_interviews_absence_counselor_id"),
        "interviews_absence",
        ["counselor_id"],
        unique=False,
    )
    op.create_table(
        "interviews_interview",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("counselor_id", sa.BigInteger(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("action_id", sa.BigInteger(), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("site_id", sa.BigInteger(), nullable=True),
        sa.Column("during", postgresql.TSTZRANGE(), nullable=False),
        sa.Column("blocked", postgresql.TSTZRANGE(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        postgresql.ExcludeConstraint(
            (sa.column("counselor_id"), "="),
            (sa.column("blocked"), "&&"),
            where=sa.text("status <> 'cancelled'"),
            using="gist",
            name="no_overlap_per_counselor",
        ),
        sa.CheckConstraint(
            "channel IN ('in_person', 'phone')", name=op.f("ck_interviews_interview_channel")
        ),
        sa.CheckConstraint(
            "status IN ('booked', 'done', 'no_show', 'cancelled')",
            name=op.f("ck_interviews_interview_status"),
        ),
        sa.ForeignKeyConstraint(
            ["counselor_id"],
            ["interviews_counselor.id"],
            name=op.f("fk_interviews_interview_counselor_id_interviews_counselor"),
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["interviews_site.id"],
            name=op.f("fk_interviews_interview_site_id_interviews_site"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_interview")),
    )
    op.create_index(
        op.f("ix_interviews_interview_caisse_code"),
        "interviews_interview",
        ["caisse_code"],
        unique=False,
    )
    op.create_index(
        "ix_interviews_interview_person", "interviews_interview", ["person_id"], unique=False
    )
    op.create_table(
        "interviews_opening_hours",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("counselor_id", sa.BigInteger(), nullable=False),
        sa.Column("site_id", sa.BigInteger(), nullable=True),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("weekday", sa.SmallInteger(), nullable=False, comment="0 = Monday"),
        sa.Column("starts_at", sa.Time(), nullable=False),
        sa.Column("ends_at", sa.Time(), nullable=False),
        sa.CheckConstraint(
            "(channel = 'in_person') = (site_id IS NOT NULL)",
            name=op.f("ck_interviews_opening_hours_in_person_has_site"),
        ),
        sa.CheckConstraint(
            "starts_at < ends_at", name=op.f("ck_interviews_opening_hours_period_order")
        ),
        sa.CheckConstraint(
            "weekday BETWEEN 0 AND 6", name=op.f("ck_interviews_opening_hours_weekday")
        ),
        sa.ForeignKeyConstraint(
            ["counselor_id"],
            ["interviews_counselor.id"],
            name=op.f("fk_interviews_opening_hours_counselor_id_interviews_counselor"),
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["interviews_site.id"],
            name=op.f("fk_interviews_opening_hours_site_id_interviews_site"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_opening_hours")),
    )
    op.create_index(
        op.f("ix_interviews_opening_hours_counselor_id"),
        "interviews_opening_hours",
        ["counselor_id"],
        unique=False,
    )
    op.create_table(
        "interviews_interview_event",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("interview_id", sa.Uuid(), nullable=False),
        sa.Column(
            "at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("detail", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews_interview.id"],
            name=op.f("fk_interviews_interview_event_interview_id_interviews_interview"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_interview_event")),
    )
    op.create_index(
        op.f("ix_interviews_interview_event_interview_id"),
        "interviews_interview_event",
        ["interview_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_interviews_interview_event_interview_id"), table_name="interviews_interview_event"
    )
    op.drop_table("interviews_interview_event")
    op.drop_index(
        op.f("ix_interviews_opening_hours_counselor_id"), table_name="interviews_opening_hours"
    )
    op.drop_table("interviews_opening_hours")
    op.drop_index("ix_interviews_interview_person", table_name="interviews_interview")
    op.drop_index(op.f("ix_interviews_interview_caisse_code"), table_name="interviews_interview")
    op.drop_table("interviews_interview")
    op.drop_index(op.f("ix_interviews_absence_counselor_id"), table_name="interviews_absence")
    op.drop_table("interviews_absence")
    op.drop_index(op.f("ix_interviews_site_caisse_code"), table_name="interviews_site")
    op.drop_table("interviews_site")
    op.drop_index(op.f("ix_interviews_counselor_caisse_code"), table_name="interviews_counselor")
    op.drop_table("interviews_counselor")
