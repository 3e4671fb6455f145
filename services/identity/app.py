"""Identity: users, machine clients, login and the token signing key.

It is the embedded default issuer; production may use another one, since the other services
only need its JWKS URL (``RSI_JWKS_URL``).
"""

from functools import partial

import httpx
from fastapi import FastAPI

from services.identity.accounts.router import router as accounts_router
from services.identity.clients.router import router as clients_router
from services.identity.keys import load_signing_keys
from services.identity.oidc.router import router as oidc_router
from services.identity.oidc.service import OidcRelyingParty
from services.identity.passwords.router import public_router as passwords_public_router
from services.identity.passwords.router import router as passwords_router
from services.identity.router import public_router, router
from services.identity.service import TokenIssuer
from services.identity.sessions.router import router as sessions_router
from services.identity.throttle import LoginThrottle, ThrottleRules
from services.shared.app import create_service_app
from services.shared.auth import KeySource, StaticKeySource
from services.shared.settings import Settings


def issuer_auth(app: FastAPI, settings: Settings, http: httpx.AsyncClient) -> KeySource:
    """The issuer signs with its current key and verifies with every key it publishes.

    Raises :class:`~services.shared.secrets_config.ConfigurationError`, so the process does
    not start, when production has no signing key configured (see ``keys``)."""
    keys = load_signing_keys(settings)
    app.state.key_ring = keys
    app.state.token_issuer = TokenIssuer(keys.current, settings)
    app.state.login_throttle = LoginThrottle(ThrottleRules.from_settings(settings))
    app.state.oidc = OidcRelyingParty(settings, http) if settings.oidc_discovery_url else None
    return StaticKeySource(keys.jwks())


create_app = partial(
    create_service_app,
    "identity",
    description=__doc__ or "",
    routers=[
        public_router,
        sessions_router,
        oidc_router,
        router,
        passwords_public_router,
        passwords_router,
        accounts_router,
        clients_router,
    ],
    auth_setup=issuer_auth,
)
app = create_app()
