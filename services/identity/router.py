from typing import Annotated, Literal

from fastapi import APIRouter, Form, Response

from services.identity import service
from services.identity.deps import (
    AppSettings,
    Issuer,
    Keys,
    SessionRulesDep,
    Sessions,
    SourceAddress,
    Throttle,
)
from services.identity.schemas import (
    ClientTokenResponse,
    JsonWebKeySet,
    LoginRequest,
    LoginResponse,
    UserProfile,
)
from services.identity.sessions.cookies import set_refresh_cookie
from services.shared.auth import CurrentPrincipal
from services.shared.db import DbSession
from services.shared.errors import problem_responses

# Public by nature: these routes are how a caller obtains a token in the first place.
public_router = APIRouter(tags=["auth"])
router = APIRouter(tags=["auth"])


@public_router.post("/auth/login", responses=problem_responses(401, 429))
async def login(
    body: LoginRequest,
    response: Response,
    session: DbSession,
    sessions: Sessions,
    issuer: Issuer,
    throttle: Throttle,
    rules: SessionRulesDep,
    source: SourceAddress,
    settings: AppSettings,
) -> LoginResponse:
    """Password login for the SPA: a short-lived RS256 access token, and the session's
    refresh token in an httpOnly cookie (see ``POST /auth/refresh``). Repeated failures
    from one address, for one account or for any, delay the next attempt (429 with
    Retry-After), whichever replica answered them."""
    signed_in = await service.login(
        session, sessions, issuer, throttle, rules, source, body.username, body.password
    )
    set_refresh_cookie(response, signed_in.refresh_token, settings)
    return signed_in.login


@public_router.post("/oauth/token", responses=problem_responses(401, 429))
async def client_token(
    grant_type: Annotated[Literal["client_credentials"], Form()],
    client_id: Annotated[str, Form(max_length=80)],
    client_secret: Annotated[str, Form(max_length=200)],
    session: DbSession,
    sessions: Sessions,
    issuer: Issuer,
    throttle: Throttle,
    source: SourceAddress,
) -> ClientTokenResponse:
    """OAuth 2.0 client-credentials grant for machine clients, throttled like logins."""
    return await service.client_credentials(
        session, sessions, issuer, throttle, source, client_id, client_secret
    )


@public_router.get("/.well-known/jwks.json")
async def jwks(keys: Keys) -> JsonWebKeySet:
    """Public keys that verify this issuer's tokens: the current signing key's and, after a
    rotation, the previous ones' (until the tokens they signed have expired)."""
    return JsonWebKeySet.model_validate(keys.jwks())


@router.get("/auth/me", responses=problem_responses(401))
async def me(principal: CurrentPrincipal, session: DbSession) -> UserProfile:
    """The logged-in user, re-read from the database."""
    return service.user_profile(await service.get_active_user(session, principal.subject))
