from typing import Annotated

from fastapi import Depends, Request

from services.identity.keys import KeyRing
from services.identity.service import LoginThrottle, TokenIssuer


def get_issuer(request: Request) -> TokenIssuer:
    issuer: TokenIssuer = request.app.state.token_issuer
    return issuer


def get_key_ring(request: Request) -> KeyRing:
    keys: KeyRing = request.app.state.key_ring
    return keys


def get_login_throttle(request: Request) -> LoginThrottle:
    throttle: LoginThrottle = request.app.state.login_throttle
    return throttle


Issuer = Annotated[TokenIssuer, Depends(get_issuer)]
Keys = Annotated[KeyRing, Depends(get_key_ring)]
Throttle = Annotated[LoginThrottle, Depends(get_login_throttle)]
