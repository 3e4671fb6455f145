"""job queue: procrastinate's schema; job rows count attempts instead of holding a lease

Revision ID: a7c3e9d2f410
Revises: f907fa8ee4ed
Create Date: 2026-12-04 01:30:00+00:00

procrastinate's schema is vendored as it was for the pinned release (the history must not
change when the package does); a later release's migration scripts become revisions too.
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op
from sqlalchemy.util import await_

revision: str = "a7c3e9d2f410"
down_revision: str | None = "f907fa8ee4ed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = Path(__file__).parents[1] / "sql" / "procrastinate-3.10.0-schema.sql"
JOB_TABLES = ("interviews_job", "targeting_job")
TABLES = (
    "procrastinate_periodic_defers",
    "procrastinate_events",
    "procrastinate_jobs",
    "procrastinate_workers",
)
TYPES = (
    "procrastinate_job_to_defer_v1",
    "procrastinate_job_event_type",
    "procrastinate_job_status",
)


def _functions() -> list[str]:
    text = SCHEMA.read_text(encoding="utf-8")
    return sorted(
        {
            line.split()[2].split("(")[0]
            for line in text.splitlines()
            if line.startswith("CREATE FUNCTION ")
        }
    )


def upgrade() -> None:
    # Several statements and dollar-quoted bodies: asyncpg's simple query protocol, inside
    # the migration's transaction (SQLAlchemy's adapter has begun it).
    raw = op.get_bind().connection.dbapi_connection
    assert raw is not None
    await_(raw.driver_connection.execute(SCHEMA.read_text(encoding="utf-8")))
    for table in JOB_TABLES:
        op.drop_column(table, "heartbeat_at")
        op.add_column(
            table,
            sa.Column(
                "attempts",
                sa.SmallInteger(),
                server_default="0",
                nullable=False,
                comment="Runs started (a retry or a resumption after a worker died adds one).",
            ),
        )


def downgrade() -> None:
    for table in JOB_TABLES:
        op.drop_column(table, "attempts")
        op.add_column(
            table,
            sa.Column(
                "heartbeat_at",
                sa.DateTime(timezone=True),
                nullable=True,
                comment="Renewed by the process running the job (its lease).",
            ),
        )
    for table in TABLES:
        op.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    for function in _functions():
        op.execute(f"DROP FUNCTION IF EXISTS {function} CASCADE")
    for type_ in TYPES:
        op.execute(f"DROP TYPE IF EXISTS {type_} CASCADE")
