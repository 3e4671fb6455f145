"""The routes of a service's app with their full paths, and the methods a path allows.

FastAPI keeps an included router as one entry of ``app.routes`` that wraps the router, so the
routes are found by descending into those wrappers (with their include prefix)."""

import re
from collections.abc import Iterator

from fastapi import FastAPI
from starlette.routing import BaseRoute, Route, compile_path


def walk_routes(app: FastAPI) -> Iterator[tuple[str, BaseRoute]]:
    """(full path, route) for every route of the app, included routers' ones too."""

    def walk(routes: list[BaseRoute], prefix: str) -> Iterator[tuple[str, BaseRoute]]:
        for route in routes:
            if (router := getattr(route, "original_router", None)) is not None:
                context = getattr(route, "include_context", None)
                yield from walk(router.routes, prefix + (getattr(context, "prefix", "") or ""))
            elif isinstance(route, Route):
                yield prefix + route.path, route

    yield from walk(list(app.routes), "")


def _method_table(app: FastAPI) -> list[tuple[re.Pattern[str], frozenset[str]]]:
    table: list[tuple[re.Pattern[str], frozenset[str]]] | None = getattr(
        app.state, "method_table", None
    )
    if table is None:
        table = [
            (compile_path(path)[0], frozenset(route.methods or ()))
            for path, route in walk_routes(app)
            if isinstance(route, Route)
        ]
        app.state.method_table = table
    return table


def path_matches(app: FastAPI, path: str) -> Iterator[re.Match[str]]:
    """The match of ``path`` by each route template it fits (its parameters as groups)."""
    for pattern, _ in _method_table(app):
        if (match := pattern.match(path)) is not None:
            yield match


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method some route of ``path`` answers (Starlette's own 405 names only the first
    matching route's: ``GET`` and ``POST`` of one path are two routes)."""
    methods: set[str] = set()
    for pattern, route_methods in _method_table(app):
        if pattern.match(path):
            methods |= route_methods
    return sorted(methods)
