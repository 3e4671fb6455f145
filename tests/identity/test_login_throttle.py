"""Sign-in throttling by progressive delays, shared by every identity process through
PostgreSQL: per account at a source address and per source address, for password logins and
the client-credentials grant.

The replicas here are two identity apps, each started by its own lifespan with its own
engine on the test database; what they write is committed for real, so the tests remove
their rows afterwards. Source addresses come through X-Forwarded-For from the test
transport's peer (127.0.0.1), a trusted proxy in these settings. Waiting is simulated by
moving the counters' newest failure back in time, by the database clock.
"""

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import timedelta
from ipaddress import ip_network

import httpx
import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.identity.app import create_app as create_identity_app
from services.identity.models import LoginThrottleEntry, MachineClient, User
from services.identity.throttle import client_address, purge_expired_login_attempts
from services.shared.settings import Settings
from tests.factories import create_machine_client, create_user

PASSWORD = "right-password"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


@pytest.fixture(autouse=True)
async def no_earlier_failures(engine: AsyncEngine) -> None:
    """The counters are committed (their own transactions): other tests' failures from the
    same address would otherwise count here."""
    async with AsyncSession(engine) as session:
        await session.execute(delete(LoginThrottleEntry))
        await session.commit()


@pytest.fixture
def proxied(settings: Settings) -> Settings:
    return settings.model_copy(update={"trusted_proxies": [ip_network("127.0.0.1/32")]})


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
async def replicas(proxied: Settings) -> AsyncIterator[tuple[httpx.AsyncClient, ...]]:
    async with AsyncExitStack() as stack:
        yield tuple([await stack.enter_async_context(replica(proxied)) for _ in range(2)])


@pytest.fixture
async def username(engine: AsyncEngine) -> AsyncIterator[str]:
    """A committed user (both replicas must see it), removed afterwards with every
    throttle row (the tests' addresses are documentation ranges used nowhere else)."""
    name = f"throttled-{uuid.uuid4().hex[:8]}"
    async with AsyncSession(engine) as session:
        await create_user(session, name, PASSWORD)
        await session.commit()
    yield name
    async with AsyncSession(engine) as session:
        await session.execute(delete(User).where(User.username == name))
        await session.execute(delete(LoginThrottleEntry))
        await session.commit()


async def _login(
    client: httpx.AsyncClient, username: str, password: str, source: str = ATTACKER
) -> httpx.Response:
    return await client.post(
        "/auth/login",
        json={"username": username, "password": password},
        headers={"X-Forwarded-For": source},
    )


async def _wait(engine: AsyncEngine, seconds: float) -> None:
    """As if ``seconds`` had passed since every counter's newest failure."""
    async with AsyncSession(engine) as session:
        await session.execute(
            text(
                "UPDATE identity_login_throttle SET"
                " last_failed_at = last_failed_at - CAST(:by AS interval),"
                " expires_at = expires_at - CAST(:by AS interval)"
            ),
            {"by": timedelta(seconds=seconds)},
        )
        await session.commit()


async def test_an_attackers_hundred_wrong_passwords_do_not_keep_the_owner_out(
    replicas: tuple[httpx.AsyncClient, httpx.AsyncClient],
    username: str,
    engine: AsyncEngine,
    proxied: Settings,
) -> None:
    attacker, owner_side = replicas
    delays: list[int] = []
    wrong = 0
    while wrong < 100:  # the attacker waits out every delay: all 100 guesses are checked
        response = await _login(attacker, username, f"guess-{wrong}")
        if response.status_code == 429:
            delays.append(int(response.headers["Retry-After"]))
            await _wait(engine, delays[-1])
            continue
        assert response.status_code == 401
        wrong += 1
    # Progressive (doubling from the first delay) and bounded: the attacker ends at the cap.
    assert min(delays) <= 2 * proxied.login_delay_base_seconds
    assert max(delays) == delays[-1] == proxied.login_delay_max_seconds

    # The owner, from another address, right away, on either replica.
    for client in replicas:
        assert (await _login(client, username, PASSWORD, source=OWNER)).status_code == 200
    # From the attacker's own address the right password waits at most the longest delay,
    # then is accepted: no lock-out.
    delayed = await _login(owner_side, username, PASSWORD)
    assert delayed.status_code == 429
    assert int(delayed.headers["Retry-After"]) <= proxied.login_delay_max_seconds
    await _wait(engine, proxied.login_delay_max_seconds)
    assert (await _login(owner_side, username, PASSWORD)).status_code == 200


