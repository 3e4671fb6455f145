"""Deny by default: every route of every service carries an authorization dependency,
except the few that are public by nature (listed here, so adding one is a visible choice)."""

import importlib
from collections.abc import Iterator

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from services.platform.stack import SERVICES

PUBLIC_ROUTES = {
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("POST", "/auth/login"),
    ("POST", "/oauth/token"),
    ("GET", "/.well-known/jwks.json"),
    # The invited person's personal booking link: the unguessable token is the credential.
    ("GET", "/public/invitations/{token}"),
    ("GET", "/public/invitations/{token}/slots"),
    ("POST", "/public/invitations/{token}/booking"),
    ("POST", "/public/invitations/{token}/booking/cancel"),
    ("POST", "/public/invitations/{token}/booking/reschedule"),
}


def _dependency_calls(dependant: Dependant) -> Iterator[object]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _dependency_calls(sub)


@pytest.mark.parametrize("service", SERVICES)
def test_every_route_requires_authorization(service: str) -> None:
    app = importlib.import_module(f"services.{service}.app").create_app()
    unguarded = []
    for route in app.routes:
        if not isinstance(route, APIRoute):
            continue  # the OpenAPI document and docs pages
        for method in route.methods or ():
            guarded = any(
                getattr(call, "authorizes", False) for call in _dependency_calls(route.dependant)
            )
            if not guarded and (method, route.path) not in PUBLIC_ROUTES:
                unguarded.append(f"{method} {route.path}")
    assert unguarded == []
