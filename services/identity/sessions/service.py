"""Sessions that last a working day.

A sign-in (password or OpenID Connect) starts a session: a family of refresh tokens, of
which only the newest is valid. Each renewal rotates it (the presented token is marked used,
a new one issued) and re-reads the account, so a deactivation or a role change takes effect
then. Presenting a used token again means it was copied: the whole session is revoked.
A session ends after an idle timeout (no renewal) and an absolute lifetime, by the database
clock. Tokens are stored as their SHA-256 only.
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import partial

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.identity.models import User
from services.identity.sessions.models import RefreshToken, SignInSession
from services.shared.db import run_after_rollback
from services.shared.errors import NotAuthenticated
from services.shared.settings import Settings


class SignInMethod(StrEnum):
    PASSWORD = "password"
    OIDC = "oidc"


class RevokedBecause(StrEnum):
    LOGOUT = "logout"
    REUSE = "reuse"
    INACTIVE = "inactive"


@dataclass(frozen=True)
class SessionRules:
    idle: timedelta
    absolute: timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> "SessionRules":
        return cls(
            idle=timedelta(seconds=settings.session_idle_timeout_seconds),
            absolute=timedelta(seconds=settings.session_absolute_lifetime_seconds),
        )


@dataclass(frozen=True)
class Renewal:
    user: User
    refresh_token: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def _database_now(session: AsyncSession) -> datetime:
    now = await session.scalar(select(func.statement_timestamp()))
    assert isinstance(now, datetime)
    return now


async def _issue_token(session: AsyncSession, family: SignInSession, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    session.add(RefreshToken(token_hash=_digest(token), session_id=family.id, issued_at=now))
    await session.flush()
    return token


async def start_session(
    session: AsyncSession, rules: SessionRules, user: User, method: SignInMethod
) -> str:
    """Starts a session for ``user``; returns its first refresh token."""
    now = await _database_now(session)
    family = SignInSession(
        user_id=user.id, method=method.value, started_at=now, expires_at=now + rules.absolute
    )
    session.add(family)
    await session.flush()
    return await _issue_token(session, family, now)


async def _revoke(session: AsyncSession, family_id: uuid.UUID, reason: RevokedBecause) -> None:
    await session.execute(
        update(SignInSession)
        .where(SignInSession.id == family_id, SignInSession.revoked_at.is_(None))
        .values(revoked_at=func.statement_timestamp(), revoked_reason=reason.value)
    )


async def _revoke_in_own_transaction(
    sessions: async_sessionmaker[AsyncSession], family_id: uuid.UUID, reason: RevokedBecause
) -> None:
    async with sessions() as session, session.begin():
        await _revoke(session, family_id, reason)


def _revoke_and_refuse(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    family_id: uuid.UUID,
    reason: RevokedBecause,
    detail: str,
) -> NotAuthenticated:
    """The 401 rolls the request's transaction back; the revocation is written after it."""
    run_after_rollback(session, partial(_revoke_in_own_transaction, sessions, family_id, reason))
    return NotAuthenticated(detail, code=f"session_{reason.value}")


def _ended(code: str, detail: str) -> NotAuthenticated:
    return NotAuthenticated(detail, code=code)


async def renew_session(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    rules: SessionRules,
    presented: str | None,
) -> Renewal:
    """Rotates the presented refresh token; returns the account as it is now and the new
    token. Raises 401 when the session is unknown, ended, or the token was already used."""
    if not presented:
        raise _ended("session_missing", "Aucune session ouverte : connectez-vous.")
    row = (
        await session.execute(
            select(RefreshToken, SignInSession)
            .join(SignInSession, SignInSession.id == RefreshToken.session_id)
            .where(RefreshToken.token_hash == _digest(presented))
            .with_for_update()
        )
    ).one_or_none()
    if row is None:
        raise _ended("session_unknown", "Session inconnue : connectez-vous.")
    token, family = row
    now = await _database_now(session)
    if family.revoked_at is not None:
        raise _ended("session_revoked", "La session a été fermée : connectez-vous.")
    if token.used_at is not None:
        raise _revoke_and_refuse(
            session,
            sessions,
            family.id,
            RevokedBecause.REUSE,
            "Ce jeton de session a déjà servi : la session est fermée par sécurité.",
        )
    if now >= family.expires_at or now >= token.issued_at + rules.idle:
        raise _ended("session_expired", "La session a expiré : connectez-vous.")
    user = await session.get(User, family.user_id, populate_existing=True)
    if user is None or not user.active:
        raise _revoke_and_refuse(
            session,
            sessions,
            family.id,
            RevokedBecause.INACTIVE,
            "Ce compte est désactivé.",
        )
    token.used_at = now
    return Renewal(user=user, refresh_token=await _issue_token(session, family, now))


async def end_session(session: AsyncSession, presented: str | None) -> None:
    """Logout: revokes the session the token belongs to (any of its tokens will do)."""
    if not presented:
        return
    family_id = await session.scalar(
        select(RefreshToken.session_id).where(RefreshToken.token_hash == _digest(presented))
    )
    if family_id is not None:
        await _revoke(session, family_id, RevokedBecause.LOGOUT)


async def purge_ended_sessions(session: AsyncSession) -> int:
    """Deletes the sessions past their absolute lifetime (their tokens go with them)."""
    result = await session.execute(
        delete(SignInSession).where(SignInSession.expires_at <= func.statement_timestamp())
    )
    return int(getattr(result, "rowcount", 0) or 0)
