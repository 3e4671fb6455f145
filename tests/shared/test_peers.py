"""Service-to-service calls: identity and request id forwarded, peers down answer 503, an
answer outside the expected contract 502."""

import socket
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import APIRouter, FastAPI, Request
from pydantic import BaseModel

from services.shared.app import create_service_app
from services.shared.auth import CurrentPrincipal, Role, TokenVerifier
from services.shared.errors import NotFound, ServiceUnavailable
from services.shared.peers import PeerClient
from services.shared.settings import Settings
from tests.factories import TokenFactory

peer_router = APIRouter()


@peer_router.get("/whoami")
async def whoami(principal: CurrentPrincipal, request: Request) -> dict[str, str | None]:
    return {
        "subject": principal.subject,
        "role": principal.role.value,
        "request_id": request.headers.get("x-request-id"),
    }


@peer_router.get("/missing")
async def missing(_: CurrentPrincipal) -> None:
    raise NotFound("Rien ici.", code="not_found")


class _Caller(BaseModel):
    """More than ``/whoami`` answers: its ``caisse`` and ``scopes`` are missing."""

    subject: str
    caisse: str
    scopes: list[str]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed when the block exits


@pytest.fixture
async def caller(settings: Settings, targeting_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A service whose routes call a peer (served over ASGI) and a peer that is down."""
    peer_app = create_service_app("peer", description="", routers=[peer_router], settings=settings)
    peer_app.state.token_verifier = targeting_app.state.token_verifier
    peer_http = httpx.AsyncClient(transport=httpx.ASGITransport(app=peer_app))
    up = PeerClient("peer", "http://peer", peer_http)
    down = PeerClient("reporting", f"http://127.0.0.1:{_closed_port()}", httpx.AsyncClient())

    router = APIRouter()

    @router.get("/via-peer")
    async def via_peer(principal: CurrentPrincipal) -> dict[str, str]:
        return dict(await up.get_json("/whoami", principal))

    @router.get("/via-model")
    async def via_model(principal: CurrentPrincipal) -> dict[str, str]:
        return (await up.get_model("/whoami", principal, _Caller)).model_dump()

    @router.get("/via-missing")
    async def via_missing(principal: CurrentPrincipal) -> None:
        await up.get_json("/missing", principal)

    @router.get("/via-down")
    async def via_down(principal: CurrentPrincipal) -> None:
        await down.get_json("/anything", principal)

    app = create_service_app("caller", description="", routers=[router], settings=settings)
    app.state.token_verifier = targeting_app.state.token_verifier
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://caller"
    ) as client:
        yield client
    await peer_http.aclose()


async def test_the_callers_identity_and_request_id_reach_the_peer(
    caller: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    response = await caller.get(
        "/via-peer",
        headers={**tokens.headers(Role.NATIONAL), "X-Request-ID": "trace-0001-abcd"},
    )
    assert response.status_code == 200
    assert response.json() == {
        "subject": "user:test-national",
        "role": "national",
        "request_id": "trace-0001-abcd",
    }


async def test_a_peers_404_passes_through(caller: httpx.AsyncClient, tokens: TokenFactory) -> None:
    response = await caller.get("/via-missing", headers=tokens.headers(Role.NATIONAL))
    assert response.status_code == 404
    assert response.json()["detail"] == "Rien ici."
    assert response.json()["code"] == "not_found"


async def test_a_peer_down_is_a_503_problem_naming_it(
    caller: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    response = await caller.get("/via-down", headers=tokens.headers(Role.NATIONAL))
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "Le service reporting est indisponible."


async def test_an_answer_without_an_expected_field_is_a_502_naming_peer_and_fields(
    caller: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    response = await caller.get("/via-model", headers=tokens.headers(Role.NATIONAL))
    assert response.status_code == 502
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == (
        "Le service peer a répondu à GET /whoami hors de son contrat : "
        "caisse (champ obligatoire), scopes (champ obligatoire)."
    )


@pytest.fixture
def black_hole() -> Iterator[str]:
    """A peer that accepts connections and never answers (a frozen or overloaded process)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)  # the kernel completes the handshakes; nobody ever reads
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


async def test_a_peer_that_never_answers_costs_one_timeout_then_fails_at_once(
    black_hole: str, tokens: TokenFactory, verifier: TokenVerifier
) -> None:
    principal = await verifier.verify(tokens.for_role(Role.NATIONAL))
    timeout = httpx.Timeout(0.4, connect=0.4)
    async with httpx.AsyncClient(timeout=timeout) as http:
        peer = PeerClient("targeting", black_hole, http)
        started = time.monotonic()
        with pytest.raises(ServiceUnavailable, match="service targeting ne répond pas"):
            await peer.get_json("/stats", principal)
        first = time.monotonic() - started
        # One read timeout, not one per retry (three would be 1.2 s).
        assert 0.4 <= first < 0.8
        started = time.monotonic()
        with pytest.raises(ServiceUnavailable, match="ne répond pas"):
            await peer.get_json("/caisses", principal)
        assert time.monotonic() - started < 0.1
