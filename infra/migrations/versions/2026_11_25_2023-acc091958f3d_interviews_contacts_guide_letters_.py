"""interviews contacts guide letters meetings

Revision ID: acc091958f3d
Revises: c9a0a0b21093
Create Date: 2026-11-25 20:23:42.823121+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "acc091958f3d"
down_revision: str | None = "c9a0a0b21093"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "interviews_relay_cursor",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_interviews_relay_cursor")),
    )
    op.create_table(
        "interviews_contact",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("action_id", sa.BigInteger(), nullable=True),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_id", sa.String(length=40), nullable=False),
        sa.Column(
            "written_by_xid",
            sa.BigInteger(),
            server_default=sa.text("(pg_current_xact_id()::text)::bigint"),
            nullable=False,
        ),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "channel IN ('in_person', 'phone', 'collective', 'letter')",
            name=op.f("ck_interviews_contact_channel"),
        ),
        sa.CheckConstraint(
            "kind IN ('interview', 'meeting', 'letter')", name=op.f("ck_interviews_contact_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_contact")),
        sa.UniqueConstraint("kind", "source_id", "person_id", name="one_per_source"),
    )
    op.create_index(
        "ix_interviews_contact_caisse_action",
        "interviews_contact",
        ["caisse_code", "action_id"],
        unique=False,
    )
    op.create_index(
        "ix_interviews_contact_person", "interviews_contact", ["person_id"], unique=False
    )
    op.create_table(
        "interviews_guide_version",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('draft', 'published', 'retired')",
            name=op.f("ck_interviews_guide_version_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_guide_version")),
        sa.UniqueConstraint("number", name=op.f("uq_interviews_guide_version_number")),
    )
    op.create_table(
        "interviews_job",
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_job")),
    )
    op.create_table(
        "interviews_letter_template",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_letter_template")),
    )
    op.create_index(
        op.f("ix_interviews_letter_template_caisse_code"),
        "interviews_letter_template",
        ["caisse_code"],
        unique=False,
    )
    op.create_table(
        "interviews_meeting",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("action_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("partner_event", sa.String(length=200), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("professional_category", sa.String(length=60), nullable=True),
        sa.Column("topics", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "kind IN ('trade_show', 'auto_entrepreneurs')", name=op.f("ck_interviews_meeting_kind")
        ),
        sa.CheckConstraint(
            "status IN ('planned', 'held', 'cancelled')", name=op.f("ck_interviews_meeting_status")
        ),
        sa.CheckConstraint("capacity > 0", name=op.f("ck_interviews_meeting_capacity_positive")),
        sa.CheckConstraint("starts_at < ends_at", name=op.f("ck_interviews_meeting_period_order")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_meeting")),
    )
    op.create_index(
        op.f("ix_interviews_meeting_caisse_code"),
        "interviews_meeting",
        ["caisse_code"],
        unique=False,
    )
    op.create_table(
        "interviews_campaign",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("action_id", sa.BigInteger(), nullable=False),
        sa.Column("target_list_id", sa.Uuid(), nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("purpose", sa.String(length=12), nullable=False),
        sa.Column("meeting_id", sa.BigInteger(), nullable=True),
        sa.Column("template_id", sa.BigInteger(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "context",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            comment="Merge values shared by every letter: caisse, action, booking, meeting.",
        ),
        sa.Column("reply_by", sa.Date(), nullable=True),
        sa.Column("letters", sa.Integer(), nullable=False),
        sa.Column("batch_file", sa.String(length=300), nullable=True),
        sa.Column("reminder_file", sa.String(length=300), nullable=True),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(purpose = 'meeting') = (meeting_id IS NOT NULL)",
            name=op.f("ck_interviews_campaign_meeting"),
        ),
        sa.CheckConstraint(
            "purpose IN ('interview', 'meeting', 'information')",
            name=op.f("ck_interviews_campaign_purpose"),
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["interviews_job.id"],
            name=op.f("fk_interviews_campaign_job_id_interviews_job"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["interviews_meeting.id"],
            name=op.f("fk_interviews_campaign_meeting_id_interviews_meeting"),
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["interviews_letter_template.id"],
            name=op.f("fk_interviews_campaign_template_id_interviews_letter_template"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_campaign")),
    )
    op.create_index(
        op.f("ix_interviews_campaign_caisse_code"),
        "interviews_campaign",
        ["caisse_code"],
        unique=False,
    )
    op.create_table(
        "interviews_guide_section",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("version_id", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("condition", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["interviews_guide_version.id"],
            name=op.f("fk_interviews_guide_section_version_id_interviews_guide_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_guide_section")),
        sa.UniqueConstraint("version_id", "key", name="one_key_per_version"),
    )
    op.create_index(
        op.f("ix_interviews_guide_section_version_id"),
        "interviews_guide_section",
        ["version_id"],
        unique=False,
    )
    op.create_table(
        "interviews_meeting_registration",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("meeting_id", sa.BigInteger(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("display_name", sa.String(length=210), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("registered_by", sa.String(length=120), nullable=False),
        sa.Column(
            "registered_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "checked_in_at IS NULL OR status = 'registered'",
            name=op.f("ck_interviews_meeting_registration_only_registered_attend"),
        ),
        sa.CheckConstraint(
            "status IN ('registered', 'waitlisted', 'cancelled')",
            name=op.f("ck_interviews_meeting_registration_status"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["interviews_meeting.id"],
            name=op.f("fk_interviews_meeting_registration_meeting_id_interviews_meeting"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_meeting_registration")),
        sa.UniqueConstraint("meeting_id", "person_id", name="once_per_meeting"),
    )
    op.create_index(
        op.f("ix_interviews_meeting_registration_meeting_id"),
        "interviews_meeting_registration",
        ["meeting_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_interviews_meeting_registration_person_id"),
        "interviews_meeting_registration",
        ["person_id"],
        unique=False,
    )
    op.create_table(
        "interviews_interview_record",
        sa.Column("interview_id", sa.Uuid(), nullable=False),
        sa.Column("guide_version_id", sa.BigInteger(), nullable=False),
        sa.Column("sections_proposed", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("sections_covered", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("follow_ups", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["guide_version_id"],
            ["interviews_guide_version.id"],
            name=op.f("fk_interviews_interview_record_guide_version_id_interviews_guide_version"),
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews_interview.id"],
            name=op.f("fk_interviews_interview_record_interview_id_interviews_interview"),
        ),
        sa.PrimaryKeyConstraint("interview_id", name=op.f("pk_interviews_interview_record")),
    )
    op.create_table(
        "interviews_invitation",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("action_id", sa.BigInteger(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column(
            "recipient",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            comment="Name and postal address as printed on the letter.",
        ),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reminders", sa.SmallInteger(), nullable=False),
        sa.Column("last_reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "sent_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "status IN ('sent', 'booked', 'declined', 'no_answer', 'returned')",
            name=op.f("ck_interviews_invitation_status"),
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["interviews_campaign.id"],
            name=op.f("fk_interviews_invitation_campaign_id_interviews_campaign"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews_invitation")),
        sa.UniqueConstraint("campaign_id", "person_id", name="one_per_person"),
    )
    op.create_index(
        op.f("ix_interviews_invitation_campaign_id"),
        "interviews_invitation",
        ["campaign_id"],
        unique=False,
    )
    op.create_index(
        "ix_interviews_invitation_person", "interviews_invitation", ["person_id"], unique=False
    )
    op.add_column(
        "targeting_insured_person",
        sa.Column("eirl", sa.Boolean(), server_default="false", nullable=False),
    )
    op.add_column(
        "targeting_insured_person",
        sa.Column("invalidity_pension", sa.Boolean(), server_default="false", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("targeting_insured_person", "invalidity_pension")
    op.drop_column("targeting_insured_person", "eirl")
    op.drop_index("ix_interviews_invitation_person", table_name="interviews_invitation")
    op.drop_index(op.f("ix_interviews_invitation_campaign_id"), table_name="interviews_invitation")
    op.drop_table("interviews_invitation")
    op.drop_table("interviews_interview_record")
    op.drop_index(
        op.f("ix_interviews_meeting_registration_person_id"),
        table_name="interviews_meeting_registration",
    )
    op.drop_index(
        op.f("ix_interviews_meeting_registration_meeting_id"),
        table_name="interviews_meeting_registration",
    )
    op.drop_table("interviews_meeting_registration")
    op.drop_index(
        op.f("ix_interviews_guide_section_version_id"), table_name="interviews_guide_section"
    )
    op.drop_table("interviews_guide_section")
    op.drop_index(op.f("ix_interviews_campaign_caisse_code"), table_name="interviews_campaign")
    op.drop_table("interviews_campaign")
    op.drop_index(op.f("ix_interviews_meeting_caisse_code"), table_name="interviews_meeting")
    op.drop_table("interviews_meeting")
    op.drop_index(
        op.f("ix_interviews_letter_template_caisse_code"), table_name="interviews_letter_template"
    )
    op.drop_table("interviews_letter_template")
    op.drop_table("interviews_job")
    op.drop_table("interviews_guide_version")
    op.drop_index("ix_interviews_contact_person", table_name="interviews_contact")
    op.drop_index("ix_interviews_contact_caisse_action", table_name="interviews_contact")
    op.drop_table("interviews_contact")
    op.drop_table("interviews_relay_cursor")
