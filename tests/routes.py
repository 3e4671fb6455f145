"""Every HTTP route of a service's app, for tests that walk them all.

FastAPI keeps an included router as one entry of ``app.routes`` that wraps the router, so the
API routes are found by descending into those wrappers (with their include prefix)."""

import importlib
from collections.abc import Iterator

from fastapi import FastAPI
from fastapi.routing import APIRoute


def api_routes(app: FastAPI) -> Iterator[tuple[str, APIRoute]]:
    """(full path, route) for every API route of the app."""

    def walk(routes: list[object], prefix: str) -> Iterator[tuple[str, APIRoute]]:
        for route in routes:
            if isinstance(route, APIRoute):
                yield prefix + route.path, route
            elif (router := getattr(route, "original_router", None)) is not None:
                context = getattr(route, "include_context", None)
                yield from walk(router.routes, prefix + (getattr(context, "prefix", "") or ""))

    yield from walk(list(app.routes), "")


def service_app(service: str) -> FastAPI:
    app: FastAPI = importlib.import_module(f"services.{service}.app").create_app()
    return app
