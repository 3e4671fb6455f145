"""Surveys' own machine token, from the real identity app: cached, and refused cleanly."""

import httpx
import pytest
from fastapi import FastAPI

from services.identity.seed import SURVEYS_CLIENT
from services.shared.auth import Role
from services.shared.errors import ServiceUnavailable
from services.shared.service_tokens import ClientCredentialsTokens
from tests.conftest import SURVEYS_CLIENT_SECRET


async def test_the_token_is_reused_until_shortly_before_it_expires(
    surveys_app: FastAPI, identity_app: FastAPI
) -> None:
    calls = []

    async def count(request: httpx.Request) -> None:
        calls.append(request.url.path)

    http = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=identity_app),
        base_url="http://test",
        event_hooks={"request": [count]},
    )
    tokens = ClientCredentialsTokens("http://test", "surveys", SURVEYS_CLIENT_SECRET, http)
    first = await tokens.current()
    assert (first.role, first.scopes) == (
        Role.SERVICE,
        frozenset(SURVEYS_CLIENT.scopes),
    )
    assert (await tokens.current()).token == first.token
    assert calls == ["/oauth/token"]
    # A margin as long as the token's life: every call renews it.
    eager = ClientCredentialsTokens(
        "http://test", "surveys", SURVEYS_CLIENT_SECRET, http, refresh_margin_seconds=10_000
    )
    await eager.current()
    await eager.current()
    assert len(calls) == 3


async def test_a_wrong_secret_is_a_503_naming_identity(
    surveys_app: FastAPI, identity_app: FastAPI
) -> None:
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=identity_app), base_url="http://t")
    tokens = ClientCredentialsTokens("http://t", "surveys", "wrong", http)
    with pytest.raises(ServiceUnavailable, match="identité"):
        await tokens.current()
