"""PgBouncer (Debian's 1.18: no prepared statement tracking) in transaction pooling mode in
front of the test PostgreSQL, with fewer server connections than clients: asyncpg's and
SQLAlchemy's default statement caches break there; ``RSI_DB_POOLER=pgbouncer-transaction``
works for what the services do in a transaction, and leaves no prepared statement behind.
And no service code relies on session state, which transaction pooling does not keep."""

import asyncio
import re
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from services.platform.fleet import PgBouncer, running_pgbouncer
from services.shared.db import create_engine
from services.shared.settings import PROJECT_ROOT, DbPooler, Environment, Settings

pytestmark = pytest.mark.processes
CLIENTS, TRANSACTIONS = 8, 25
Work = Callable[[AsyncConnection, int, int], Awaitable[None]]


@pytest.fixture(scope="module")
def pgbouncer(database_url: str) -> Iterator[PgBouncer]:
    with running_pgbouncer(database_url, pool_size=2) as bouncer:
        yield bouncer


@pytest.fixture
async def pooled(pgbouncer: PgBouncer) -> AsyncIterator[AsyncEngine]:
    settings = Settings(
        environment=Environment.TEST,
        database_url=pgbouncer.url,
        db_pooler=DbPooler.PGBOUNCER_TRANSACTION,
    )
    engine = create_engine(settings)
    yield engine
    await engine.dispose()


async def _run(engine: AsyncEngine, work: Work) -> Counter[str]:
    """CLIENTS clients, TRANSACTIONS transactions each; the errors by kind."""
    errors: Counter[str] = Counter()

    async def client(n: int) -> None:
        for i in range(TRANSACTIONS):
            try:
                async with engine.begin() as connection:
                    await work(connection, n, i)
            except Exception as exc:
                message = str(getattr(exc, "orig", exc)).splitlines()[0]
                errors[re.sub(r'"__[^"]+__"', '"…"', message)[:90]] += 1

    await asyncio.gather(*(client(n) for n in range(CLIENTS)))
    return errors


async def _two_selects(connection: AsyncConnection, n: int, i: int) -> None:
    await connection.execute(
        text("SELECT count(*) FROM targeting_caisse WHERE code <> :code"), {"code": f"C{n}"}
    )
    await connection.execute(text("SELECT CAST(:i AS integer) + 1"), {"i": i})


async def test_the_default_statement_caches_break_behind_transaction_pooling(
    pgbouncer: PgBouncer,
) -> None:
    engine = create_async_engine(pgbouncer.url, pool_size=CLIENTS)
    try:
        errors = await _run(engine, _two_selects)
    finally:
        await engine.dispose()
    failed = sum(errors.values())
    print(f"\ndefault caches: {failed} of {CLIENTS * TRANSACTIONS} transactions failed: {errors}")
    assert failed > 0
    assert all("prepared statement" in message for message in errors)


async def _what_the_services_do(connection: AsyncConnection, n: int, i: int) -> None:
    """The transaction-scoped features the code uses: parameters, JSONB, SET LOCAL
    (idempotency, audit purge), a savepoint (idempotency claims), and the import's staging: a
    temporary table dropped at commit, filled with COPY and an executemany."""
    await _two_selects(connection, n, i)
    document = await connection.scalar(text("SELECT CAST(:d AS jsonb)"), {"d": f'{{"n": {n}}}'})
    assert document == {"n": n}
    await connection.execute(text("SET LOCAL lock_timeout = '200ms'"))
    assert await connection.scalar(text("SHOW lock_timeout")) == "200ms"
    savepoint = await connection.begin_nested()
    await connection.execute(text("SELECT 1"))
    await savepoint.rollback()
    await connection.execute(
        text("CREATE TEMP TABLE staging ON COMMIT DROP AS SELECT 0 AS line WITH NO DATA")
    )
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection
    await driver.copy_records_to_table("staging", records=[(1,), (2,)], columns=["line"])
    await connection.execute(text("INSERT INTO staging VALUES (:line)"), [{"line": 3}, {"line": 4}])
    assert await connection.scalar(text("SELECT sum(line) FROM staging")) == 10


async def test_the_pooler_setting_works_and_leaves_no_statement_behind(
    pooled: AsyncEngine,
) -> None:
    errors = await _run(pooled, _what_the_services_do)
    print(
        f"\nRSI_DB_POOLER=pgbouncer-transaction: {sum(errors.values())} failed of "
        f"{CLIENTS * TRANSACTIONS} transactions"
    )
    assert errors == Counter()
    # Ask each of the (two) server connections, a few times over: nothing prepared is left
    # but the asking statement itself.
    left = []
    for _ in range(6):
        async with pooled.begin() as connection:
            left.append(
                await connection.scalar(text("SELECT count(*) FROM pg_prepared_statements"))
            )
    print(f"prepared statements on a server connection afterwards: {left}")
    assert set(left) <= {0, 1}


# SQL keywords are upper case in this code base (so "Set when…" in a description is prose).
SESSION_STATE = {
    "session-level SET": re.compile(r"""["']\s*SET\s+(?!LOCAL\b)"""),
    "set_config(…, false)": re.compile(r"set_config\([^)]*,\s*false\s*\)", re.I),
    "advisory lock held by the session": re.compile(r"pg_(try_)?advisory_lock", re.I),
    "LISTEN/NOTIFY": re.compile(r"""["']\s*(LISTEN|UNLISTEN)\s"""),
    "temporary table outliving its transaction": re.compile(
        r"CREATE\s+TEMP(ORARY)?\s+TABLE(?![^\"']*ON\s+COMMIT\s+DROP)", re.I
    ),
    "cursor WITH HOLD": re.compile(r"WITH\s+HOLD", re.I),
    "session-level PREPARE": re.compile(r"""["']\s*PREPARE\s"""),
}


def test_no_service_code_relies_on_session_state() -> None:
    """A transaction-pooled connection keeps nothing between transactions: whatever a session
    sets, holds or creates would stay on a server connection another client gets next."""
    found = [
        f"{path.relative_to(PROJECT_ROOT)}:{number}: {what}: {line.strip()}"
        for path in sorted((PROJECT_ROOT / "services").rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        for what, pattern in SESSION_STATE.items()
        if pattern.search(line)
    ]
    print(f"\nsession state in services/: {len(found)} uses")
    assert found == []
