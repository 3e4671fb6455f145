"""Sessions that last a working day: a refresh token in an httpOnly cookie, rotated on each
renewal, its reuse revoking the session; idle timeout and absolute lifetime; logout; the
account re-read at each renewal."""

from datetime import timedelta

import httpx
from jose import jwt
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.models import User
from services.identity.sessions.cookies import REFRESH_COOKIE
from services.identity.sessions.models import RefreshToken, SignInSession
from services.identity.sessions.service import purge_ended_sessions
from services.shared.auth import Role
from services.shared.settings import Settings
from tests.factories import create_user

PASSWORD = "a-long-enough-password"


def _cookie(response: httpx.Response) -> tuple[str, dict[str, str]]:
    """The refresh cookie the response sets: its value and its attributes (lower-case)."""
    (header,) = [
        value
        for value in response.headers.get_list("set-cookie")
        if value.startswith(f"{REFRESH_COOKIE}=")
    ]
    pair, *attributes = [part.strip() for part in header.split(";")]
    value = pair.split("=", 1)[1].strip('"')
    parsed = {}
    for attribute in attributes:
        name, _, attribute_value = attribute.partition("=")
        parsed[name.lower()] = attribute_value
    return value, parsed


def _carrying(token: str) -> dict[str, str]:
    return {"Cookie": f"{REFRESH_COOKIE}={token}"}


