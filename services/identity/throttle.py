"""Sign-in throttling by progressive delays, its state shared by every identity process
through PostgreSQL.

Two counters are kept for each attempt (a password login or a client-credentials grant):
the account at the source address (``account_source``) and the source address alone
(``source``). Below a number of free failures an attempt is answered at once; beyond, the
next attempt must wait a delay doubling with each failure, up to a maximum (429 with
``Retry-After`` meanwhile). Nothing ever refuses an account outright: its owner, from
another address, is not slowed by an attacker's failures; from the attacker's own address,
at most by the maximum delay. Failures are forgotten after a quiet window.

An attempt is counted on its account's counter *before* the secret is checked, in a
transaction of its own that locks that row and commits at once: parallel guesses at one
account queue there, so a burst is throttled like a sequence; a success clears the counter.
The address's counter counts failures only, once the 401 is known (so that colleagues
behind one office address signing in at the same moment never delay each other); parallel
guesses at many accounts may pass it by the number in flight, no more. All times come from
the database clock, so processes on machines whose clocks drift still agree.
"""

import math
import time
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from ipaddress import IPv4Network, IPv6Network, ip_address
from typing import Any

from sqlalchemy import Row, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.shared.errors import TooManyRequests
from services.shared.settings import Settings

# How many expired rows the throttle deletes in passing, at most once a window per process.
PURGE_BATCH = 1000


class ThrottleScope(StrEnum):
    ACCOUNT_SOURCE = "account_source"
    SOURCE = "source"


@dataclass(frozen=True)
class ThrottleRules:
    free_failures: int = 3
    source_free_failures: int = 10
    delay_base_seconds: float = 1.0
    delay_max_seconds: float = 60.0
    window_seconds: int = 900

    @classmethod
    def from_settings(cls, settings: Settings) -> "ThrottleRules":
        return cls(
            free_failures=settings.login_free_failures,
            source_free_failures=settings.login_source_free_failures,
            delay_base_seconds=settings.login_delay_base_seconds,
            delay_max_seconds=settings.login_delay_max_seconds,
            window_seconds=settings.login_failure_window_seconds,
        )

    @property
    def window(self) -> timedelta:
        return timedelta(seconds=self.window_seconds)

    def delay(self, scope: ThrottleScope, failures: int) -> float:
        """Seconds the next attempt waits after the newest of ``failures``."""
        free = (
            self.free_failures
            if scope is ThrottleScope.ACCOUNT_SOURCE
            else (self.source_free_failures)
        )
        if failures < free:
            return 0.0
        exponent = min(failures - free, 64)
        return float(min(self.delay_base_seconds * 2**exponent, self.delay_max_seconds))


@dataclass(frozen=True)
class AttemptKeys:
    """The counters one attempt is counted on, always locked in this order."""

    account: str
    source: str

    @property
    def rows(self) -> tuple[tuple[ThrottleScope, str], tuple[ThrottleScope, str]]:
        return (
            (ThrottleScope.ACCOUNT_SOURCE, f"{self.account} {self.source}"),
            (ThrottleScope.SOURCE, self.source),
        )


_ENSURE_ROW = text(
    """
    INSERT INTO identity_login_throttle AS entry
        (scope, subject, failures, last_failed_at, expires_at)
    VALUES (:scope, :subject, 0, statement_timestamp(), statement_timestamp())
    ON CONFLICT (scope, subject) DO NOTHING
    """
)

# The counter's failures still in force and the age of the newest.
_READ_ROW = """
    SELECT CASE WHEN expires_at > statement_timestamp() THEN failures ELSE 0 END AS failures,
           extract(epoch FROM statement_timestamp() - last_failed_at)::float8 AS age
    FROM identity_login_throttle
    WHERE scope = :scope AND subject = :subject
"""
_READ = text(_READ_ROW)
_LOCK = text(_READ_ROW + " FOR UPDATE")

# One more failure; a counter whose window has passed starts again from one.
_COUNT_FAILURE = text(
    """
    INSERT INTO identity_login_throttle AS entry
        (scope, subject, failures, last_failed_at, expires_at)
    VALUES (
        :scope, :subject, 1,
        statement_timestamp(), statement_timestamp() + CAST(:window AS interval)
    )
    ON CONFLICT (scope, subject) DO UPDATE SET
        failures = CASE WHEN entry.expires_at > statement_timestamp()
                        THEN entry.failures + 1 ELSE 1 END,
        last_failed_at = statement_timestamp(),
        expires_at = statement_timestamp() + CAST(:window AS interval)
    """
)

