"""targeting registry, policy, target lists; audit log

Revision ID: 8e91dcd3b5d3
Revises: d48cf406301d
Create Date: 2026-11-25 18:42:54.445878+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "8e91dcd3b5d3"
down_revision: str | None = "d48cf406301d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column(
            "occurred_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("service", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("actor_caisse", sa.String(length=20), nullable=True),
        sa.Column("operation", sa.String(length=10), nullable=False),
        sa.Column("resource_type", sa.String(length=40), nullable=False),
        sa.Column("resource_id", sa.String(length=80), nullable=True),
        sa.Column("purpose", sa.String(length=200), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index(
        op.f("ix_audit_event_occurred_at"), "audit_event", ["occurred_at"], unique=False
    )
    # Append-only: the application cannot alter or delete audit rows, only the retention
    # purge may delete (it sets rsi.audit_purge for its own transaction).
    op.execute(
        """
        CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND current_setting('rsi.audit_purge', true) = 'on' THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()"
    )
    op.create_table(
        "targeting_job",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=True),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("result", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targeting_job")),
    )
    op.create_table(
        "targeting_import_error",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("message", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["targeting_job.id"],
            name=op.f("fk_targeting_import_error_job_id_targeting_job"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targeting_import_error")),
    )
    op.create_index(
        op.f("ix_targeting_import_error_job_id"), "targeting_import_error", ["job_id"], unique=False
    )
    op.create_table(
        "targeting_insured_person",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("nir", sa.String(length=15), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("sex", sa.SmallInteger(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column(
            "birth_year",
            sa.Integer(),
            sa.Computed("EXTRACT(YEAR FROM birth_date)::integer", persisted=True),
            nullable=False,
        ),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("address_line", sa.String(length=200), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("professional_group", sa.String(length=12), nullable=False),
        sa.Column("activity_code", sa.String(length=6), nullable=True),
        sa.Column("professional_category", sa.String(length=60), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("auto_entrepreneur", sa.Boolean(), nullable=False),
        sa.Column("business_created_on", sa.Date(), nullable=True),
        sa.Column("affiliated_on", sa.Date(), nullable=True),
        sa.Column("validated_quarters", sa.SmallInteger(), nullable=False),
        sa.Column("required_quarters", sa.SmallInteger(), nullable=False),
        sa.Column(
            "incomplete_career",
            sa.Boolean(),
            sa.Computed("validated_quarters < required_quarters", persisted=True),
            nullable=False,
        ),
        sa.Column("conjoint_collaborateur", sa.Boolean(), nullable=False),
        sa.Column("cross_border", sa.Boolean(), nullable=False),
        sa.Column("contact_opt_out", sa.Boolean(), nullable=False),
        sa.Column("last_contacted_on", sa.Date(), nullable=True),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "professional_group IN ('artisan', 'commercant', 'liberal')",
            name=op.f("ck_targeting_insured_person_professional_group"),
        ),
        sa.CheckConstraint(
            "status IN ('active', 'retired', 'struck_off')",
            name=op.f("ck_targeting_insured_person_status"),
        ),
        sa.CheckConstraint("sex IN (1, 2)", name=op.f("ck_targeting_insured_person_sex")),
        sa.CheckConstraint(
            "validated_quarters >= 0 AND required_quarters > 0",
            name=op.f("ck_targeting_insured_person_quarters_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["caisse_code"],
            ["targeting_caisse.code"],
            name=op.f("fk_targeting_insured_person_caisse_code_targeting_caisse"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targeting_insured_person")),
        sa.UniqueConstraint("nir", name=op.f("uq_targeting_insured_person_nir")),
    )
    op.create_index(
        "ix_targeting_insured_person_caisse_birth_year",
        "targeting_insured_person",
        ["caisse_code", "birth_year"],
        unique=False,
    )
    op.create_index(
        "ix_targeting_insured_person_caisse_name",
        "targeting_insured_person",
        ["caisse_code", sa.literal_column("lower(last_name)").label("last_name_lower")],
        unique=False,
        postgresql_ops={"last_name_lower": "text_pattern_ops"},
    )
    op.create_index(
        "ix_targeting_insured_person_created_on",
        "targeting_insured_person",
        ["business_created_on"],
        unique=False,
    )
    op.create_table(
        "targeting_policy_action",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("national", sa.Boolean(), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=True),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("contact_type", sa.String(length=24), nullable=False),
        sa.Column("target_description", sa.Text(), nullable=False),
        sa.Column("specific_objective", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("calendar_start", sa.Date(), nullable=False),
        sa.Column("calendar_end", sa.Date(), nullable=False),
        sa.Column("modalities", sa.Text(), nullable=False),
        sa.Column("tools", sa.Text(), nullable=False),
        sa.Column("target_definition", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("recency_window_days", sa.SmallInteger(), nullable=False),
        sa.Column("interview_minutes", sa.SmallInteger(), nullable=True),
        sa.Column("buffer_minutes", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "contact_type IN ('individual_interview', 'letter', 'collective_meeting')",
            name=op.f("ck_targeting_policy_action_contact_type"),
        ),
        sa.CheckConstraint(
            "calendar_start <= calendar_end", name=op.f("ck_targeting_policy_action_calendar_order")
        ),
        sa.CheckConstraint(
            "national = (caisse_code IS NULL)",
            name=op.f("ck_targeting_policy_action_national_has_no_caisse"),
        ),
        sa.ForeignKeyConstraint(
            ["caisse_code"],
            ["targeting_caisse.code"],
            name=op.f("fk_targeting_policy_action_caisse_code_targeting_caisse"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targeting_policy_action")),
    )
    op.create_index(
        op.f("ix_targeting_policy_action_year"), "targeting_policy_action", ["year"], unique=False
    )
    op.create_table(
        "targeting_target_list",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("action_id", sa.BigInteger(), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("definition", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("sampling", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("recency_window_days", sa.SmallInteger(), nullable=False),
        sa.Column("matched", sa.Integer(), nullable=False),
        sa.Column("excluded_opt_out", sa.Integer(), nullable=False),
        sa.Column("excluded_recent_contact", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["targeting_policy_action.id"],
            name=op.f("fk_targeting_target_list_action_id_targeting_policy_action"),
        ),
        sa.ForeignKeyConstraint(
            ["caisse_code"],
            ["targeting_caisse.code"],
            name=op.f("fk_targeting_target_list_caisse_code_targeting_caisse"),
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["targeting_job.id"],
            name=op.f("fk_targeting_target_list_job_id_targeting_job"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targeting_target_list")),
    )
    op.create_index(
        op.f("ix_targeting_target_list_action_id"),
        "targeting_target_list",
        ["action_id"],
        unique=False,
    )
    op.create_table(
        "targeting_target_list_member",
        sa.Column("list_id", sa.Uuid(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("priority_group", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["targeting_target_list.id"],
            name=op.f("fk_targeting_target_list_member_list_id_targeting_target_list"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["targeting_insured_person.id"],
            name=op.f("fk_targeting_target_list_member_person_id_targeting_insured_person"),
        ),
        sa.PrimaryKeyConstraint("list_id", "rank", name=op.f("pk_targeting_target_list_member")),
    )


def downgrade() -> None:
    op.drop_table("targeting_target_list_member")
    op.drop_index(op.f("ix_targeting_target_list_action_id"), table_name="targeting_target_list")
    op.drop_table("targeting_target_list")
    op.drop_index(op.f("ix_targeting_policy_action_year"), table_name="targeting_policy_action")
    op.drop_table("targeting_policy_action")
    op.drop_index("ix_targeting_insured_person_created_on", table_name="targeting_insured_person")
    op.drop_index(
        "ix_targeting_insured_person_caisse_name",
        table_name="targeting_insured_person",
        postgresql_ops={"last_name_lower": "text_pattern_ops"},
    )
    op.drop_index(
        "ix_targeting_insured_person_caisse_birth_year", table_name="targeting_insured_person"
    )
    op.drop_table("targeting_insured_person")
    op.drop_index(op.f("ix_targeting_import_error_job_id"), table_name="targeting_import_error")
    op.drop_table("targeting_import_error")
    op.drop_table("targeting_job")
    op.drop_index(op.f("ix_audit_event_occurred_at"), table_name="audit_event")
    op.drop_table("audit_event")
    op.execute("DROP FUNCTION audit_event_append_only()")
