"""Every forged, stale or malformed token is a 401 problem, on every service."""

import base64
import hashlib
import hmac
import json
import re
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from jose import jwt

from services.identity.keys import SigningKey, generate_private_key
from services.shared.settings import PROJECT_ROOT, Settings

Forge = Callable[[SigningKey, Settings], str]


def _claims(settings: Settings, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": "user:attacker",
        "iat": now,
        "nbf": now,
        "exp": now + 300,
        "jti": uuid.uuid4().hex,
        "token_use": "access",
        "role": "admin",
        "caisse": None,
        "scope": "",
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not ...}


def _sign(key: SigningKey, claims: dict[str, Any], **headers: Any) -> str:
    return jwt.encode(
        claims, key.private_pem, algorithm="RS256", headers={"kid": key.kid, **headers}
    )


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def alg_none(key: SigningKey, settings: Settings) -> str:
    return f"{_b64({'alg': 'none', 'kid': key.kid})}.{_b64(_claims(settings))}."


def hs256_with_public_key(key: SigningKey, settings: Settings) -> str:
    """mpdavis/python-jose#414: HMAC keyed with the RSA public key."""
    public_key = serialization.load_pem_private_key(key.private_pem.encode(), None).public_key()
    signing_input = f"{_b64({'alg': 'HS256', 'kid': key.kid})}.{_b64(_claims(settings))}"
    secret = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


def foreign_key(key: SigningKey, settings: Settings) -> str:
    foreign = SigningKey.from_private_key(generate_private_key())
    return _sign(
        SigningKey(foreign.private_pem, {**foreign.public_jwk, "kid": key.kid}), _claims(settings)
    )


def unknown_kid(key: SigningKey, settings: Settings) -> str:
    return jwt.encode(
        _claims(settings), key.private_pem, algorithm="RS256", headers={"kid": "other"}
    )


def expired(key: SigningKey, settings: Settings) -> str:
    past = int(time.time()) - 3600
    return _sign(key, _claims(settings, iat=past, nbf=past, exp=past + 60))


def not_yet_valid(key: SigningKey, settings: Settings) -> str:
    return _sign(key, _claims(settings, nbf=int(time.time()) + 3600))


def issued_in_the_future(key: SigningKey, settings: Settings) -> str:
    """Valid signature, ``exp`` and ``nbf``, but ``iat`` an hour ahead."""
    now = int(time.time())
    return _sign(key, _claims(settings, iat=now + 3600, nbf=now, exp=now + 7200))


def wrong_issuer(key: SigningKey, settings: Settings) -> str:
    return _sign(key, _claims(settings, iss="https://evil.example"))


def wrong_audience(key: SigningKey, settings: Settings) -> str:
    return _sign(key, _claims(settings, aud="another-platform"))


def _missing(claim: str) -> Forge:
    def forge(key: SigningKey, settings: Settings) -> str:
        return _sign(key, _claims(settings, **{claim: ...}))

    forge.__name__ = f"missing_{claim}"
    return forge


def not_an_access_token(key: SigningKey, settings: Settings) -> str:
    return _sign(key, _claims(settings, token_use="refresh"))


def unknown_role(key: SigningKey, settings: Settings) -> str:
    return _sign(key, _claims(settings, role="superuser"))


def counselor_without_caisse(key: SigningKey, settings: Settings) -> str:
    return _sign(key, _claims(settings, role="counselor", caisse=None))


def oversized(key: SigningKey, settings: Settings) -> str:
    return _sign(key, _claims(settings, padding="x" * 10_000))


def jku_header_pointing_elsewhere(key: SigningKey, settings: Settings) -> str:
    foreign = SigningKey.from_private_key(generate_private_key())
    return jwt.encode(
        _claims(settings),
        foreign.private_pem,
        algorithm="RS256",
        headers={
            "kid": foreign.kid,
            "jku": "https://evil.example/jwks.json",
            "jwk": foreign.public_jwk,
        },
    )


def garbage(key: SigningKey, settings: Settings) -> str:
    return "not.a.token"


ATTACKS: list[Forge] = [
    alg_none,
    hs256_with_public_key,
    foreign_key,
    unknown_kid,
    expired,
    not_yet_valid,
    issued_in_the_future,
    wrong_issuer,
    wrong_audience,
    *(_missing(claim) for claim in ("aud", "exp", "iss", "sub", "jti", "iat")),
    not_an_access_token,
    unknown_role,
    counselor_without_caisse,
    oversized,
    jku_header_pointing_elsewhere,
    garbage,
]


# One authenticated route per service: the verifier is the same shared code, but each
# service wires it (keys, issuer, audience) on its own.
PROTECTED = {
    "identity": "/auth/me",
    "targeting": "/caisses",
    "interviews": "/counselors",
    "surveys": "/questionnaires",
    "reporting": "/v1/national/2011",
}


@pytest.fixture
def clients(
    identity_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    interviews_client: httpx.AsyncClient,
    surveys_client: httpx.AsyncClient,
    reporting_client: httpx.AsyncClient,
) -> dict[str, httpx.AsyncClient]:
    return {
        "identity": identity_client,
        "targeting": targeting_client,
        "interviews": interviews_client,
        "surveys": surveys_client,
        "reporting": reporting_client,
    }


@pytest.mark.parametrize("forge", ATTACKS, ids=lambda forge: forge.__name__)
@pytest.mark.parametrize("service", sorted(PROTECTED))
async def test_forged_tokens_are_401(
    forge: Forge,
    service: str,
    signing_key: SigningKey,
    settings: Settings,
    clients: dict[str, httpx.AsyncClient],
) -> None:
    token = forge(signing_key, settings)
    response = await clients[service].get(
        PROTECTED[service], headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert token not in response.text


async def test_a_well_formed_token_passes(
    signing_key: SigningKey, settings: Settings, targeting_client: httpx.AsyncClient
) -> None:
    """The control case: the same forging helpers make an accepted token when nothing is wrong."""
    token = _sign(signing_key, _claims(settings))
    response = await targeting_client.get("/caisses", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


async def test_an_iat_within_the_leeway_passes(
    signing_key: SigningKey, settings: Settings, targeting_client: httpx.AsyncClient
) -> None:
    """A small clock skew between the issuer and the service is tolerated (60 s by default)."""
    now = int(time.time())
    token = _sign(signing_key, _claims(settings, iat=now + 30, nbf=now))
    response = await targeting_client.get("/caisses", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_every_jwt_decode_goes_through_the_one_verifier() -> None:
    calls = sorted(
        path.relative_to(PROJECT_ROOT)
        for path in (PROJECT_ROOT / "services").rglob("*.py")
        if re.search(r"\bjwt\.decode\(", path.read_text())
    )
    # The other one verifies the OpenID Connect provider's ID tokens (joserfc), never ours.
    assert calls == [Path("services/identity/oidc/service.py"), Path("services/shared/auth.py")]
    source = (PROJECT_ROOT / "services/shared/auth.py").read_text()
    assert source.count("jwt.decode(") == 1
    assert "algorithms=[ALGORITHM]" in source and 'ALGORITHM = "RS256"' in source
