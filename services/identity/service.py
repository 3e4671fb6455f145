"""Login, client credentials and token issuing."""

import time
import uuid
from dataclasses import dataclass
from functools import partial
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from jose import jwt
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.identity.keys import SigningKey
from services.identity.models import MachineClient, User
from services.identity.schemas import ClientTokenResponse, LoginResponse, UserProfile
from services.identity.sessions.service import SessionRules, SignInMethod, start_session
from services.identity.throttle import LoginThrottle, attempt_keys
from services.shared.auth import ACCESS_TOKEN_USE, ALGORITHM, Role
from services.shared.db import run_after_rollback
from services.shared.errors import NotAuthenticated, TooManyRequests
from services.shared.metrics import LOGIN_FAILURES
from services.shared.settings import Settings

password_hasher = PasswordHasher()
# Verified against when the user does not exist, so both paths cost one argon2 verification.
_DUMMY_HASH = password_hasher.hash("not-a-real-password")


def hash_secret(secret: str) -> str:
    return password_hasher.hash(secret)


def _secret_matches(secret_hash: str, secret: str) -> bool:
    try:
        return password_hasher.verify(secret_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


class TokenIssuer:
    def __init__(self, key: SigningKey, settings: Settings) -> None:
        self.key = key
        self.issuer = settings.jwt_issuer
        self.audience = settings.jwt_audience
        self.ttl = settings.access_token_ttl_seconds

    def issue(self, subject: str, role: str, caisse: str | None, name: str, scope: str) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject,
            "iat": now,
            "nbf": now,
            "exp": now + self.ttl,
            "jti": uuid.uuid4().hex,
            "token_use": ACCESS_TOKEN_USE,
            "role": role,
            "caisse": caisse,
            "name": name,
            "scope": scope,
        }
        return jwt.encode(
            claims, self.key.private_pem, algorithm=ALGORITHM, headers={"kid": self.key.kid}
        )


def user_profile(user: User) -> UserProfile:
    return UserProfile(
        username=user.username,
        full_name=user.full_name,
        role=Role(user.role),
        caisse_code=user.caisse_code,
    )


def user_token(issuer: TokenIssuer, user: User) -> LoginResponse:
    """An access token carrying the account's role and caisse as they are now."""
    token = issuer.issue(f"user:{user.username}", user.role, user.caisse_code, user.full_name, "")
    return LoginResponse(access_token=token, expires_in=issuer.ttl, user=user_profile(user))


@dataclass(frozen=True)
class SignedIn:
    """An access token for the SPA and the refresh token of the session it starts."""

    login: LoginResponse
    refresh_token: str


async def login(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    issuer: TokenIssuer,
    throttle: LoginThrottle,
    rules: SessionRules,
    source: str,
    username: str,
    password: str,
) -> SignedIn:
    """The throttle counts the attempt before the password is checked (see ``throttle``)."""
    keys = attempt_keys(username, source)
    try:
        await throttle.admit(sessions, keys)
    except TooManyRequests:
        LOGIN_FAILURES.labels("throttled").inc()
        raise
    user = await session.scalar(select(User).where(User.username == username, User.active))
    if not _secret_matches(user.password_hash if user else _DUMMY_HASH, password) or user is None:
        run_after_rollback(session, partial(throttle.failed, sessions, keys))
        LOGIN_FAILURES.labels("bad_credentials").inc()
        raise NotAuthenticated(
            "Identifiant inconnu ou mot de passe incorrect.", code="auth.bad_credentials"
        )
    await throttle.succeeded(session, keys)
    refresh_token = await start_session(session, rules, user, SignInMethod.PASSWORD)
    return SignedIn(login=user_token(issuer, user), refresh_token=refresh_token)


async def client_credentials(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    issuer: TokenIssuer,
    throttle: LoginThrottle,
    source: str,
    client_id: str,
    client_secret: str,
) -> ClientTokenResponse:
    keys = attempt_keys(f"client:{client_id}", source)
    await throttle.admit(sessions, keys)
    client = await session.scalar(
        select(MachineClient).where(MachineClient.client_id == client_id, MachineClient.active)
    )
    if (
        not _secret_matches(client.secret_hash if client else _DUMMY_HASH, client_secret)
        or client is None
    ):
        run_after_rollback(session, partial(throttle.failed, sessions, keys))
        raise NotAuthenticated(
            "Client inconnu ou secret incorrect.", code="auth.bad_client_credentials"
        )
    await throttle.succeeded(session, keys)
    scope = " ".join(sorted(client.scopes))
    token = issuer.issue(
        f"client:{client.client_id}", client.role, client.caisse_code, client.name, scope
    )
    return ClientTokenResponse(access_token=token, expires_in=issuer.ttl, scope=scope)


async def get_active_user(session: AsyncSession, subject: str) -> User:
    username = subject.removeprefix("user:")
    user = await session.scalar(select(User).where(User.username == username, User.active))
    if user is None or not subject.startswith("user:"):
        raise NotAuthenticated(
            "L'utilisateur de ce jeton n'existe plus.", code="auth.token_expired_user"
        )
    return user