async def test_thirty_usernames_from_one_address_are_throttled(
    replicas: tuple[httpx.AsyncClient, httpx.AsyncClient], username: str, proxied: Settings
) -> None:
    first, second = replicas
    statuses = []
    for n in range(30):
        response = await _login((first, second)[n % 2], f"someone-{n}", "guess")
        statuses.append(response.status_code)
    free = proxied.login_source_free_failures
    assert statuses[: free + 1] == [401] * free + [429]
    # Beyond, only an attempt after its (doubling) delay is checked: a few in these seconds.
    assert statuses.count(401) <= free + 3
    throttled = await _login(first, "someone-else", "guess")
    assert throttled.status_code == 429
    assert throttled.headers["content-type"] == "application/problem+json"
    assert throttled.json()["code"] == "sign_in_throttled"
    assert throttled.json()["detail"].startswith("Trop de tentatives de connexion")
    assert 1 <= int(throttled.headers["Retry-After"]) <= proxied.login_delay_max_seconds
    # Another address is not slowed.
    assert (await _login(second, username, PASSWORD, source=OWNER)).status_code == 200


async def test_a_burst_of_parallel_guesses_is_throttled_like_a_sequence(
    replicas: tuple[httpx.AsyncClient, httpx.AsyncClient], username: str, proxied: Settings
) -> None:
    statuses = await asyncio.gather(
        *(_login(replicas[n % 2], username, f"guess-{n}") for n in range(10))
    )
    codes = sorted(response.status_code for response in statuses)
    checked = codes.count(401)
    # No more guesses checked than a sequence gets for free (fewer if a counter's delay from
    # the burst's first failures is already running), the others refused at once.
    assert 1 <= checked <= proxied.login_free_failures
    assert codes == [401] * checked + [429] * (10 - checked)


async def test_colleagues_behind_one_address_signing_in_at_once_are_not_delayed(
    replicas: tuple[httpx.AsyncClient, httpx.AsyncClient], engine: AsyncEngine, proxied: Settings
) -> None:
    names = [
        f"colleague-{uuid.uuid4().hex[:6]}" for _ in range(proxied.login_source_free_failures + 2)
    ]
    async with AsyncSession(engine) as session:
        for name in names:
            await create_user(session, name, PASSWORD)
        await session.commit()
    try:
        answers = await asyncio.gather(
            *(_login(replicas[n % 2], name, PASSWORD) for n, name in enumerate(names))
        )
        assert [answer.status_code for answer in answers] == [200] * len(names)
    finally:
        async with AsyncSession(engine) as session:
            await session.execute(delete(User).where(User.username.in_(names)))
            await session.execute(delete(LoginThrottleEntry))
            await session.commit()


async def test_a_success_clears_the_accounts_counter_at_its_address(
    replicas: tuple[httpx.AsyncClient, httpx.AsyncClient], username: str
) -> None:
    first, second = replicas
    assert [(await _login(first, username, f"g{n}")).status_code for n in range(2)] == [401] * 2
    assert (await _login(second, username, PASSWORD)).status_code == 200
    # Had the two failures stayed, the second of these would be delayed.
    assert [(await _login(first, username, f"h{n}")).status_code for n in range(3)] == [401] * 3
    assert (await _login(second, username, PASSWORD)).status_code == 429


