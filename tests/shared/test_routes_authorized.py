"""Deny by default: every route of every service carries an authorization dependency,
except the few that are public by nature (listed here, so adding one is a visible choice)."""

from collections.abc import Iterator

import pytest
from fastapi.dependencies.models import Dependant

from services.platform.stack import SERVICES
from tests.routes import api_routes, service_app

PUBLIC_ROUTES = {
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("POST", "/auth/login"),
    ("POST", "/oauth/token"),
    ("GET", "/.well-known/jwks.json"),
    # Choosing a password from an emailed link (the token is the credential), asking for one.
    ("POST", "/auth/password-links/inspect"),
    ("POST", "/auth/password-links/redeem"),
    ("POST", "/auth/password-reset"),
    # Sign-in sessions: the httpOnly refresh cookie is the credential; the OpenID Connect
    # routes are how a browser signs in through the provider.
    ("POST", "/auth/refresh"),
    ("POST", "/auth/logout"),
    ("GET", "/auth/sign-in-options"),
    ("GET", "/oidc/login"),
    ("GET", "/oidc/callback"),
    # The invited person's personal booking link: the unguessable token is the credential.
    ("GET", "/public/invitations/{token}"),
    ("GET", "/public/invitations/{token}/slots"),
    ("POST", "/public/invitations/{token}/booking"),
    ("POST", "/public/invitations/{token}/booking/cancel"),
    ("POST", "/public/invitations/{token}/booking/reschedule"),
    # A counselor's calendar subscription: the secret address, no personal data in it.
    ("GET", "/agenda-feeds/{token}.ics"),
    # The insured person's personal survey link: the unguessable token is the credential.
    ("GET", "/answer/{token}"),
    ("POST", "/answer/{token}"),
}


def _dependency_calls(dependant: Dependant) -> Iterator[object]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _dependency_calls(sub)


@pytest.mark.parametrize("service", SERVICES)
def test_every_route_requires_authorization(service: str) -> None:
    routes = list(api_routes(service_app(service)))
    unguarded = []
    for path, route in routes:
        for method in route.methods or ():
            guarded = any(
                getattr(call, "authorizes", False) for call in _dependency_calls(route.dependant)
            )
            if not guarded and (method, path) not in PUBLIC_ROUTES:
                unguarded.append(f"{method} {path}")
    assert unguarded == []


def test_the_walk_reaches_the_routes_of_included_routers() -> None:
    paths = {path for path, _ in api_routes(service_app("interviews"))}
    assert {"/healthz", "/interviews/{interview_id}", "/public/invitations/{token}"} <= paths
