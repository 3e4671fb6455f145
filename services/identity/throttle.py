"""Login throttling, its state shared by every identity process through PostgreSQL.

The rule: a login is refused (429) while ``max_failures`` failures of its username fall
within the last ``window_seconds``; a successful login clears them. Each subject's row
(``identity_login_throttle``) keeps its newest failures within the window, written by one
atomic upsert, all times taken from the database clock so that processes on machines whose
clocks drift still agree. Rows whose failures have all left the window are purged, now and
then by the throttle itself and by :func:`purge_expired_login_attempts` (for a periodic job).

Rows are keyed by ``(scope, subject)``: today the scope is always the username; a per-source
counter (the client address) would be another scope checked next to it.
"""

import time
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from sqlalchemy import delete, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.identity.models import LoginThrottleEntry
from services.shared.errors import TooManyRequests
from services.shared.settings import Settings

# How many expired rows the throttle deletes in passing, at most once a window per process.
PURGE_BATCH = 1000


class ThrottleScope(StrEnum):
    USERNAME = "username"


@dataclass(frozen=True)
class ThrottleRules:
    max_failures: int = 5
    window_seconds: int = 60

    @classmethod
    def from_settings(cls, settings: Settings) -> "ThrottleRules":
        return cls(settings.login_max_failures, settings.login_failure_window_seconds)

    @property
    def window(self) -> timedelta:
        return timedelta(seconds=self.window_seconds)


# The ages (seconds, by the database clock) of the subject's failures still in the window,
# newest first.
_RECENT_FAILURE_AGES = text(
    """
    SELECT extract(epoch FROM statement_timestamp() - failure)::float8 AS age
    FROM identity_login_throttle, unnest(failed_at) AS failure
    WHERE scope = :scope AND subject = :subject
      AND failure > statement_timestamp() - CAST(:window AS interval)
    ORDER BY failure DESC
    """
)

# One more failure: appended, those out of the window dropped, the newest ``keep`` kept.
# Concurrent failures of one subject queue on its row; none is lost.
_RECORD_FAILURE = text(
    """
    INSERT INTO identity_login_throttle AS entry (scope, subject, failed_at, expires_at)
    VALUES (
        :scope, :subject,
        ARRAY[statement_timestamp()],
        statement_timestamp() + CAST(:window AS interval)
    )
    ON CONFLICT (scope, subject) DO UPDATE SET
        failed_at = ARRAY(
            SELECT failure FROM (
                SELECT failure
                FROM unnest(entry.failed_at || statement_timestamp()) AS failure
                WHERE failure > statement_timestamp() - CAST(:window AS interval)
                ORDER BY failure DESC
                LIMIT :keep
            ) AS newest
            ORDER BY failure
        ),
        expires_at = statement_timestamp() + CAST(:window AS interval)
    RETURNING cardinality(failed_at)
    """
)

# Rows another transaction holds (a failure being recorded) are skipped, never waited for.
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


async def recent_failure_ages(
    session: AsyncSession, rules: ThrottleRules, scope: ThrottleScope, subject: str
) -> list[float]:
    result = await session.execute(
        _RECENT_FAILURE_AGES, {"scope": scope.value, "subject": subject, "window": rules.window}
    )
    return [float(age) for age in result.scalars()]


async def record_login_failure(
    session: AsyncSession, rules: ThrottleRules, scope: ThrottleScope, subject: str
) -> int:
    """Adds a failure of ``subject``; returns how many are now within the window."""
    result = await session.execute(
        _RECORD_FAILURE,
        {
            "scope": scope.value,
            "subject": subject,
            "window": rules.window,
            "keep": rules.max_failures,
        },
    )
    return int(result.scalar_one())


async def clear_login_failures(session: AsyncSession, scope: ThrottleScope, subject: str) -> None:
    await session.execute(
        delete(LoginThrottleEntry).where(
            LoginThrottleEntry.scope == scope.value, LoginThrottleEntry.subject == subject
        )
    )


async def purge_expired_login_attempts(session: AsyncSession, limit: int | None = None) -> int:
    """Deletes the rows whose failures have all left their window (at most ``limit``);
    returns how many. Safe to run from any process at any time, e.g. periodically."""
    result = await session.execute(_PURGE_EXPIRED, {"limit": limit})
    return int(getattr(result, "rowcount", 0) or 0)


def username_subject(username: str) -> str:
    """Usernames are throttled case-insensitively: ``Claire`` and ``claire`` add up."""
    return username.lower()


class LoginThrottle:
    """The rules applied to the shared state. Holds no counters: any number of identity
    processes, each with its own instance, throttle together."""

    def __init__(self, rules: ThrottleRules | None = None) -> None:
        self.rules = rules or ThrottleRules()
        self._next_purge = float("-inf")

    async def check(self, session: AsyncSession, username: str) -> None:
        """Raises 429 while the username has ``max_failures`` failures within the window."""
        ages = await recent_failure_ages(
            session, self.rules, ThrottleScope.USERNAME, username_subject(username)
        )
        if len(ages) >= self.rules.max_failures:
            # The lock lifts when the max_failures-th newest failure leaves the window.
            retry_in = int(self.rules.window_seconds - ages[self.rules.max_failures - 1]) + 1
            raise TooManyRequests(
                f"Trop d'échecs de connexion ; réessayez dans {retry_in} secondes.",
                code="auth.login_throttled",
            )

    async def record_failure(
        self, sessions: async_sessionmaker[AsyncSession], username: str
    ) -> None:
        """In a transaction of its own: the request's rolls back with its 401 (the login
        service runs this after that rollback)."""
        async with sessions() as session, session.begin():
            await record_login_failure(
                session, self.rules, ThrottleScope.USERNAME, username_subject(username)
            )
            if time.monotonic() >= self._next_purge:
                self._next_purge = time.monotonic() + self.rules.window_seconds
                await purge_expired_login_attempts(session, limit=PURGE_BATCH)

    async def reset(self, session: AsyncSession, username: str) -> None:
        """After a successful login, in the request's transaction."""
        await clear_login_failures(session, ThrottleScope.USERNAME, username_subject(username))
