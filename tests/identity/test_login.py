import httpx
import pytest
from jose import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.keys import SigningKey
from services.shared.auth import Role
from services.shared.settings import Settings
from tests.factories import create_machine_client, create_user


async def test_login_returns_a_verifiable_rs256_token(
    identity_client: httpx.AsyncClient, session: AsyncSession, signing_key: SigningKey
) -> None:
    await create_user(session, "claire", "s3cret-pass", Role.COUNSELOR, "ALPES")
    response = await identity_client.post(
        "/auth/login", json={"username": "claire", "password": "s3cret-pass"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["user"] == {
        "username": "claire",
        "full_name": "Claire Test",
        "role": "counselor",
        "caisse_code": "ALPES",
    }
    assert jwt.get_unverified_header(body["access_token"])["alg"] == "RS256"
    me = await identity_client.get(
        "/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["username"] == "claire"


async def test_the_stored_password_is_an_argon2_hash(session: AsyncSession) -> None:
    user = await create_user(session, "hashme", "plain-text-password")
    assert user.password_hash.startswith("$argon2id$")
    assert "plain-text-password" not in user.password_hash


@pytest.mark.parametrize(
    ("username", "password"), [("claire", "wrong-password"), ("nobody", "s3cret-pass")]
)
async def test_bad_credentials_are_401_without_saying_which(
    identity_client: httpx.AsyncClient, session: AsyncSession, username: str, password: str
) -> None:
    await create_user(session, "claire", "s3cret-pass")
    response = await identity_client.post(
        "/auth/login", json={"username": username, "password": password}
    )
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "auth.bad_credentials"
    assert response.json()["detail"] == "Identifiant inconnu ou mot de passe incorrect."


async def test_login_refuses_unknown_fields(identity_client: httpx.AsyncClient) -> None:
    response = await identity_client.post(
        "/auth/login", json={"username": "a", "password": "b", "role": "admin"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "role"


async def test_client_credentials_grant(
    identity_client: httpx.AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    await create_machine_client(session, "batch", "machine-secret", ["targeting:read"])
    response = await identity_client.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "batch",
            "client_secret": "machine-secret",
        },
    )
    assert response.status_code == 200
    claims = jwt.get_unverified_claims(response.json()["access_token"])
    assert claims["role"] == "service"
    assert claims["scope"] == "targeting:read"
    assert claims["aud"] == settings.jwt_audience
    assert claims["exp"] - claims["iat"] == settings.access_token_ttl_seconds

    wrong = await identity_client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "client_id": "batch", "client_secret": "x"},
    )
    assert wrong.status_code == 401


async def test_jwks_publishes_the_public_key_only(
    identity_client: httpx.AsyncClient, signing_key: SigningKey
) -> None:
    response = await identity_client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    (key,) = response.json()["keys"]
    assert key["kid"] == signing_key.kid
    assert key["alg"] == "RS256" and key["kty"] == "RSA"
    assert not {"d", "p", "q", "dp", "dq", "qi"} & key.keys()


async def test_me_of_a_deactivated_user_is_401(
    identity_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    user = await create_user(session, "leaver", "pass-word")
    login = await identity_client.post(
        "/auth/login", json={"username": "leaver", "password": "pass-word"}
    )
    user.active = False
    await session.flush()
    me = await identity_client.get(
        "/auth/me", headers={"Authorization": f"Bearer {login.json()['access_token']}"}
    )
    assert me.status_code == 401
