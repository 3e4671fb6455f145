"""Login throttling shared by every identity process: the failures live in PostgreSQL.

The "two processes" here are two identity apps, each started by its own lifespan with its
own engine and connection pool on the test database, as two replicas would be; what they
write is committed for real, so each test removes its user and throttle rows afterwards.
"""

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.identity.app import create_app as create_identity_app
from services.identity.models import LoginThrottleEntry, User
from services.identity.throttle import purge_expired_login_attempts
from services.shared.settings import Settings
from tests.factories import create_user

PASSWORD = "right-password"


@asynccontextmanager
async def replica(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """One identity process: its app, started as uvicorn would, and a client for it."""
    app = create_identity_app(settings=settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client,
    ):
        yield client


@pytest.fixture
async def replicas(settings: Settings) -> AsyncIterator[tuple[httpx.AsyncClient, ...]]:
    async with AsyncExitStack() as stack:
        yield tuple([await stack.enter_async_context(replica(settings)) for _ in range(2)])


@pytest.fixture
async def username(engine: AsyncEngine) -> AsyncIterator[str]:
    """A committed user (both replicas must see it), removed afterwards with its rows."""
    name = f"throttled-{uuid.uuid4().hex[:8]}"
    async with AsyncSession(engine) as session:
        await create_user(session, name, PASSWORD)
        await session.commit()
    yield name
    async with AsyncSession(engine) as session:
        await session.execute(delete(User).where(User.username == name))
        await session.execute(
            delete(LoginThrottleEntry).where(LoginThrottleEntry.subject == name.lower())
        )
        await session.commit()


async def _login(client: httpx.AsyncClient, username: str, password: str) -> httpx.Response:
    return await client.post("/auth/login", json={"username": username, "password": password})


async def _fail(client: httpx.AsyncClient, username: str, times: int) -> list[int]:
    return [(await _login(client, username, f"guess-{n}")).status_code for n in range(times)]


async def _age_failures(engine: AsyncEngine, subject: str, by: timedelta) -> None:
    """Moves the subject's failures back in time, as if ``by`` had passed."""
    async with AsyncSession(engine) as session:
        await session.execute(
            text(
                "UPDATE identity_login_throttle SET"
                " failed_at = ARRAY(SELECT f - CAST(:by AS interval) FROM unnest(failed_at) AS f),"
                " expires_at = expires_at - CAST(:by AS interval) WHERE subject = :subject"
            ),
            {"by": by, "subject": subject},
        )
        await session.commit()


async def test_failures_on_one_replica_lock_the_username_on_the_other(
    replicas: tuple[httpx.AsyncClient, httpx.AsyncClient], username: str
) -> None:
    first, second = replicas
    assert await _fail(first, username, 3) == [401] * 3
    assert await _fail(second, username.upper(), 2) == [401] * 2  # case-insensitive, as before
    for client in (first, second):
        locked = await _login(client, username, PASSWORD)  # even the right password
        assert locked.status_code == 429
        assert locked.headers["content-type"] == "application/problem+json"
        assert locked.json()["detail"].startswith("Trop d'échecs de connexion ; réessayez dans ")


async def test_a_success_on_one_replica_clears_the_failures_seen_by_the_other(
    replicas: tuple[httpx.AsyncClient, httpx.AsyncClient], username: str
) -> None:
    first, second = replicas
    assert await _fail(first, username, 4) == [401] * 4
    assert (await _login(second, username, PASSWORD)).status_code == 200
    # Had the four failures stayed, the second of these would already be refused.
    assert await _fail(first, username, 5) == [401] * 5
    assert (await _login(second, username, PASSWORD)).status_code == 429


async def test_the_lock_lifts_when_the_failures_leave_the_window_by_the_database_clock(
    replicas: tuple[httpx.AsyncClient, httpx.AsyncClient],
    username: str,
    engine: AsyncEngine,
    settings: Settings,
) -> None:
    first, second = replicas
    window = settings.login_failure_window_seconds
    assert await _fail(first, username, 5) == [401] * 5
    await _age_failures(engine, username, timedelta(seconds=window - 20))
    locked = await _login(second, username, PASSWORD)
    assert locked.status_code == 429
    retry_in = int(locked.json()["detail"].split("réessayez dans ")[1].split()[0])
    assert 1 <= retry_in <= 21  # twenty seconds left, by the database's clock
    await _age_failures(engine, username, timedelta(seconds=21))
    assert (await _login(second, username, PASSWORD)).status_code == 200


async def test_the_window_slides_over_the_last_failures(
    identity_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    """Today's rule, kept: five failures within any minute lock; a failure older than the
    minute no longer counts."""
    await create_user(session, "slider", PASSWORD)
    assert await _fail(identity_client, "slider", 4) == [401] * 4
    await session.execute(
        text(
            "UPDATE identity_login_throttle SET failed_at[1] = failed_at[1] - interval '2 min'"
            " WHERE subject = 'slider'"
        )
    )
    # Three failures left in the window: two more are answered, the next attempt is locked.
    assert await _fail(identity_client, "slider", 2) == [401, 401]
    assert (await _login(identity_client, "slider", PASSWORD)).status_code == 429
    stored = await session.scalar(
        select(func.cardinality(LoginThrottleEntry.failed_at)).where(
            LoginThrottleEntry.subject == "slider"
        )
    )
    assert stored == 5  # never more than the failures that lock


async def test_concurrent_failures_on_both_replicas_are_all_counted(
    settings: Settings, engine: AsyncEngine, username: str
) -> None:
    roomy = settings.model_copy(update={"login_max_failures": 50})
    async with replica(roomy) as first, replica(roomy) as second:
        statuses = await asyncio.gather(
            *(_login((first, second)[n % 2], username, f"guess-{n}") for n in range(10))
        )
    assert [response.status_code for response in statuses] == [401] * 10
    async with AsyncSession(engine) as session:
        stored = await session.scalar(
            select(func.cardinality(LoginThrottleEntry.failed_at)).where(
                LoginThrottleEntry.subject == username
            )
        )
    assert stored == 10  # the upsert loses none


async def test_purge_deletes_only_rows_whose_failures_have_all_expired(
    identity_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await _fail(identity_client, "stale", 1)
    await _fail(identity_client, "fresh", 1)
    await session.execute(
        update(LoginThrottleEntry)
        .where(LoginThrottleEntry.subject == "stale")
        .values(expires_at=func.now() - timedelta(seconds=1))
    )
    assert await purge_expired_login_attempts(session) >= 1
    subjects = set(
        await session.scalars(
            select(LoginThrottleEntry.subject).where(
                LoginThrottleEntry.subject.in_(["stale", "fresh"])
            )
        )
    )
    assert subjects == {"fresh"}


async def test_failed_logins_log_neither_the_username_nor_the_password(
    identity_client: httpx.AsyncClient,
    session: AsyncSession,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await create_user(session, "secretive", PASSWORD)
    caplog.set_level(logging.DEBUG)
    statuses = await _fail(identity_client, "secretive", 6)
    assert statuses == [401] * 5 + [429]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /auth/login 429" in logged  # the access log was captured
    assert "secretive" not in logged and "guess-" not in logged
