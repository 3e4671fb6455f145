"""The services' pool pings each connection it hands out, in one round trip: a connection
the server dropped meanwhile is replaced, unseen by the request."""

from sqlalchemy import text

from services.shared.db import create_engine
from services.shared.settings import Settings

PID = text("SELECT pg_backend_pid()")


async def test_a_pooled_connection_is_pinged_and_used_again(settings: Settings) -> None:
    engine = create_engine(settings)
    try:
        pids = []
        for _ in range(3):  # the second and third checkouts ping the same connection
            async with engine.connect() as connection:
                pids.append(await connection.scalar(PID))
        assert len(set(pids)) == 1
    finally:
        await engine.dispose()


async def test_a_connection_killed_while_pooled_is_replaced(settings: Settings) -> None:
    engine = create_engine(settings)
    try:
        async with engine.connect() as killer:
            async with engine.connect() as victim:
                dead = await victim.scalar(PID)
            # The victim is back in the pool when the server drops it.
            await killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": dead})
        async with engine.connect() as one, engine.connect() as two:
            pids = {await one.scalar(PID), await two.scalar(PID)}
        assert len(pids) == 2 and dead not in pids
    finally:
        await engine.dispose()
