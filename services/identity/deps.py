from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.identity.keys import KeyRing
from services.identity.service import TokenIssuer
from services.identity.throttle import LoginThrottle


def get_issuer(request: Request) -> TokenIssuer:
    issuer: TokenIssuer = request.app.state.token_issuer
    return issuer


def get_key_ring(request: Request) -> KeyRing:
    keys: KeyRing = request.app.state.key_ring
    return keys


def get_login_throttle(request: Request) -> LoginThrottle:
    throttle: LoginThrottle = request.app.state.login_throttle
    return throttle


def get_sessions(request: Request) -> async_sessionmaker[AsyncSession]:
    """Sessions for what must commit even when the request's transaction rolls back."""
    sessions: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    return sessions


Issuer = Annotated[TokenIssuer, Depends(get_issuer)]
Keys = Annotated[KeyRing, Depends(get_key_ring)]
Throttle = Annotated[LoginThrottle, Depends(get_login_throttle)]
Sessions = Annotated[async_sessionmaker[AsyncSession], Depends(get_sessions)]
