"""Access tokens of a service's own machine client, for work with no user behind it.

OAuth 2.0 client credentials (RFC 6749 §4.4) against the identity service's ``/oauth/token``;
the token is reused until shortly before it expires, so a periodic job asks identity for a
new one every few minutes, not on every call.
"""

import asyncio
import logging
import time

import httpx

from services.shared.auth import Principal, Role
from services.shared.errors import ServiceUnavailable

logger = logging.getLogger(__name__)
REFRESH_MARGIN_SECONDS = 60.0


class ClientCredentialsTokens:
    """The service as a caller of its peers: a :class:`Principal` of role ``service`` whose
    token PeerClient forwards, renewed shortly before it expires."""

    def __init__(
        self,
        identity_url: str,
        client_id: str,
        client_secret: str,
        http: httpx.AsyncClient,
        refresh_margin_seconds: float = REFRESH_MARGIN_SECONDS,
    ) -> None:
        self.token_url = f"{identity_url.rstrip('/')}/oauth/token"
        self.client_id = client_id
        self.client_secret = client_secret
        self.http = http
        self.refresh_margin_seconds = refresh_margin_seconds
        self._cached: Principal | None = None
        self._renew_at = float("-inf")
        self._lock = asyncio.Lock()

    async def current(self) -> Principal:
        async with self._lock:
            if self._cached is None or time.monotonic() >= self._renew_at:
                self._cached = await self._request()
            return self._cached

    async def _request(self) -> Principal:
        form = {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }
        try:
            response = await self.http.post(self.token_url, data=form)
        except httpx.TransportError as exc:
            logger.warning("identity unreachable for client %s", self.client_id)
            raise ServiceUnavailable(
                "Le service d'identité est indisponible.", code="auth.identity_unavailable"
            ) from exc
        if response.status_code != 200:
            logger.warning("identity refused client %s: %s", self.client_id, response.status_code)
            raise ServiceUnavailable(
                f"Le service d'identité a refusé les identifiants de ce service "
                f"(HTTP {response.status_code}).",
                code="auth.identity_unavailable",
            )
        body = response.json()
        lifetime = float(body["expires_in"])
        self._renew_at = time.monotonic() + max(lifetime - self.refresh_margin_seconds, 0.0)
        return Principal(
            subject=f"client:{self.client_id}",
            role=Role.SERVICE,
            caisse_code=None,
            name=self.client_id,
            scopes=frozenset(str(body.get("scope", "")).split()),
            token=str(body["access_token"]),
        )
