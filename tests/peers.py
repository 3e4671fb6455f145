"""A peer that answers every request with one JSON body: to feed a gateway an answer that
has drifted from the contract its caller relies on."""

from typing import Any

import httpx

from services.shared.auth import Principal, Role
from services.shared.peers import PeerClient


def peer_answering(name: str, body: Any) -> PeerClient:
    transport = httpx.MockTransport(lambda _: httpx.Response(200, json=body))
    return PeerClient(name, f"http://{name}", httpx.AsyncClient(transport=transport))


def machine_caller() -> Principal:
    """A service's own machine client (the peer above checks no token)."""
    return Principal("client:test", Role.SERVICE, None, "test", frozenset(), "token")
