from typing import Annotated

from fastapi import APIRouter, Cookie, Response

from services.identity.deps import AppSettings, Issuer, SessionRulesDep, Sessions
from services.identity.schemas import LoginResponse
from services.identity.service import user_token
from services.identity.sessions import service
from services.identity.sessions.cookies import (
    REFRESH_COOKIE,
    clear_refresh_cookie,
    set_refresh_cookie,
)
from services.shared.db import DbSession
from services.shared.errors import problem_responses

# Public: the refresh-token cookie is the credential (the access token may have expired).
router = APIRouter(tags=["auth"])
RefreshCookie = Annotated[str | None, Cookie(alias=REFRESH_COOKIE, max_length=200)]
# Logging out takes whatever cookie the browser has: an unknown one ends nothing, still a 204.
AnyRefreshCookie = Annotated[str | None, Cookie(alias=REFRESH_COOKIE)]


@router.post("/auth/refresh", responses=problem_responses(401))
async def refresh(
    response: Response,
    session: DbSession,
    sessions: Sessions,
    issuer: Issuer,
    rules: SessionRulesDep,
    settings: AppSettings,
    refresh_token: RefreshCookie = None,
) -> LoginResponse:
    """A new access token for the session of the refresh-token cookie, whose token is
    rotated; the account is re-read (role, caisse, still active). A token already used once
    revokes its whole session (401)."""
    renewal = await service.renew_session(session, sessions, rules, refresh_token)
    set_refresh_cookie(response, renewal.refresh_token, settings)
    return user_token(issuer, renewal.user)


@router.post("/auth/logout", status_code=204)
async def logout(
    response: Response,
    session: DbSession,
    settings: AppSettings,
    refresh_token: AnyRefreshCookie = None,
) -> None:
    """Ends the session of the refresh-token cookie and clears the cookie."""
    await service.end_session(session, refresh_token)
    clear_refresh_cookie(response, settings)
