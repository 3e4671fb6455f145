"""Sign-in through an OpenID Connect provider, end to end against a real provider process
(tests/identity/oidc_provider.py): discovery, authorization code with PKCE, state and nonce,
the ID token verified (issuer, audience, signature, expiry), the agent matched to a local
account, the platform's own session and tokens."""

import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi import FastAPI
from jose import jwt
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from services.identity.app import create_app as create_identity_app
from services.identity.app import issuer_auth
from services.identity.models import User
from services.identity.oidc.models import OidcAuthorization
from services.identity.sessions.cookies import REFRESH_COOKIE
from services.identity.sessions.models import SignInSession
from services.shared.auth import Role, TokenVerifier
from services.shared.settings import Settings
from services.shared.storage import Storage
from tests.conftest import _wire_app
from tests.factories import create_user
from tests.platform.live import free_port_block

CLIENT_ID = "rsi-platform-test"
CLIENT_SECRET = "provider-test-secret"
REDIRECT_URI = "http://127.0.0.1:8080/api/identity/oidc/callback"
SPA_LOGIN = "http://127.0.0.1:8080/connexion"


@dataclass(frozen=True)
class RunningProvider:
    url: str

    def next_agent(
        self,
        sub: str,
        email: str | None = None,
        *,
        email_verified: bool | None = True,
        misbehave: str | None = None,
    ) -> None:
        agent = {"sub": sub, "email": email, "email_verified": email_verified}
        body = {key: value for key, value in agent.items() if value is not None}
        response = httpx.post(f"{self.url}/_control/next", json=body | {"misbehave": misbehave})
        assert response.status_code == 204


@pytest.fixture(scope="module")
def provider() -> Iterator[RunningProvider]:
    port = free_port_block(1)
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "tests.identity.oidc_provider", "--port", str(port)),
            *("--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET),
            *("--redirect-uri", REDIRECT_URI),
        ]
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/.well-known/openid-configuration").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and process.poll() is None, "provider down"
            time.sleep(0.1)
        yield RunningProvider(url)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def oidc_settings(settings: Settings, provider: RunningProvider) -> Settings:
    return settings.model_copy(
        update={
            "oidc_discovery_url": f"{provider.url}/.well-known/openid-configuration",
            "oidc_client_id": CLIENT_ID,
            "oidc_client_secret": SecretStr(CLIENT_SECRET),
            "oidc_redirect_uri": REDIRECT_URI,
            "oidc_post_login_url": SPA_LOGIN,
        }
    )


@pytest.fixture
async def identity_app(
    oidc_settings: Settings, connection: AsyncConnection, verifier: TokenVerifier, storage: Storage
) -> AsyncIterator[FastAPI]:
    """Identity with the provider configured; it reaches the provider over real HTTP."""
    async with httpx.AsyncClient() as http:
        app = create_identity_app(settings=oidc_settings)
        issuer_auth(app, oidc_settings, http)
        yield _wire_app(app, connection, verifier, storage)


async def _through_provider(identity: httpx.AsyncClient) -> httpx.Response:
    """What a browser does: identity's login sends it to the provider, which sends it back
    to identity's callback (the browser reaches that through the SPA's proxy path)."""
    start = await identity.get("/oidc/login")
    assert start.status_code == 302
    authorize = start.headers["location"]
    async with httpx.AsyncClient() as browser:
        back = await browser.get(authorize)
    assert back.status_code == 302, back.text
    callback = urlsplit(back.headers["location"])
    assert f"{callback.scheme}://{callback.netloc}{callback.path}" == REDIRECT_URI
    return await identity.get(f"/oidc/callback?{callback.query}")


def _refresh_cookie(response: httpx.Response) -> str:
    for header in response.headers.get_list("set-cookie"):
        if header.startswith(f"{REFRESH_COOKIE}="):
            return header.split(";")[0].split("=", 1)[1]
    raise AssertionError("no refresh cookie")


async def test_the_login_page_learns_the_provider_is_configured(
    identity_client: httpx.AsyncClient,
) -> None:
    options = await identity_client.get("/auth/sign-in-options")
    assert options.json() == {"oidc_provider": "ProConnect"}


async def test_the_authorization_request_uses_pkce_state_and_nonce(
    identity_client: httpx.AsyncClient, session: AsyncSession, provider: RunningProvider
) -> None:
    start = await identity_client.get("/oidc/login")
    query = parse_qs(urlsplit(start.headers["location"]).query)
    assert start.headers["location"].startswith(f"{provider.url}/authorize?")
    assert query["response_type"] == ["code"] and query["client_id"] == [CLIENT_ID]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    assert query["redirect_uri"] == [REDIRECT_URI]
    assert "openid" in query["scope"][0].split()
    stored = await session.scalar(select(OidcAuthorization))
    assert stored is not None
    assert stored.nonce == query["nonce"][0]
    assert query["state"][0] not in stored.state_hash  # the state is kept as its hash only
    assert stored.code_verifier != query["code_challenge"][0]


