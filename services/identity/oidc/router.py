import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from services.identity.deps import AppSettings, SessionRulesDep
from services.identity.oidc.pages import refusal_page
from services.identity.oidc.schemas import SignInOptions
from services.identity.oidc.service import OidcRefused, OidcRelyingParty
from services.identity.sessions.cookies import set_refresh_cookie
from services.identity.sessions.service import SignInMethod, start_session
from services.shared.db import DbSession
from services.shared.errors import NotFound, problem_responses

logger = logging.getLogger(__name__)
# Public: these routes are how a browser signs in through the provider.
router = APIRouter(tags=["auth"])
CallbackParameter = Annotated[str | None, Query(max_length=2048)]


def get_relying_party(request: Request) -> OidcRelyingParty:
    party: OidcRelyingParty | None = request.app.state.oidc
    if party is None:
        raise NotFound("Aucun fournisseur d'identité n'est configuré.", code="oidc.not_found")
    return party


RelyingParty = Annotated[OidcRelyingParty, Depends(get_relying_party)]


@router.get("/auth/sign-in-options")
async def sign_in_options(request: Request) -> SignInOptions:
    """Whether the login page shows the provider's button (ProConnect)."""
    party: OidcRelyingParty | None = request.app.state.oidc
    return SignInOptions(oidc_provider=party.name if party else None)


def _refused(refused: OidcRefused, party: OidcRelyingParty, settings: AppSettings) -> HTMLResponse:
    logger.warning("OpenID Connect sign-in refused (%s): %s", refused.refusal, refused.reason)
    return refusal_page(refused.refusal, party.name, settings.oidc_post_login_url)


@router.get(
    "/oidc/login",
    response_class=RedirectResponse,
    response_model=None,
    status_code=302,
    responses={**problem_responses(404), 503: {"description": "The provider is unreachable"}},
)
async def oidc_login(
    session: DbSession, party: RelyingParty, settings: AppSettings
) -> RedirectResponse | HTMLResponse:
    """Sends the browser to the provider (authorization code with PKCE, state, nonce)."""
    try:
        return RedirectResponse(await party.begin(session), status_code=302)
    except OidcRefused as refused:
        return _refused(refused, party, settings)


@router.get(
    "/oidc/callback",
    response_class=RedirectResponse,
    response_model=None,
    status_code=303,
    responses={
        **problem_responses(404),
        400: {"description": "French page: invalid or expired answer"},
        403: {"description": "French page: no account, or a deactivated one"},
    },
)
async def oidc_callback(
    session: DbSession,
    party: RelyingParty,
    rules: SessionRulesDep,
    settings: AppSettings,
    code: CallbackParameter = None,
    state: CallbackParameter = None,
    error: CallbackParameter = None,
    error_description: CallbackParameter = None,
    iss: CallbackParameter = None,
) -> RedirectResponse | HTMLResponse:
    """Where the provider sends the browser back: the agent's session starts (refresh
    cookie) and the browser goes to the SPA, which renews it into an access token; or a
    French page says why not (e.g. no account: whom to ask)."""
    try:
        user = await party.complete(session, code, state, error)
    except OidcRefused as refused:
        return _refused(refused, party, settings)
    refresh_token = await start_session(session, rules, user, SignInMethod.OIDC)
    response = RedirectResponse(settings.oidc_post_login_url, status_code=303)
    set_refresh_cookie(response, refresh_token, settings)
    return response
