from typing import Annotated

from fastapi import Depends, Request

from services.identity.models import User
from services.identity.service import get_active_user
from services.shared.auth import CurrentPrincipal
from services.shared.db import DbSession
from services.shared.settings import Settings


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_signed_in_user(principal: CurrentPrincipal, session: DbSession) -> User:
    """The caller's own account (a person's token only; 401 once deactivated)."""
    return await get_active_user(session, principal.subject)


AppSettings = Annotated[Settings, Depends(get_app_settings)]
SignedInUser = Annotated[User, Depends(get_signed_in_user)]
