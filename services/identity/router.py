from typing import Annotated, Literal

from fastapi import APIRouter, Form

from services.identity import service
from services.identity.deps import Issuer, Keys, Sessions, Throttle
from services.identity.schemas import (
    ClientTokenResponse,
    JsonWebKeySet,
    LoginRequest,
    LoginResponse,
    UserProfile,
)
from services.shared.auth import CurrentPrincipal
from services.shared.db import DbSession
from services.shared.errors import problem_responses

# Public by nature: these routes are how a caller obtains a token in the first place.
public_router = APIRouter(tags=["auth"])
router = APIRouter(tags=["auth"])


@public_router.post("/auth/login", responses=problem_responses(401, 429))
async def login(
    body: LoginRequest, session: DbSession, sessions: Sessions, issuer: Issuer, throttle: Throttle
) -> LoginResponse:
    """Password login for the SPA; returns a short-lived RS256 access token. Repeated
    failures of a username lock it for a while (429), whichever replica answered them."""
    return await service.login(session, sessions, issuer, throttle, body.username, body.password)


@public_router.post("/oauth/token", responses=problem_responses(401))
async def client_token(
    grant_type: Annotated[Literal["client_credentials"], Form()],
    client_id: Annotated[str, Form(max_length=80)],
    client_secret: Annotated[str, Form(max_length=200)],
    session: DbSession,
    issuer: Issuer,
) -> ClientTokenResponse:
    """OAuth 2.0 client-credentials grant for machine clients."""
    return await service.client_credentials(session, issuer, client_id, client_secret)


@public_router.get("/.well-known/jwks.json")
async def jwks(keys: Keys) -> JsonWebKeySet:
    """Public keys that verify this issuer's tokens: the current signing key's and, after a
    rotation, the previous ones' (until the tokens they signed have expired)."""
    return JsonWebKeySet.model_validate(keys.jwks())


@router.get("/auth/me", responses=problem_responses(401))
async def me(principal: CurrentPrincipal, session: DbSession) -> UserProfile:
    """The logged-in user, re-read from the database."""
    return service.user_profile(await service.get_active_user(session, principal.subject))