_CLEAR = text("DELETE FROM identity_login_throttle WHERE scope = :scope AND subject = :subject")

# Rows another transaction holds (an attempt being counted) are skipped, never waited for.
_PURGE_EXPIRED = text(
    """
    DELETE FROM identity_login_throttle
    WHERE (scope, subject) IN (
        SELECT scope, subject FROM identity_login_throttle
        WHERE expires_at <= statement_timestamp()
        ORDER BY expires_at
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
    )
    """
)


async def purge_expired_login_attempts(session: AsyncSession, limit: int | None = None) -> int:
    """Deletes the rows whose failures have all left their window (at most ``limit``);
    returns how many. Safe to run from any process at any time, e.g. periodically."""
    result = await session.execute(_PURGE_EXPIRED, {"limit": limit})
    return int(getattr(result, "rowcount", 0) or 0)


def attempt_keys(account: str, source: str) -> AttemptKeys:
    """Accounts are throttled case-insensitively: ``Claire`` and ``claire`` add up."""
    return AttemptKeys(account=account.lower(), source=source)


def client_address(
    peer: str | None, forwarded_for: str | None, trusted: list[IPv4Network | IPv6Network]
) -> str:
    """The caller's address: the TCP peer's, unless the peer is a trusted proxy; then the
    nearest address in ``X-Forwarded-For`` that is not itself a trusted proxy (a client
    can write anything on the left of that header, never on the right of its proxy)."""

    def is_trusted(address: str) -> bool:
        try:
            parsed = ip_address(address)
        except ValueError:
            return False
        return any(parsed in network for network in trusted)

    address = peer or "unknown"
    if not forwarded_for or not is_trusted(address):
        return address
    for hop in reversed([part.strip() for part in forwarded_for.split(",") if part.strip()]):
        address = hop
        if not is_trusted(hop):
            break
    return address[:45]


class LoginThrottle:
    """The rules applied to the shared state. Holds no counters: any number of identity
    processes, each with its own instance, throttle together."""

    def __init__(self, rules: ThrottleRules | None = None) -> None:
        self.rules = rules or ThrottleRules()
        self._next_purge = float("-inf")

    def _wait(self, scope: ThrottleScope, row: Row[Any] | None) -> float:
        if row is None:
            return 0.0
        return self.rules.delay(scope, int(row.failures)) - float(row.age)

    async def _count(self, session: AsyncSession, scope: ThrottleScope, subject: str) -> None:
        await session.execute(
            _COUNT_FAILURE, {"scope": scope.value, "subject": subject, "window": self.rules.window}
        )

    async def admit(self, sessions: async_sessionmaker[AsyncSession], keys: AttemptKeys) -> None:
        """Counts the attempt on its account's counter, in a transaction of its own, or
        raises 429 while a counter's delay runs (the attempt is then not counted)."""
        (account_scope, account), (source_scope, source) = keys.rows
        async with sessions() as session, session.begin():
            await session.execute(_ENSURE_ROW, {"scope": account_scope.value, "subject": account})
            account_row = await session.execute(
                _LOCK, {"scope": account_scope.value, "subject": account}
            )
            source_row = await session.execute(
                _READ, {"scope": source_scope.value, "subject": source}
            )
            wait = max(
                self._wait(account_scope, account_row.one()),
                self._wait(source_scope, source_row.one_or_none()),
            )
            if wait <= 0:
                await self._count(session, account_scope, account)
            if time.monotonic() >= self._next_purge:
                self._next_purge = time.monotonic() + self.rules.window_seconds
                await purge_expired_login_attempts(session, limit=PURGE_BATCH)
        if wait > 0:
            retry_after = math.ceil(wait)
            raise TooManyRequests(
                f"Trop de tentatives de connexion : réessayez dans {retry_after} secondes.",
                headers={"Retry-After": str(retry_after)},
                code="sign_in_throttled",
                extensions={"retry_after": retry_after},
            )

    async def failed(self, sessions: async_sessionmaker[AsyncSession], keys: AttemptKeys) -> None:
        """After a refused secret, in a transaction of its own (the request's rolls back with
        its 401): the address's counter counts it."""
        source_scope, source = keys.rows[1]
        async with sessions() as session, session.begin():
            await self._count(session, source_scope, source)

    async def succeeded(self, session: AsyncSession, keys: AttemptKeys) -> None:
        """After a success, in the request's transaction: the account's counter at this
        address is cleared."""
        account_scope, account = keys.rows[0]
        await session.execute(_CLEAR, {"scope": account_scope.value, "subject": account})
