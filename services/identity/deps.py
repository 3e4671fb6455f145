from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.identity.keys import KeyRing
from services.identity.service import TokenIssuer
from services.identity.sessions.service import SessionRules
from services.identity.throttle import LoginThrottle, client_address
from services.shared.settings import Settings


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


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session_rules(request: Request) -> SessionRules:
    return SessionRules.from_settings(get_settings(request))


def get_source_address(request: Request) -> str:
    """The caller's address, through the proxies the settings trust (RSI_TRUSTED_PROXIES)."""
    peer = request.client.host if request.client else None
    forwarded_for = request.headers.get("x-forwarded-for")
    return client_address(peer, forwarded_for, get_settings(request).trusted_proxies)


Issuer = Annotated[TokenIssuer, Depends(get_issuer)]
Keys = Annotated[KeyRing, Depends(get_key_ring)]
Throttle = Annotated[LoginThrottle, Depends(get_login_throttle)]
Sessions = Annotated[async_sessionmaker[AsyncSession], Depends(get_sessions)]
AppSettings = Annotated[Settings, Depends(get_settings)]
SessionRulesDep = Annotated[SessionRules, Depends(get_session_rules)]
SourceAddress = Annotated[str, Depends(get_source_address)]