async def _sign_in(client: httpx.AsyncClient, username: str) -> str:
    response = await client.post("/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200
    return _cookie(response)[0]


async def _renew(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.post("/auth/refresh", headers=_carrying(token))


async def test_login_sets_a_strict_httponly_secure_cookie_limited_to_identitys_auth_path(
    identity_client: httpx.AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    await create_user(session, "claire", PASSWORD)
    response = await identity_client.post(
        "/auth/login", json={"username": "claire", "password": PASSWORD}
    )
    value, attributes = _cookie(response)
    assert len(value) >= 40
    assert attributes["path"] == "/api/identity/auth"  # where the SPA's proxy serves /auth
    assert attributes["samesite"].lower() == "strict"
    assert {"httponly", "secure"} <= attributes.keys()
    assert attributes["max-age"] == str(settings.session_absolute_lifetime_seconds)
    assert response.json()["expires_in"] == settings.access_token_ttl_seconds
    stored = await session.scalar(select(RefreshToken.token_hash))
    assert stored is not None and value not in stored  # only its hash is kept


async def test_a_renewal_rotates_the_token_and_gives_a_working_access_token(
    identity_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await create_user(session, "claire", PASSWORD)
    first = await _sign_in(identity_client, "claire")
    renewed = await _renew(identity_client, first)
    assert renewed.status_code == 200
    second = _cookie(renewed)[0]
    assert second != first
    me = await identity_client.get(
        "/auth/me", headers={"Authorization": f"Bearer {renewed.json()['access_token']}"}
    )
    assert me.json()["username"] == "claire"
    third = await _renew(identity_client, second)
    assert third.status_code == 200


async def test_reusing_an_old_token_revokes_the_whole_session(
    identity_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await create_user(session, "claire", PASSWORD)
    stolen = await _sign_in(identity_client, "claire")
    newest = _cookie(await _renew(identity_client, stolen))[0]

    replayed = await _renew(identity_client, stolen)
    assert replayed.status_code == 401
    assert replayed.headers["content-type"] == "application/problem+json"
    assert replayed.json()["code"] == "session_reuse"
    # The legitimate holder's newest token is dead too: the family is revoked for good.
    after = await _renew(identity_client, newest)
    assert after.status_code == 401 and after.json()["code"] == "session_revoked"
    family = await session.scalar(select(SignInSession))
    assert family is not None and family.revoked_reason == "reuse"
    # Another sign-in of the same account starts a new, working session.
    assert (await _renew(identity_client, await _sign_in(identity_client, "claire"))).is_success


async def test_a_session_left_idle_past_the_timeout_ends(
    identity_client: httpx.AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    await create_user(session, "claire", PASSWORD)
    token = await _sign_in(identity_client, "claire")
    idle = timedelta(seconds=settings.session_idle_timeout_seconds)
    await session.execute(
        update(RefreshToken).values(issued_at=RefreshToken.issued_at - idle + timedelta(seconds=5))
    )
    token = _cookie(await _renew(identity_client, token))[0]  # 5 s before the timeout: fine
    await session.execute(update(RefreshToken).values(issued_at=RefreshToken.issued_at - idle))
    expired = await _renew(identity_client, token)
    assert expired.status_code == 401 and expired.json()["code"] == "session_expired"


async def test_a_session_renewed_all_day_ends_at_its_absolute_lifetime(
    identity_client: httpx.AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    await create_user(session, "claire", PASSWORD)
    token = await _sign_in(identity_client, "claire")
    lifetime = timedelta(seconds=settings.session_absolute_lifetime_seconds)
    assert lifetime == timedelta(hours=12) and settings.session_idle_timeout_seconds == 1800
    family = await session.scalar(select(SignInSession))
    assert family is not None
    assert family.expires_at - family.started_at == lifetime
    # Eleven hours and 59 minutes on, renewed every few minutes all along: still open.
    await session.execute(
        update(SignInSession).values(
            expires_at=SignInSession.expires_at - lifetime + timedelta(minutes=1)
        )
    )
    token = _cookie(await _renew(identity_client, token))[0]
    await session.execute(
        update(SignInSession).values(expires_at=SignInSession.expires_at - timedelta(minutes=1))
    )
    ended = await _renew(identity_client, token)
    assert ended.status_code == 401 and ended.json()["code"] == "session_expired"


async def test_a_role_change_takes_effect_at_the_next_renewal(
    identity_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    user = await create_user(session, "claire", PASSWORD, Role.COUNSELOR, "ALPES")
    token = await _sign_in(identity_client, "claire")
    user.role, user.caisse_code = Role.CAISSE_MANAGER.value, "BRETAGNE"
    await session.flush()
    renewed = await _renew(identity_client, token)
    claims = jwt.get_unverified_claims(renewed.json()["access_token"])
    assert (claims["role"], claims["caisse"]) == ("caisse_manager", "BRETAGNE")
    assert renewed.json()["user"]["role"] == "caisse_manager"


async def test_a_deactivated_account_is_refused_at_the_next_renewal(
    identity_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    user = await create_user(session, "leaver", PASSWORD)
    token = await _sign_in(identity_client, "leaver")
    user.active = False
    await session.flush()
    refused = await _renew(identity_client, token)
    assert refused.status_code == 401 and refused.json()["code"] == "session_inactive"
    # Reactivated, the revoked session stays closed: a new sign-in is needed.
    await session.execute(update(User).where(User.id == user.id).values(active=True))
    assert (await _renew(identity_client, token)).status_code == 401


async def test_logout_revokes_the_session_and_clears_the_cookie(
    identity_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await create_user(session, "claire", PASSWORD)
    token = await _sign_in(identity_client, "claire")
    out = await identity_client.post("/auth/logout", headers=_carrying(token))
    assert out.status_code == 204
    value, attributes = _cookie(out)
    assert value == "" and attributes["max-age"] == "0"
    assert attributes["path"] == "/api/identity/auth"
    after = await _renew(identity_client, token)
    assert after.status_code == 401 and after.json()["code"] == "session_revoked"


async def test_renewal_without_or_with_an_unknown_cookie_is_401(
    identity_client: httpx.AsyncClient,
) -> None:
    missing = await identity_client.post("/auth/refresh")
    assert missing.status_code == 401 and missing.json()["code"] == "session_missing"
    unknown = await _renew(identity_client, "not-a-token")
    assert unknown.status_code == 401 and unknown.json()["code"] == "session_unknown"
    assert (await identity_client.post("/auth/logout")).status_code == 204


async def test_ended_sessions_are_purged_with_their_tokens(
    identity_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await create_user(session, "claire", PASSWORD)
    await _sign_in(identity_client, "claire")
    await _sign_in(identity_client, "claire")
    old, kept = (await session.scalars(select(SignInSession.id))).all()
    await session.execute(
        update(SignInSession)
        .where(SignInSession.id == old)
        .values(expires_at=SignInSession.started_at - timedelta(seconds=1))
    )
    assert await purge_ended_sessions(session) == 1
    assert (await session.scalars(select(SignInSession.id))).all() == [kept]
    assert set(await session.scalars(select(RefreshToken.session_id))) == {kept}
