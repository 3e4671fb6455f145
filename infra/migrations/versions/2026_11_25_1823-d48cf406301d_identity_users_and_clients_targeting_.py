"""identity users and clients, targeting caisses

Revision ID: d48cf406301d
Revises:
Create Date: 2026-11-25 18:23:36.558877+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "d48cf406301d"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "identity_machine_client",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("secret_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=True),
        sa.Column("scopes", postgresql.ARRAY(sa.String(length=80)), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "role IN ('counselor', 'caisse_manager', 'national', 'service', 'admin')",
            name=op.f("ck_identity_machine_client_role"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_machine_client")),
        sa.UniqueConstraint("client_id", name=op.f("uq_identity_machine_client_client_id")),
    )
    op.create_table(
        "identity_user",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "role IN ('counselor', 'caisse_manager', 'national', 'service', 'admin')",
            name=op.f("ck_identity_user_role"),
        ),
        sa.CheckConstraint(
            "role NOT IN ('counselor', 'caisse_manager') OR caisse_code IS NOT NULL",
            name=op.f("ck_identity_user_caisse_roles_have_caisse"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_user")),
        sa.UniqueConstraint("username", name=op.f("uq_identity_user_username")),
    )
    op.create_table(
        "targeting_caisse",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("region", sa.String(length=120), nullable=False),
        sa.Column("overseas", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_targeting_caisse")),
        sa.UniqueConstraint("name", name=op.f("uq_targeting_caisse_name")),
    )


def downgrade() -> None:
    op.drop_table("targeting_caisse")
    op.drop_table("identity_user")
    op.drop_table("identity_machine_client")
