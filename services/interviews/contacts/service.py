"""Recording completed contacts (whichever sub-domain completes them) and the feed other
services poll."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.contacts.models import Contact, ContactChannel, ContactKind
from services.shared.auth import CaisseScope

# Rows of transactions still running are held back (see Contact): a row is served only
# once every transaction that started before it has ended (or if the reader wrote it).
_SETTLED = text(
    "(written_by_xid < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint"
    " OR written_by_xid = (pg_current_xact_id_if_assigned()::text)::bigint)"
)


async def record_contact(
    session: AsyncSession,
    *,
    kind: ContactKind,
    caisse_code: str,
    person_id: int,
    action_id: int | None,
    channel: ContactChannel,
    occurred_at: datetime,
    source_id: str,
) -> None:
    """Idempotent: the same source and person are recorded once."""
    await session.execute(
        insert(Contact)
        .values(
            kind=kind.value,
            caisse_code=caisse_code,
            person_id=person_id,
            action_id=action_id,
            channel=channel.value,
            occurred_at=occurred_at,
            source_id=source_id,
        )
        .on_conflict_do_nothing(constraint="one_per_source")
    )


async def feed(
    session: AsyncSession, scope: CaisseScope, after: int, limit: int, caisse_code: str | None
) -> Sequence[Contact]:
    statement = (
        select(Contact).where(Contact.id > after, _SETTLED).order_by(Contact.id).limit(limit)
    )
    if caisse_code is not None:
        statement = statement.where(Contact.caisse_code == caisse_code)
    if scope.caisse_codes is not None:
        statement = statement.where(Contact.caisse_code.in_(scope.caisse_codes))
    return (await session.scalars(statement)).all()