async def test_first_sign_in_matches_a_verified_email_binds_the_sub_and_starts_a_session(
    identity_client: httpx.AsyncClient, session: AsyncSession, provider: RunningProvider
) -> None:
    user = await create_user(session, "claire", "unused-password", Role.COUNSELOR, "ALPES")
    user.email = "Claire.Martin@rsi.example"
    await session.flush()
    provider.next_agent("pc-claire", "claire.martin@rsi.example")

    done = await _through_provider(identity_client)
    assert done.status_code == 303
    assert done.headers["location"] == SPA_LOGIN
    assert (
        "HttpOnly" in done.headers["set-cookie"] and "SameSite=strict" in done.headers["set-cookie"]
    )
    await session.refresh(user)
    assert user.oidc_subject == "pc-claire"
    family = await session.scalar(select(SignInSession))
    assert family is not None and family.method == "oidc"

    # The SPA turns the session into the platform's own token: roles and caisse are local.
    renewed = await identity_client.post(
        "/auth/refresh", headers={"Cookie": f"{REFRESH_COOKIE}={_refresh_cookie(done)}"}
    )
    assert renewed.status_code == 200
    claims = jwt.get_unverified_claims(renewed.json()["access_token"])
    assert (claims["sub"], claims["role"], claims["caisse"]) == (
        "user:claire",
        "counselor",
        "ALPES",
    )

    # Next time the sub alone matches, whatever the email has become.
    provider.next_agent("pc-claire", "claire@elsewhere.example")
    assert (await _through_provider(identity_client)).status_code == 303


async def test_an_agent_without_an_account_gets_a_french_page_saying_whom_to_ask(
    identity_client: httpx.AsyncClient, session: AsyncSession, provider: RunningProvider
) -> None:
    provider.next_agent("pc-stranger", "stranger@rsi.example")
    refused = await _through_provider(identity_client)
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("text/html")
    assert "Aucun compte ne correspond à votre identité" in refused.text
    assert "responsable de votre caisse" in refused.text
    assert "administrateur de la plateforme" in refused.text
    assert REFRESH_COOKIE not in refused.headers.get("set-cookie", "")
    assert await session.scalar(select(SignInSession)) is None


async def test_an_unverified_email_does_not_match(
    identity_client: httpx.AsyncClient, session: AsyncSession, provider: RunningProvider
) -> None:
    user = await create_user(session, "claire", "unused-password")
    user.email = "claire@rsi.example"
    await session.flush()
    provider.next_agent("pc-impostor", "claire@rsi.example", email_verified=False)
    assert (await _through_provider(identity_client)).status_code == 403
    await session.refresh(user)
    assert user.oidc_subject is None


async def test_a_deactivated_account_is_refused(
    identity_client: httpx.AsyncClient, session: AsyncSession, provider: RunningProvider
) -> None:
    user = await create_user(session, "leaver", "unused-password")
    user.email, user.active = "leaver@rsi.example", False
    await session.flush()
    provider.next_agent("pc-leaver", "leaver@rsi.example")
    refused = await _through_provider(identity_client)
    assert refused.status_code == 403 and "Votre compte est désactivé" in refused.text


@pytest.mark.parametrize("misbehave", ["wrong_nonce", "wrong_audience", "expired", "foreign_key"])
async def test_an_id_token_that_does_not_verify_signs_nobody_in(
    identity_client: httpx.AsyncClient,
    session: AsyncSession,
    provider: RunningProvider,
    misbehave: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    user = await create_user(session, "claire", "unused-password")
    user.email = "claire@rsi.example"
    await session.flush()
    provider.next_agent("pc-claire", "claire@rsi.example", misbehave=misbehave)
    refused = await _through_provider(identity_client)
    assert refused.status_code == 400
    assert "La réponse du fournisseur d'identité est invalide" in refused.text
    assert REFRESH_COOKIE not in refused.headers.get("set-cookie", "")
    await session.refresh(user)
    assert user.oidc_subject is None
    assert "OpenID Connect sign-in refused" in caplog.text
    assert "claire@rsi.example" not in caplog.text


async def test_a_state_is_single_use_and_a_forged_one_is_refused(
    identity_client: httpx.AsyncClient, session: AsyncSession, provider: RunningProvider
) -> None:
    user = await create_user(session, "claire", "unused-password")
    user.email = "claire@rsi.example"
    await session.flush()
    provider.next_agent("pc-claire", "claire@rsi.example")
    start = await identity_client.get("/oidc/login")
    async with httpx.AsyncClient() as browser:
        back = await browser.get(start.headers["location"])
    query = urlsplit(back.headers["location"]).query
    assert (await identity_client.get(f"/oidc/callback?{query}")).status_code == 303
    replay = await identity_client.get(f"/oidc/callback?{query}")
    assert replay.status_code == 400 and "expiré" in replay.text
    forged = await identity_client.get("/oidc/callback?code=abc&state=forged")
    assert forged.status_code == 400
    denied = await identity_client.get("/oidc/callback?error=access_denied&state=forged")
    assert denied.status_code == 400


async def test_without_a_provider_there_is_no_button_and_no_route(
    settings: Settings, connection: AsyncConnection, verifier: TokenVerifier, storage: Storage
) -> None:
    app = create_identity_app(settings=settings)
    async with httpx.AsyncClient() as http:
        issuer_auth(app, settings, http)
        _wire_app(app, connection, verifier, storage)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test"
        ) as client:
            assert (await client.get("/auth/sign-in-options")).json() == {"oidc_provider": None}
            missing = await client.get("/oidc/login")
            assert missing.status_code == 404
            assert missing.headers["content-type"] == "application/problem+json"


async def test_the_bound_user_is_stored_once(session: AsyncSession) -> None:
    """``oidc_subject`` is unique: one provider identity, one account."""
    first = await create_user(session, "one", "unused-password")
    first.oidc_subject = "pc-same"
    await session.flush()
    second = await create_user(session, "two", "unused-password")
    second.oidc_subject = "pc-same"
    with pytest.raises(Exception, match="uq_identity_user_oidc_subject"):
        await session.flush()
    await session.rollback()
    assert (await session.scalars(select(User.username))).all() is not None
