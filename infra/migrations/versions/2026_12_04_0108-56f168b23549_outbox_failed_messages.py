"""outbox: failed messages (the worker gave up on them) and when

Revision ID: 56f168b23549
Revises: 37093bd39831
Create Date: 2026-12-04 01:08:14.875463+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "56f168b23549"
down_revision: str | None = "37093bd39831"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
OUTBOXES = ("interviews_outbox_message", "surveys_outbox_message")


def upgrade() -> None:
    for table in OUTBOXES:
        op.add_column(
            table,
            sa.Column(
                "failed_at",
                sa.DateTime(timezone=True),
                nullable=True,
                comment="When the worker gave up (status 'failed').",
            ),
        )
        op.drop_constraint(op.f(f"ck_{table}_status"), table, type_="check")
        op.create_check_constraint(
            op.f(f"ck_{table}_status"), table, "status IN ('pending', 'sent', 'failed')"
        )


def downgrade() -> None:
    for table in OUTBOXES:
        # The previous code retries every message until it goes: failed ones are queued again.
        outbox = sa.table(table, sa.column("status"), sa.column("next_attempt_at"))
        op.execute(
            outbox.update()
            .where(outbox.c.status == "failed")
            .values(status="pending", next_attempt_at=sa.func.now())
        )
        op.drop_constraint(op.f(f"ck_{table}_status"), table, type_="check")
        op.create_check_constraint(
            op.f(f"ck_{table}_status"), table, "status IN ('pending', 'sent')"
        )
        op.drop_column(table, "failed_at")
