"""Signing keys every identity replica shares: configured current and previous keys, the
JWKS that publishes them, rotation, and production refusing to generate one."""

import os
import stat
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI
from jose import jwt
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from services.identity.app import create_app as create_identity_app
from services.identity.app import issuer_auth
from services.identity.keys import (
    SigningKey,
    generate_private_key,
    load_or_create_signing_key,
    load_signing_keys,
)
from services.identity.service import TokenIssuer
from services.shared.auth import JwksUrlKeySource, Role, TokenVerifier
from services.shared.errors import NotAuthenticated
from services.shared.secrets_config import ConfigurationError
from services.shared.settings import Environment, Settings
from services.shared.storage import LocalStorage
from tests.conftest import _wire_app
from tests.factories import TokenFactory, create_user

PRIVATE_MEMBERS = {"d", "p", "q", "dp", "dq", "qi"}


def new_key() -> SigningKey:
    return SigningKey.from_private_key(generate_private_key())


def public_pem(key: SigningKey) -> str:
    private = serialization.load_pem_private_key(key.private_pem.encode(), password=None)
    assert isinstance(private, rsa.RSAPrivateKey)
    return (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def production(**values: Any) -> Settings:
    return Settings(
        environment=Environment.PRODUCTION,
        database_url="postgresql+asyncpg://rsi:unused@127.0.0.1:9/rsi",
        jwks_url="https://identity.rsi.example/.well-known/jwks.json",
        **values,
    )


def kids(jwks: dict[str, Any]) -> list[str]:
    return [key["kid"] for key in jwks["keys"]]


def test_production_without_a_signing_key_refuses_to_start() -> None:
    with pytest.raises(ConfigurationError) as refused:
        load_signing_keys(production())
    assert "RSI_SIGNING_KEY_PATH" in str(refused.value)
    assert "RSI_SIGNING_KEY_PEM" in str(refused.value)


def test_production_never_generates_the_configured_file(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "signing-key.pem"
    with pytest.raises(ConfigurationError, match="RSI_SIGNING_KEY_PATH"):
        load_signing_keys(production(signing_key_path=path))
    assert not path.exists() and not path.parent.exists()


async def test_the_identity_app_does_not_start_in_production_without_a_key() -> None:
    app = create_identity_app(settings=production())
    with pytest.raises(ConfigurationError, match="RSI_SIGNING_KEY_PATH"):
        async with app.router.lifespan_context(app):
            pass


def test_production_reads_a_configured_key_from_a_file_or_the_environment(
    tmp_path: Path,
) -> None:
    key = new_key()
    path = tmp_path / "signing-key.pem"
    path.write_text(key.private_pem)
    from_file = load_signing_keys(production(signing_key_path=path))
    from_env = load_signing_keys(production(signing_key_pem=SecretStr(key.private_pem)))
    assert from_file.current.kid == from_env.current.kid == key.kid
    # Some platforms flatten a variable's newlines into "\n".
    flattened = key.private_pem.replace("\n", "\\n")
    assert load_signing_keys(production(signing_key_pem=SecretStr(flattened))).current == key


def test_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    key = new_key()
    with pytest.raises(ConfigurationError, match="not both"):
        load_signing_keys(
            production(
                signing_key_path=tmp_path / "k.pem", signing_key_pem=SecretStr(key.private_pem)
            )
        )


@pytest.mark.parametrize(
    ("pem", "message"),
    [
        ("not a key", "expected one PEM private key, found 0"),
        ("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "not a readable"),
        (
            SigningKey.from_private_key(
                rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505
            ).private_pem,
            "1024 bits is too short",
        ),
    ],
    ids=["garbage", "truncated", "short"],
)
def test_an_unusable_key_is_refused_without_showing_it(pem: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message) as refused:
        load_signing_keys(production(signing_key_pem=SecretStr(pem)))
    assert "RSI_SIGNING_KEY_PEM" in str(refused.value)
    assert pem not in str(refused.value)


def test_development_generates_the_key_once_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "signing-key.pem"
    settings = Settings(environment=Environment.DEVELOPMENT, signing_key_path=path)
    # Processes starting together: one key is written, every one of them reads it.
    with ThreadPoolExecutor(max_workers=4) as pool:
        rings = list(pool.map(lambda _: load_signing_keys(settings), range(4)))
    assert len({ring.current.kid for ring in rings}) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(path.parent) == ["signing-key.pem"]  # no temporary file left
    assert load_or_create_signing_key(path).kid == rings[0].current.kid


def test_previous_keys_from_files_and_the_environment_are_published(tmp_path: Path) -> None:
    current, from_file, as_public, from_env = new_key(), new_key(), new_key(), new_key()
    first, second = tmp_path / "previous-1.pem", tmp_path / "previous-2.pem"
    first.write_text(from_file.private_pem)
    second.write_text(public_pem(as_public))  # the public part is enough to verify
    ring = load_signing_keys(
        production(
            signing_key_pem=SecretStr(current.private_pem),
            previous_signing_key_paths=[first, second],
            # The current key listed again is published once.
            previous_signing_key_pems=SecretStr(from_env.private_pem + current.private_pem),
        )
    )
    assert ring.current == current
    jwks = ring.jwks()
    assert kids(jwks) == [current.kid, from_file.kid, as_public.kid, from_env.kid]
    assert not any(PRIVATE_MEMBERS & key.keys() for key in jwks["keys"])


def test_previous_key_paths_are_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RSI_PREVIOUS_SIGNING_KEY_PATHS", "/run/keys/a.pem, /run/keys/b.pem")
    assert Settings().previous_signing_key_paths == [
        Path("/run/keys/a.pem"),
        Path("/run/keys/b.pem"),
    ]
    monkeypatch.setenv("RSI_PREVIOUS_SIGNING_KEY_PATHS", '["/run/keys/c.pem"]')
    assert Settings().previous_signing_key_paths == [Path("/run/keys/c.pem")]


def test_a_missing_previous_key_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="RSI_PREVIOUS_SIGNING_KEY_PATHS"):
        load_signing_keys(
            production(
                signing_key_pem=SecretStr(new_key().private_pem),
                previous_signing_key_paths=[tmp_path / "gone.pem"],
            )
        )


# Rotation, as the services see it ------------------------------------------------------


@pytest.fixture
def old_key() -> SigningKey:
    return new_key()


@pytest.fixture
def rotated_key() -> SigningKey:
    return new_key()


def identity_with(
    settings: Settings, connection: AsyncConnection, current: SigningKey, *previous: SigningKey
) -> FastAPI:
    """An identity app on the test's database, configured with these keys (as PEM), verifying
    its own tokens as in production: with every key it publishes."""
    configured = Settings(
        environment=Environment.TEST,
        database_url=settings.database_url,
        jwks_url=settings.jwks_url,
        signing_key_pem=SecretStr(current.private_pem),
        previous_signing_key_pems=(
            SecretStr("".join(key.private_pem for key in previous)) if previous else None
        ),
    )
    app = create_identity_app(settings=configured)
    keys = issuer_auth(app, configured, httpx.AsyncClient())
    verifier = TokenVerifier(keys, configured.jwt_issuer, configured.jwt_audience)
    return _wire_app(app, connection, verifier, LocalStorage(configured.files_dir))


@pytest.fixture
async def before_rotation(
    settings: Settings, connection: AsyncConnection, old_key: SigningKey
) -> AsyncIterator[httpx.AsyncClient]:
    app = identity_with(settings, connection, old_key)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        yield client


@pytest.fixture
async def after_rotation(
    settings: Settings, connection: AsyncConnection, old_key: SigningKey, rotated_key: SigningKey
) -> AsyncIterator[httpx.AsyncClient]:
    app = identity_with(settings, connection, rotated_key, old_key)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        yield client


@pytest.fixture
async def old_key_removed(
    settings: Settings, connection: AsyncConnection, rotated_key: SigningKey
) -> AsyncIterator[httpx.AsyncClient]:
    app = identity_with(settings, connection, rotated_key)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        yield client


async def _login(client: httpx.AsyncClient) -> str:
    response = await client.post("/auth/login", json={"username": "rotor", "password": "pass-word"})
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


async def _me(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})


def _kid(token: str) -> str:
    return str(jwt.get_unverified_header(token)["kid"])


async def test_tokens_signed_before_a_rotation_verify_until_the_old_key_is_removed(
    session: AsyncSession,
    before_rotation: httpx.AsyncClient,
    after_rotation: httpx.AsyncClient,
    old_key_removed: httpx.AsyncClient,
    old_key: SigningKey,
    rotated_key: SigningKey,
) -> None:
    await create_user(session, "rotor", "pass-word")
    signed_before = await _login(before_rotation)
    assert _kid(signed_before) == old_key.kid

    jwks = (await after_rotation.get("/.well-known/jwks.json")).json()
    assert kids(jwks) == [rotated_key.kid, old_key.kid]
    assert (await _me(after_rotation, signed_before)).status_code == 200
    signed_after = await _login(after_rotation)
    assert _kid(signed_after) == rotated_key.kid

    jwks = (await old_key_removed.get("/.well-known/jwks.json")).json()
    assert kids(jwks) == [rotated_key.kid]
    refused = await _me(old_key_removed, signed_before)
    assert refused.status_code == 401
    assert refused.json()["detail"] == "Le jeton est signé par une clé inconnue."
    assert (await _me(old_key_removed, signed_after)).status_code == 200


async def test_other_services_verify_with_the_published_keys_only(
    after_rotation: httpx.AsyncClient,
    settings: Settings,
    old_key: SigningKey,
    rotated_key: SigningKey,
) -> None:
    """What every other service does: fetch identity's JWKS and pick the key by ``kid``."""
    verifier = TokenVerifier(
        JwksUrlKeySource("http://test/.well-known/jwks.json", after_rotation),
        settings.jwt_issuer,
        settings.jwt_audience,
    )
    for key in (rotated_key, old_key):
        token = TokenFactory(TokenIssuer(key, settings)).for_role(Role.NATIONAL)
        assert (await verifier.verify(token)).role is Role.NATIONAL

    unpublished = TokenFactory(TokenIssuer(new_key(), settings)).for_role(Role.NATIONAL)
    with pytest.raises(NotAuthenticated, match="clé inconnue"):
        await verifier.verify(unpublished)
