"""Relays completed contacts to targeting, whose lists exclude people contacted recently.

The contact table is the outbox: a cursor row records how far targeting has been told, and
moves in the same transaction that read the batch, only once targeting has accepted it. A
targeting outage leaves the cursor where it was, so nothing is lost; the row lock on the
cursor keeps two processes from relaying the same batch at once; targeting keeps the latest
date per person, so a batch sent twice after a crash changes nothing.
"""

import logging

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.interviews.contacts.models import RelayCursor
from services.interviews.contacts.service import feed
from services.interviews.gateways import RecentContact, TargetingGateway
from services.shared.auth import CaisseScope, Principal
from services.shared.local_time import LOCAL_TIME

logger = logging.getLogger(__name__)
RECENCY = "targeting_recency"
BATCH = 5_000


async def relay_recency(
    sessions: async_sessionmaker[AsyncSession], targeting: TargetingGateway, caller: Principal
) -> int:
    """Sends every contact not yet relayed; returns how many were sent."""
    sent = 0
    while True:
        async with sessions() as session, session.begin():
            await session.execute(
                insert(RelayCursor).values(name=RECENCY, position=0).on_conflict_do_nothing()
            )
            cursor = await session.scalar(
                select(RelayCursor).where(RelayCursor.name == RECENCY).with_for_update()
            )
            assert cursor is not None
            contacts = await feed(session, CaisseScope(None), cursor.position, BATCH, None)
            if not contacts:
                return sent
            await targeting.record_recency(
                caller,
                (
                    RecentContact(
                        person_id=c.person_id,
                        contacted_on=c.occurred_at.astimezone(LOCAL_TIME).date(),
                    )
                    for c in contacts
                ),
            )
            cursor.position = contacts[-1].id
            sent += len(contacts)
