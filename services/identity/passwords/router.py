"""Choosing a password from an emailed link, asking for such a link, changing one's own.

The link routes are public: the unguessable token, sent in the body (paths are logged), is
the credential."""

from fastapi import APIRouter, status

from services.identity.deps import Sessions, SourceAddress, Throttle
from services.identity.passwords import service
from services.identity.passwords.deps import AppSettings, SignedInUser
from services.identity.passwords.schemas import (
    LinkRead,
    LinkRedeem,
    LinkToken,
    PasswordChange,
    PasswordSet,
    ResetRequest,
    ResetRequested,
)
from services.shared.auth import CurrentPrincipal
from services.shared.db import DbSession
from services.shared.errors import problem_responses

public_router = APIRouter(tags=["passwords"])
router = APIRouter(tags=["passwords"])


@public_router.post("/auth/password-links/inspect", responses=problem_responses(404, 410))
async def inspect_password_link(body: LinkToken, session: DbSession) -> LinkRead:
    """Whose link it is, before the password is chosen: 404 unknown, 410 spent or expired."""
    return await service.inspect_link(session, body.token)


@public_router.post("/auth/password-links/redeem", responses=problem_responses(404, 410))
async def redeem_password_link(body: LinkRedeem, session: DbSession) -> PasswordSet:
    """Chooses the account's password (422 saying why the policy refuses one); the link
    then no longer works (410)."""
    user = await service.redeem_link(session, body.token, body.password)
    return PasswordSet(username=user.username)


@public_router.post("/auth/password-reset", status_code=status.HTTP_202_ACCEPTED)
async def request_password_reset(
    body: ResetRequest, session: DbSession, settings: AppSettings
) -> ResetRequested:
    """Emails a reset link to the account of that username or email. The answer is the same
    whether such an account exists or not."""
    await service.request_reset(session, settings, body.identifier)
    return ResetRequested(detail=service.RESET_ANSWER)


@router.post(
    "/auth/password",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 429),
)
async def change_password(
    body: PasswordChange,
    principal: CurrentPrincipal,
    user: SignedInUser,
    session: DbSession,
    sessions: Sessions,
    throttle: Throttle,
    source: SourceAddress,
) -> None:
    """Changes the signed-in person's password; the current one is required. Wrong current
    passwords are throttled as failed logins are (429 while a delay runs)."""
    await service.change_password(
        session,
        sessions,
        throttle,
        source,
        principal,
        user,
        body.current_password,
        body.new_password,
    )
