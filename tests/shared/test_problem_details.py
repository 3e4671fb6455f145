"""Errors are RFC 9457 problem+json with a request id, never a stack trace."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from pydantic import BaseModel, ConfigDict
from sqlalchemy import text

from services.shared.app import create_service_app
from services.shared.auth import CurrentPrincipal, Role
from services.shared.db import DbSession
from services.shared.settings import Settings
from tests.factories import TokenFactory

router = APIRouter()


class Echo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    count: int
    label: str


@router.post("/echo")
async def echo(body: Echo, _: CurrentPrincipal) -> Echo:
    return body


@router.get("/boom")
async def boom(_: CurrentPrincipal) -> None:
    raise RuntimeError("secret internals: password=hunter2")


@router.get("/bad-sql")
async def bad_sql(_: CurrentPrincipal, session: DbSession) -> None:
    await session.execute(text("SELECT 1 / 0"))


@pytest.fixture
async def client(settings: Settings, targeting_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    app = create_service_app(
        "probe",
        description="",
        routers=[router],
        settings=settings.model_copy(update={"max_body_bytes": 1000}),
    )
    app.dependency_overrides = targeting_app.dependency_overrides
    app.state.token_verifier = targeting_app.state.token_verifier
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
def auth(tokens: TokenFactory) -> dict[str, str]:
    return tokens.headers(Role.ADMIN)


async def test_wrong_type_names_the_field(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    response = await client.post("/echo", json={"count": "many", "label": "x"}, headers=auth)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["errors"] == [
        {"field": "count", "location": "body", "message": problem["errors"][0]["message"]}
    ]
    assert problem["code"] == "validation_error"
    assert problem["detail"] == "Champ « count » invalide : Un nombre entier est attendu."


@pytest.mark.parametrize("field", ["id", "caisse_code", "role", "status"])
async def test_unknown_fields_are_refused(
    client: httpx.AsyncClient, auth: dict[str, str], field: str
) -> None:
    response = await client.post(
        "/echo", json={"count": 1, "label": "x", field: "injected"}, headers=auth
    )
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == [field]


async def test_unexpected_errors_do_not_leak(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.get("/boom", headers=auth)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "hunter2" not in response.text and "Traceback" not in response.text
    assert response.json()["request_id"] == response.headers["x-request-id"]


async def test_database_data_errors_are_422(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.get("/bad-sql", headers=auth)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_oversized_bodies_are_413(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    body = {"count": 1, "label": "x" * 2000}
    declared = await client.post("/echo", json=body, headers=auth)

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b"x" * 400

    streamed = await client.post("/echo", content=chunks(), headers=auth)
    assert declared.status_code == streamed.status_code == 413
    assert declared.headers["content-type"] == "application/problem+json"


async def test_small_chunked_bodies_still_reach_the_route(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"count": 2, '
        yield b'"label": "ok"}'

    response = await client.post(
        "/echo", content=chunks(), headers={**auth, "content-type": "application/json"}
    )
    assert response.status_code == 200
    assert response.json() == {"count": 2, "label": "ok"}


async def test_unknown_route_is_a_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_request_id_is_adopted_or_minted(client: httpx.AsyncClient) -> None:
    adopted = await client.get("/healthz", headers={"X-Request-ID": "gateway-1234abcd"})
    minted = await client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert adopted.headers["x-request-id"] == "gateway-1234abcd"
    assert minted.headers["x-request-id"] not in ("", "bad id with spaces")


async def test_unknown_query_parameters_are_refused_naming_them(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    """A misspelt filter is an error, not a silently unfiltered answer."""
    headers = tokens.headers(Role.NATIONAL)
    typo = await targeting_client.get("/caisses", params={"limt": 5, "": "x"}, headers=headers)
    assert typo.status_code == 422
    assert typo.headers["content-type"] == "application/problem+json"
    assert [(e["field"], e["location"]) for e in typo.json()["errors"]] == [
        ("", "query"),
        ("limt", "query"),
    ]
    # Declared ones, the route's own and its dependencies' (pagination), still pass.
    paged = await targeting_client.get(
        "/caisses", params={"limit": 5, "offset": 0}, headers=headers
    )
    assert paged.status_code == 200
    stats = await targeting_client.get("/stats", params={"year": 2011}, headers=headers)
    assert stats.status_code == 200
