"""The refresh-token cookie: httpOnly, Secure, SameSite=Strict, sent only to identity's
``/auth`` routes (at the path the browser sees them, behind the SPA's URL)."""

from fastapi import Response

from services.shared.settings import Settings

REFRESH_COOKIE = "rsi_refresh"


def set_refresh_cookie(response: Response, token: str, settings: Settings) -> None:
    response.set_cookie(
        REFRESH_COOKIE,
        token,
        max_age=settings.session_absolute_lifetime_seconds,
        path=settings.refresh_cookie_path,
        secure=settings.refresh_cookie_secure,
        httponly=True,
        samesite="strict",
    )


def clear_refresh_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        REFRESH_COOKIE,
        path=settings.refresh_cookie_path,
        secure=settings.refresh_cookie_secure,
        httponly=True,
        samesite="strict",
    )