async def test_the_client_credentials_grant_is_throttled_the_same_way(
    replicas: tuple[httpx.AsyncClient, httpx.AsyncClient], engine: AsyncEngine, proxied: Settings
) -> None:
    client_id = f"batch-{uuid.uuid4().hex[:6]}"
    async with AsyncSession(engine) as session:
        await create_machine_client(session, client_id, "machine-secret", ["targeting:read"])
        await session.commit()
    try:

        async def grant(secret: str, source: str = ATTACKER) -> httpx.Response:
            return await replicas[0].post(
                "/oauth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": client_id,
                    "client_secret": secret,
                },
                headers={"X-Forwarded-For": source},
            )

        free = proxied.login_free_failures
        assert [(await grant(f"x{n}")).status_code for n in range(free + 1)] == [401] * free + [429]
        refused = await grant("machine-secret")
        assert refused.status_code == 429 and "Retry-After" in refused.headers
        assert (await grant("machine-secret", source=OWNER)).status_code == 200
    finally:
        async with AsyncSession(engine) as session:
            await session.execute(delete(MachineClient).where(MachineClient.client_id == client_id))
            await session.execute(delete(LoginThrottleEntry))
            await session.commit()


async def test_x_forwarded_for_counts_only_from_a_trusted_proxy(
    identity_client: httpx.AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    """The shared settings trust no proxy: a client writing X-Forwarded-For does not escape
    the per-address counter."""
    assert settings.trusted_proxies == []
    statuses = [
        (await _login(identity_client, f"spoof-{n}", "guess", source=f"10.0.0.{n}")).status_code
        for n in range(settings.login_source_free_failures + 1)
    ]
    assert statuses[-1] == 429


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "expected"),
    [
        ("203.0.113.5", "198.51.100.1", "203.0.113.5"),  # untrusted peer: header ignored
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),
        ("127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the client's own entry
        ("127.0.0.1", "198.51.100.1, 10.1.2.3", "198.51.100.1"),  # through two proxies
        ("127.0.0.1", None, "127.0.0.1"),
    ],
)
def test_client_address(peer: str, forwarded_for: str | None, expected: str) -> None:
    trusted = [ip_network("127.0.0.1/32"), ip_network("10.0.0.0/8")]
    assert client_address(peer, forwarded_for, trusted) == expected


async def test_purge_deletes_only_rows_whose_failures_have_all_expired(
    identity_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await _login(identity_client, "stale", "guess")
    await _login(identity_client, "fresh", "guess")
    await session.execute(
        update(LoginThrottleEntry)
        .where(LoginThrottleEntry.subject.like("stale %"))
        .values(expires_at=func.now() - timedelta(seconds=1))
    )
    assert await purge_expired_login_attempts(session) >= 1
    subjects = set(
        await session.scalars(
            select(LoginThrottleEntry.subject).where(LoginThrottleEntry.scope == "account_source")
        )
    )
    assert subjects == {"fresh 127.0.0.1"}


async def test_failed_logins_log_neither_the_username_nor_the_password(
    identity_client: httpx.AsyncClient,
    session: AsyncSession,
    caplog: pytest.LogCaptureFixture,
    settings: Settings,
) -> None:
    await create_user(session, "secretive", PASSWORD)
    caplog.set_level(logging.DEBUG)
    free = settings.login_free_failures
    statuses = [
        (await _login(identity_client, "secretive", f"guess-{n}")).status_code
        for n in range(free + 1)
    ]
    assert statuses == [401] * free + [429]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /auth/login 429" in logged  # the access log was captured
    assert "secretive" not in logged and "guess-" not in logged


def test_trusted_proxies_are_read_from_a_comma_separated_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RSI_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1,::1")
    assert Settings().trusted_proxies == [
        ip_network("10.0.0.0/8"),
        ip_network("127.0.0.1/32"),
        ip_network("::1/128"),
    ]
    monkeypatch.setenv("RSI_TRUSTED_PROXIES", "nginx")
    with pytest.raises(ValueError, match="trusted_proxies"):
        Settings()
