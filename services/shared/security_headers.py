"""The security headers of every answer, in every mode: the services' own (a middleware
here), the SPA and proxy of the run command (``frontend/security-headers.json``, read by
vite's preview server), the fleet's nginx (services/platform/fleet.py) and the container
nginx (infra/nginx/default.conf). tests/shared/test_security_headers.py keeps them equal.

The SPA keeps its access token in sessionStorage: the CSP is what stops an injected script
from reading it (no inline or eval'd script, scripts and connections to this origin only).
Styles allow 'unsafe-inline': react-dsfr and React set ``style=`` attributes and DSFR's
JavaScript writes inline styles at run time; a style cannot run code or read storage."""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.shared.settings import Environment, Settings

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Booking and survey pages carry their personal token in the URL: no referrer ever leaves.
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def strict_transport_security(settings: Settings) -> str | None:
    """HSTS in production only: development and tests run on plain http://127.0.0.1."""
    if settings.environment is Environment.PRODUCTION and settings.hsts_max_age_seconds > 0:
        return f"max-age={settings.hsts_max_age_seconds}; includeSubDomains"
    return None


def security_headers(settings: Settings) -> dict[str, str]:
    headers = dict(SECURITY_HEADERS)
    if (hsts := strict_transport_security(settings)) is not None:
        headers["Strict-Transport-Security"] = hsts
    return headers


class SecurityHeadersMiddleware:
    """Adds the security headers to every HTTP answer (errors included), unless the route
    set one of them itself."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
