"""surveys tables

Revision ID: 83aaf77e7527
Revises: ec77fd4c872e
Create Date: 2026-11-25 20:26:23.339650+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "83aaf77e7527"
down_revision: str | None = "ec77fd4c872e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "surveys_draw_cursor",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("after", sa.BigInteger(), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_surveys_draw_cursor")),
    )
    op.create_table(
        "surveys_questionnaire_version",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=True),
        sa.Column("base_version_id", sa.BigInteger(), nullable=True),
        sa.Column("number", sa.SmallInteger(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("introduction", sa.Text(), nullable=False),
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
            name=op.f("ck_surveys_questionnaire_version_status"),
        ),
        sa.CheckConstraint(
            "(caisse_code IS NULL) = (base_version_id IS NULL)",
            name=op.f("ck_surveys_questionnaire_version_regional_base"),
        ),
        sa.ForeignKeyConstraint(
            ["base_version_id"],
            ["surveys_questionnaire_version.id"],
            name=op.f(
                "fk_surveys_questionnaire_version_base_version_id_surveys_questionnaire_version"
            ),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_questionnaire_version")),
        sa.UniqueConstraint(
            "caisse_code",
            "number",
            name=op.f("uq_surveys_questionnaire_version_caisse_code_number"),
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_index(
        op.f("ix_surveys_questionnaire_version_caisse_code"),
        "surveys_questionnaire_version",
        ["caisse_code"],
        unique=False,
    )
    op.create_index(
        "ix_surveys_questionnaire_version_one_published",
        "surveys_questionnaire_version",
        ["caisse_code"],
        unique=True,
        postgresql_where=sa.text("status = 'published'"),
        postgresql_nulls_not_distinct=True,
    )
    op.create_table(
        "surveys_campaign",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=True),
        sa.Column("action_id", sa.BigInteger(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("questionnaire_version_id", sa.BigInteger(), nullable=False),
        sa.Column("sample_share", sa.Float(), nullable=True),
        sa.Column("sample_count", sa.Integer(), nullable=True),
        sa.Column("minimum_per_caisse", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(sample_share IS NULL) <> (sample_count IS NULL)",
            name=op.f("ck_surveys_campaign_one_rule"),
        ),
        sa.CheckConstraint(
            "minimum_per_caisse >= 0", name=op.f("ck_surveys_campaign_minimum_positive")
        ),
        sa.CheckConstraint("sample_count > 0", name=op.f("ck_surveys_campaign_count_positive")),
        sa.CheckConstraint(
            "sample_share > 0 AND sample_share <= 1", name=op.f("ck_surveys_campaign_share_range")
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_version_id"],
            ["surveys_questionnaire_version.id"],
            name=op.f("fk_surveys_campaign_questionnaire_version_id_surveys_questionnaire_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_campaign")),
    )
    op.create_index(
        op.f("ix_surveys_campaign_caisse_code"), "surveys_campaign", ["caisse_code"], unique=False
    )
    op.create_index(
        "ix_surveys_campaign_one_active",
        "surveys_campaign",
        ["caisse_code", "action_id"],
        unique=True,
        postgresql_where=sa.text("active"),
        postgresql_nulls_not_distinct=True,
    )
    op.create_table(
        "surveys_question",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("version_id", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=500), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("options", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.CheckConstraint(
            "type IN ('scale_1_5', 'single_choice', 'multiple_choice', 'yes_no', 'free_text')",
            name=op.f("ck_surveys_question_type"),
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["surveys_questionnaire_version.id"],
            name=op.f("fk_surveys_question_version_id_surveys_questionnaire_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_question")),
        sa.UniqueConstraint("version_id", "key", name=op.f("uq_surveys_question_version_id_key")),
    )
    op.create_index(
        op.f("ix_surveys_question_version_id"), "surveys_question", ["version_id"], unique=False
    )
    op.create_table(
        "surveys_link",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("campaign_id", sa.BigInteger(), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("action_id", sa.BigInteger(), nullable=True),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("contact_event_id", sa.BigInteger(), nullable=True),
        sa.Column("contact_kind", sa.String(length=12), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=8), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "issued_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "reason IN ('sampled', 'minimum', 'staff')", name=op.f("ck_surveys_link_reason")
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["surveys_campaign.id"],
            name=op.f("fk_surveys_link_campaign_id_surveys_campaign"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_link")),
        sa.UniqueConstraint(
            "campaign_id", "person_id", name=op.f("uq_surveys_link_campaign_id_person_id")
        ),
        sa.UniqueConstraint("token_hash", name=op.f("uq_surveys_link_token_hash")),
    )
    op.create_index(op.f("ix_surveys_link_action_id"), "surveys_link", ["action_id"], unique=False)
    op.create_index(
        op.f("ix_surveys_link_caisse_code"), "surveys_link", ["caisse_code"], unique=False
    )
    op.create_index(
        op.f("ix_surveys_link_campaign_id"), "surveys_link", ["campaign_id"], unique=False
    )
    op.create_table(
        "surveys_response",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("link_id", sa.BigInteger(), nullable=False),
        sa.Column("campaign_id", sa.BigInteger(), nullable=False),
        sa.Column("questionnaire_version_id", sa.BigInteger(), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("action_id", sa.BigInteger(), nullable=True),
        sa.Column("channel", sa.String(length=12), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["surveys_campaign.id"],
            name=op.f("fk_surveys_response_campaign_id_surveys_campaign"),
        ),
        sa.ForeignKeyConstraint(
            ["link_id"], ["surveys_link.id"], name=op.f("fk_surveys_response_link_id_surveys_link")
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_version_id"],
            ["surveys_questionnaire_version.id"],
            name=op.f("fk_surveys_response_questionnaire_version_id_surveys_questionnaire_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_response")),
        sa.UniqueConstraint("link_id", name=op.f("uq_surveys_response_link_id")),
    )
    op.create_index(
        op.f("ix_surveys_response_action_id"), "surveys_response", ["action_id"], unique=False
    )
    op.create_index(
        op.f("ix_surveys_response_caisse_code"), "surveys_response", ["caisse_code"], unique=False
    )
    op.create_index(
        op.f("ix_surveys_response_campaign_id"), "surveys_response", ["campaign_id"], unique=False
    )
    op.create_table(
        "surveys_answer",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("response_id", sa.Uuid(), nullable=False),
        sa.Column("question_id", sa.BigInteger(), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=True),
        sa.Column("choices", postgresql.ARRAY(sa.String(length=200)), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["surveys_question.id"],
            name=op.f("fk_surveys_answer_question_id_surveys_question"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["surveys_response.id"],
            name=op.f("fk_surveys_answer_response_id_surveys_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_answer")),
    )
    op.create_index(
        op.f("ix_surveys_answer_question_id"), "surveys_answer", ["question_id"], unique=False
    )
    op.create_index(
        op.f("ix_surveys_answer_response_id"), "surveys_answer", ["response_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_surveys_answer_response_id"), table_name="surveys_answer")
    op.drop_index(op.f("ix_surveys_answer_question_id"), table_name="surveys_answer")
    op.drop_table("surveys_answer")
    op.drop_index(op.f("ix_surveys_response_campaign_id"), table_name="surveys_response")
    op.drop_index(op.f("ix_surveys_response_caisse_code"), table_name="surveys_response")
    op.drop_index(op.f("ix_surveys_response_action_id"), table_name="surveys_response")
    op.drop_table("surveys_response")
    op.drop_index(op.f("ix_surveys_link_campaign_id"), table_name="surveys_link")
    op.drop_index(op.f("ix_surveys_link_caisse_code"), table_name="surveys_link")
    op.drop_index(op.f("ix_surveys_link_action_id"), table_name="surveys_link")
    op.drop_table("surveys_link")
    op.drop_index(op.f("ix_surveys_question_version_id"), table_name="surveys_question")
    op.drop_table("surveys_question")
    op.drop_index(
        "ix_surveys_campaign_one_active",
        table_name="surveys_campaign",
        postgresql_where=sa.text("active"),
        postgresql_nulls_not_distinct=True,
    )
    op.drop_index(op.f("ix_surveys_campaign_caisse_code"), table_name="surveys_campaign")
    op.drop_table("surveys_campaign")
    op.drop_index(
        "ix_surveys_questionnaire_version_one_published",
        table_name="surveys_questionnaire_version",
        postgresql_where=sa.text("status = 'published'"),
        postgresql_nulls_not_distinct=True,
    )
    op.drop_index(
        op.f("ix_surveys_questionnaire_version_caisse_code"),
        table_name="surveys_questionnaire_version",
    )
    op.drop_table("surveys_questionnaire_version")
    op.drop_table("surveys_draw_cursor")
