"""registry counts: people by the dimensions target definitions filter on, kept by triggers;
letter campaigns in volumes

Revision ID: c41f7b2e9d65
Revises: fefdf6dce371
Create Date: 2026-12-04 19:00:00.000000+00:00
"""

# The SQL below is built from this file's constants only.
# ruff: noqa: S608

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c41f7b2e9d65"
down_revision: str | None = "fefdf6dce371"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in services/targeting/stats/aggregate.py at this revision (DIMENSIONS, CUBES).
DIMENSIONS = (
    "birth_year",
    "sex",
    "status",
    "professional_group",
    "professional_category",
    "business_created_year",
    "affiliated_year",
    "auto_entrepreneur",
    "incomplete_career",
    "cross_border",
    "conjoint_collaborateur",
)
CUBES = (
    (
        "sex",
        "status",
        "professional_group",
        "professional_category",
        "auto_entrepreneur",
        "incomplete_career",
        "cross_border",
        "conjoint_collaborateur",
    ),
    (
        "sex",
        "status",
        "professional_group",
        "business_created_year",
        "affiliated_year",
        "auto_entrepreneur",
    ),
    ("birth_year", "sex", "status", "professional_group", "auto_entrepreneur", "incomplete_career"),
)
# A registry row as the counts see it.
PERSON = """caisse_code, contact_opt_out, birth_year, sex, status, professional_group,
    professional_category, EXTRACT(YEAR FROM business_created_on)::integer,
    EXTRACT(YEAR FROM affiliated_on)::integer, auto_entrepreneur, incomplete_career,
    cross_border, conjoint_collaborateur"""
COLUMNS = ("caisse_code", "contact_opt_out", *DIMENSIONS)
CHANGED = f"SELECT {PERSON}, 1 FROM new_people UNION ALL SELECT {PERSON}, -1 FROM old_people"


def _counts(source: str, settled: bool = False) -> str:
    """The statement appending the counts of ``source`` (one row per person and a ``sign``)
    to the registry counts, one row per cube and combination, in cube and caisse order (a
    cube's rows are then read from few pages)."""
    sets = ", ".join(f"({', '.join(cube)})" for cube in CUBES)
    return f"""
        INSERT INTO targeting_registry_count (cube, {", ".join(COLUMNS)}, people, settled)
        SELECT GROUPING({", ".join(DIMENSIONS)}), {", ".join(COLUMNS)}, sum(sign), {settled}
        FROM ({source}) AS person ({", ".join(COLUMNS)}, sign)
        GROUP BY caisse_code, contact_opt_out, GROUPING SETS ({sets})
        HAVING sum(sign) <> 0
        ORDER BY 1, 2"""


def upgrade() -> None:
    op.add_column(
        "interviews_campaign",
        sa.Column("volumes", sa.Integer(), server_default="1", nullable=False),
    )
    op.create_table(
        "targeting_registry_count",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("cube", sa.SmallInteger(), nullable=False),
        sa.Column("caisse_code", sa.String(length=20), nullable=False),
        sa.Column("contact_opt_out", sa.Boolean(), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("sex", sa.SmallInteger(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=True),
        sa.Column("professional_group", sa.String(length=12), nullable=True),
        sa.Column("professional_category", sa.String(length=60), nullable=True),
        sa.Column("business_created_year", sa.Integer(), nullable=True),
        sa.Column("affiliated_year", sa.Integer(), nullable=True),
        sa.Column("auto_entrepreneur", sa.Boolean(), nullable=True),
        sa.Column("incomplete_career", sa.Boolean(), nullable=True),
        sa.Column("cross_border", sa.Boolean(), nullable=True),
        sa.Column("conjoint_collaborateur", sa.Boolean(), nullable=True),
        sa.Column("people", sa.BigInteger(), nullable=False),
        sa.Column("settled", sa.Boolean(), server_default="false", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targeting_registry_count")),
    )
    op.create_index(
        "ix_targeting_registry_count_cube_caisse",
        "targeting_registry_count",
        ["cube", "caisse_code"],
        unique=False,
    )
    for dimension in ("birth_year", "professional_category", "business_created_year"):
        op.create_index(
            f"ix_targeting_registry_count_cube_{dimension}",
            "targeting_registry_count",
            ["cube", dimension],
            unique=False,
        )
    op.create_index(
        "ix_targeting_registry_count_unsettled",
        "targeting_registry_count",
        ["id"],
        unique=False,
        postgresql_where=sa.text("NOT settled"),
    )
    # The people already there, as one settled row per combination.
    op.execute(_counts(f"SELECT {PERSON}, 1 FROM targeting_insured_person", settled=True))
    # Statement-level with transition tables: one grouped append per statement, whatever
    # the number of people it touches. An update that changes no dimension (the relay's
    # contact dates) nets out to nothing and appends nothing.
    op.execute(
        f"""
        CREATE FUNCTION targeting_registry_count_delta() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                {_counts(f"SELECT {PERSON}, 1 FROM new_people")};
            ELSIF TG_OP = 'DELETE' THEN
                {_counts(f"SELECT {PERSON}, -1 FROM old_people")};
            ELSE
                {_counts(CHANGED)};
            END IF;
            RETURN NULL;
        END $$
        """
    )
    for event, tables in (
        ("INSERT", "NEW TABLE AS new_people"),
        ("UPDATE", "OLD TABLE AS old_people NEW TABLE AS new_people"),
        ("DELETE", "OLD TABLE AS old_people"),
    ):
        op.execute(
            f"""
            CREATE TRIGGER targeting_insured_person_counted_{event.lower()}
            AFTER {event} ON targeting_insured_person REFERENCING {tables}
            FOR EACH STATEMENT EXECUTE FUNCTION targeting_registry_count_delta()
            """
        )
    op.execute(
        """
        CREATE FUNCTION targeting_registry_count_truncate() RETURNS trigger LANGUAGE plpgsql
        AS $$ BEGIN DELETE FROM targeting_registry_count; RETURN NULL; END $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER targeting_insured_person_counted_truncate
        AFTER TRUNCATE ON targeting_insured_person
        FOR EACH STATEMENT EXECUTE FUNCTION targeting_registry_count_truncate()
        """
    )


def downgrade() -> None:
    for event in ("insert", "update", "delete", "truncate"):
        op.execute(
            f"DROP TRIGGER targeting_insured_person_counted_{event} ON targeting_insured_person"
        )
    op.execute("DROP FUNCTION targeting_registry_count_truncate()")
    op.execute("DROP FUNCTION targeting_registry_count_delta()")
    op.drop_table("targeting_registry_count")
    op.drop_column("interviews_campaign", "volumes")
