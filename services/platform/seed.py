"""Loads reference data and demo accounts, each through its owning service's seed module."""

from sqlalchemy.ext.asyncio import create_async_engine

from services.identity.seed import seed_demo_accounts
from services.shared.db import create_sessionmaker
from services.targeting.caisses.seed import seed_caisses
from services.targeting.policy.seed import seed_socle_2011


async def seed_all(database_url: str, *, demo: bool) -> None:
    engine = create_async_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            await seed_caisses(session)
            await seed_socle_2011(session)
            if demo:
                await seed_demo_accounts(session)
    finally:
        await engine.dispose()
