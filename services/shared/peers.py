"""Service-to-service HTTP calls.

The caller's token and the request id are forwarded, so the peer applies the same caller's
rights and the logs of both services tie together. An unreachable, slow or failing peer is a
503 problem naming it; a peer's 4xx (e.g. 404 for a foreign id) passes through unchanged.

Callers read a peer through a small gateway of their own (``services/<name>/gateways.py``):
one method per remote operation, returning a pydantic model of just the fields the caller
uses, read with :meth:`PeerClient.get_model`. An answer that lacks one of them, or has it of
another type, is a :class:`PeerContractError` (502) naming the peer, the call and the fields,
not a ``KeyError`` deep inside the caller.

A peer that does not answer in time (it accepted the connection but hangs) costs one timeout,
not one per retry or per call: it is not retried, and for ``UNRESPONSIVE_PAUSE_SECONDS`` the
same client fails at once instead of waiting again, so a request that asks the peer several
things answers within one read timeout.
"""

import logging
import time
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from services.shared.auth import Principal
from services.shared.errors import DomainError, ServiceUnavailable, french_validation_message
from services.shared.request_context import REQUEST_ID_HEADER, current_request_id
from services.shared.settings import Settings
from services.shared.tracing import inject_trace

logger = logging.getLogger(__name__)
IDEMPOTENT_RETRIES = 2
UNRESPONSIVE_PAUSE_SECONDS = 5.0
Answer = TypeVar("Answer", bound=BaseModel)


class PeerError(DomainError):
    """A peer refused the request (4xx); carries the peer's status, detail and code."""

    code = "peer.refused"

    def __init__(self, status: int, detail: str, code: str = "peer.refused") -> None:
        super().__init__(detail, code=code)
        self.status = status
        self.title = "Refus d'un service"


class PeerContractError(DomainError):
    """A peer answered, but not with what the caller relies on (its contract drifted): a 502,
    not retried by the job queue, since asking again gets the same answer."""

    status, title, code = 502, "Réponse invalide d'un service", "peer.contract"


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

    async def get_model(
        self,
        path: str,
        principal: Principal,
        model: type[Answer],
        params: dict[str, Any] | None = None,
    ) -> Answer:
        """:meth:`get_json`, validated as ``model`` (a :class:`PeerContractError` if not)."""
        return self._validated("GET", path, await self.get_json(path, principal, params), model)

    async def post_json(self, path: str, principal: Principal, body: Any) -> Any:
        return await self._request("POST", path, principal, json=body)

    async def post_model(
        self, path: str, principal: Principal, body: Any, model: type[Answer]
    ) -> Answer:
        """:meth:`post_json` (not retried), validated as ``model``."""
        return self._validated("POST", path, await self.post_json(path, principal, body), model)

    def _validated(self, method: str, path: str, body: Any, model: type[Answer]) -> Answer:
        """The answer as ``model``, else a :class:`PeerContractError` naming the fields."""
        try:
            return model.model_validate(body)
        except ValidationError as exc:
            fields = _invalid_fields(exc)
            detail = (
                f"Le service {self.name} a répondu à {method} {path} "
                f"hors de son contrat : {fields}."
            )
            logger.error("%s", detail)
            raise PeerContractError(detail, code="peer.contract") from exc

    async def _request(self, method: str, path: str, principal: Principal, **kwargs: Any) -> Any:
        if time.monotonic() < self._unresponsive_until:
            raise PeerUnresponsive(
                f"Le service {self.name} ne répond pas.", code="peer.unresponsive"
            )
        headers = {"Authorization": f"Bearer {principal.token}"}
        if request_id := current_request_id():
            headers[REQUEST_ID_HEADER] = request_id
        inject_trace(headers)
        try:
            response = await self.http.request(
                method, f"{self.base_url}{path}", headers=headers, **kwargs
            )
        except httpx.TimeoutException as exc:
            logger.warning("peer %s did not answer in time: %s", self.name, type(exc).__name__)
            self._unresponsive_until = time.monotonic() + UNRESPONSIVE_PAUSE_SECONDS
            raise PeerUnresponsive(
                f"Le service {self.name} ne répond pas.", code="peer.unresponsive"
            ) from exc
        except httpx.TransportError as exc:
            logger.warning("peer %s unreachable: %s", self.name, type(exc).__name__)
            raise ServiceUnavailable(
                f"Le service {self.name} est indisponible.", code="peer.unavailable"
            ) from exc
        if response.status_code >= 500:
            raise ServiceUnavailable(
                f"Le service {self.name} a échoué (HTTP {response.status_code}).",
                code="peer.unavailable",
            )
        if response.status_code >= 400:
            raise PeerError(response.status_code, *_problem_detail(response, self.name))
        return response.json()


def _invalid_fields(exc: ValidationError) -> str:
    """The offending fields, each once (``items.*.rank`` for every item), with what is wrong;
    never the values, which may be personal data."""
    reasons: dict[str, str] = {}
    for error in exc.errors():
        where = ".".join("*" if isinstance(part, int) else str(part) for part in error["loc"])
        reasons.setdefault(where or "body", french_validation_message(error).rstrip(".").lower())
    return ", ".join(f"{where} ({reason})" for where, reason in reasons.items())


def _problem_detail(response: httpx.Response, peer: str) -> tuple[str, str]:
    """The peer's detail and code, passed through to the caller's client."""
    try:
        problem = response.json()
    except ValueError:
        problem = None
    if not isinstance(problem, dict):
        problem = {}
    detail = problem.get("detail") or f"Le service {peer} a répondu HTTP {response.status_code}."
    return str(detail), str(problem.get("code") or "peer.refused")
