"""Reference data of targeting: the caisses of the network (idempotent upsert)."""

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.targeting.caisses.models import Caisse
from services.targeting.caisses.reference_data import CAISSES


async def seed_caisses(session: AsyncSession) -> int:
    statement = insert(Caisse).values([record._asdict() for record in CAISSES])
    statement = statement.on_conflict_do_update(
        index_elements=[Caisse.code],
        set_={
            "name": statement.excluded.name,
            "region": statement.excluded.region,
            "overseas": statement.excluded.overseas,
        },
    )
    await session.execute(statement)
    return len(CAISSES)
