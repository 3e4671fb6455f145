from typing import Annotated

from fastapi import Depends, Request

from services.identity.service import LoginThrottle, TokenIssuer


def get_issuer(request: Request) -> TokenIssuer:
    issuer: TokenIssuer = request.app.state.token_issuer
    return issuer


def get_login_throttle(request: Request) -> LoginThrottle:
    throttle: LoginThrottle = request.app.state.login_throttle
    return throttle


Issuer = Annotated[TokenIssuer, Depends(get_issuer)]
Throttle = Annotated[LoginThrottle, Depends(get_login_throttle)]
