"""Service-to-service HTTP calls.

The caller's token and the request id are forwarded, so the peer applies the same caller's
rights and the logs of both services tie together. An unreachable, slow or failing peer is a
503 problem naming it; a peer's 4xx (e.g. 404 for a foreign id) passes through unchanged.

A peer that does not answer in time (it accepted the connection but hangs) costs one timeout,
not one per retry or per call: it is not retried, and for ``UNRESPONSIVE_PAUSE_SECONDS`` the
same client fails at once instead of waiting again, so a request that asks the peer several
things answers within one read timeout.
"""

import logging
import time
from typing import Any

import httpx

from services.shared.auth import Principal
from services.shared.errors import DomainError, ServiceUnavailable
from services.shared.request_context import REQUEST_ID_HEADER, current_request_id
from services.shared.settings import Settings

logger = logging.getLogger(__name__)
IDEMPOTENT_RETRIES = 2
UNRESPONSIVE_PAUSE_SECONDS = 5.0


class PeerError(DomainError):
    """A peer refused the request (4xx); carries the peer's status and detail."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.title = "Peer service refused the request"


def create_http_client(settings: Settings) -> httpx.AsyncClient:
    timeout = httpx.Timeout(
        settings.peer_read_timeout_seconds, connect=settings.peer_connect_timeout_seconds
    )
    return httpx.AsyncClient(timeout=timeout, follow_redirects=False)


class PeerUnresponsive(ServiceUnavailable):
    """The peer took the request (or the connection attempt) and did not answer in time."""


class PeerClient:
    def __init__(self, name: str, base_url: str, http: httpx.AsyncClient) -> None:
        self.name = name
        self.base_url = base_url.rstrip("/")
        self.http = http
        self._unresponsive_until = 0.0

    async def get_json(
        self, path: str, principal: Principal, params: dict[str, Any] | None = None
    ) -> Any:
        """GET is idempotent: a refused connection or a 5xx is retried a bounded number of
        times; a timeout is not (waiting again would only double the wait)."""
        for attempt in range(IDEMPOTENT_RETRIES + 1):
            try:
                return await self._request("GET", path, principal, params=params)
            except PeerUnresponsive:
                raise
            except ServiceUnavailable:
                if attempt == IDEMPOTENT_RETRIES:
                    raise
        raise AssertionError("unreachable")

    async def post_json(self, path: str, principal: Principal, body: Any) -> Any:
        return await self._request("POST", path, principal, json=body)

    async def _request(self, method: str, path: str, principal: Principal, **kwargs: Any) -> Any:
        if time.monotonic() < self._unresponsive_until:
            raise PeerUnresponsive(f"The {self.name} service is not answering.")
        headers = {"Authorization": f"Bearer {principal.token}"}
        if request_id := current_request_id():
            headers[REQUEST_ID_HEADER] = request_id
        try:
            response = await self.http.request(
                method, f"{self.base_url}{path}", headers=headers, **kwargs
            )
        except httpx.TimeoutException as exc:
            logger.warning("peer %s did not answer in time: %s", self.name, type(exc).__name__)
            self._unresponsive_until = time.monotonic() + UNRESPONSIVE_PAUSE_SECONDS
            raise PeerUnresponsive(f"The {self.name} service is not answering.") from exc
        except httpx.TransportError as exc:
            logger.warning("peer %s unreachable: %s", self.name, type(exc).__name__)
            raise ServiceUnavailable(f"The {self.name} service is unavailable.") from exc
        if response.status_code >= 500:
            raise ServiceUnavailable(
                f"The {self.name} service failed (HTTP {response.status_code})."
            )
        if response.status_code >= 400:
            raise PeerError(response.status_code, _problem_detail(response, self.name))
        return response.json()


def _problem_detail(response: httpx.Response, peer: str) -> str:
    try:
        detail = response.json().get("detail")
    except ValueError:
        detail = None
    return str(detail or f"The {peer} service answered HTTP {response.status_code}.")
