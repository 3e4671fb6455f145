"""Every HTTP route of a service's app, for tests that walk them all."""

import importlib
from collections.abc import Iterator

from fastapi import FastAPI
from fastapi.routing import APIRoute

from services.shared.routing import walk_routes


def api_routes(app: FastAPI) -> Iterator[tuple[str, APIRoute]]:
    """(full path, route) for every API route of the app."""
    for path, route in walk_routes(app):
        if isinstance(route, APIRoute):
            yield path, route


def service_app(service: str) -> FastAPI:
    app: FastAPI = importlib.import_module(f"services.{service}.app").create_app()
    return app
