"""Identity: users, machine clients, login and the token signing key.

It is the embedded default issuer; production may use another one, since the other services
only need its JWKS URL (``RSI_JWKS_URL``).
"""

from functools import partial

import httpx
from fastapi import FastAPI

from services.identity.keys import load_or_create_signing_key
from services.identity.router import public_router, router
from services.identity.service import LoginThrottle, TokenIssuer
from services.shared.app import create_service_app
from services.shared.auth import KeySource, StaticKeySource
from services.shared.settings import Settings


def issuer_auth(app: FastAPI, settings: Settings, _: httpx.AsyncClient) -> KeySource:
    """The issuer signs with its key (created on first start) and verifies with it."""
    signing_key = load_or_create_signing_key(settings.signing_key_path)
    app.state.token_issuer = TokenIssuer(signing_key, settings)
    app.state.login_throttle = LoginThrottle()
    return StaticKeySource(signing_key.jwks())


create_app = partial(
    create_service_app,
    "identity",
    description=__doc__ or "",
    routers=[public_router, router],
    auth_setup=issuer_auth,
)
app = create_app()
