"""registry generation: counts of the registry cached until it changes

Revision ID: 37093bd39831
Revises: 50c0b60e7eee
Create Date: 2026-11-29 23:24:23.727200+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "37093bd39831"
down_revision: str | None = "50c0b60e7eee"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
# Every stored column of the registry but its key, the contact date (updated by the relay of
# contacts all day, and read by no count) and the row's timestamp.
COUNTED_COLUMNS = (
    "nir",
    "last_name",
    "first_name",
    "sex",
    "birth_date",
    "email",
    "phone",
    "address_line",
    "postcode",
    "city",
    "caisse_code",
    "professional_group",
    "activity_code",
    "professional_category",
    "status",
    "auto_entrepreneur",
    "business_created_on",
    "affiliated_on",
    "validated_quarters",
    "required_quarters",
    "conjoint_collaborateur",
    "cross_border",
    "eirl",
    "invalidity_pension",
    "contact_opt_out",
)


def upgrade() -> None:
    op.create_table(
        "targeting_registry_generation",
        sa.Column("id", sa.SmallInteger(), nullable=False),
        sa.Column("generation", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_targeting_registry_generation_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targeting_registry_generation")),
    )
    op.execute("INSERT INTO targeting_registry_generation (id, generation) VALUES (1, 0)")
    op.execute(
        """
        CREATE FUNCTION targeting_registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE targeting_registry_generation SET generation = generation + 1 WHERE id = 1;
            RETURN NULL;
        END $$
        """
    )
    # Statement-level: one increment per import statement, not per person.
    op.execute(
        f"""
        CREATE TRIGGER targeting_insured_person_changed
        AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF {", ".join(COUNTED_COLUMNS)}
        ON targeting_insured_person
        FOR EACH STATEMENT EXECUTE FUNCTION targeting_registry_changed()
        """
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER targeting_insured_person_changed ON targeting_insured_person")
    op.execute("DROP FUNCTION targeting_registry_changed()")
    op.drop_table("targeting_registry_generation")
