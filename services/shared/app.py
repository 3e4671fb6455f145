"""Builds a service's FastAPI app the same way for every service."""

import gc
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import APIRouter, Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from services.shared import health
from services.shared.audit import audit_denial
from services.shared.auth import JwksUrlKeySource, KeySource, TokenVerifier
from services.shared.db import create_engine, create_sessionmaker
from services.shared.errors import (
    PROBLEM_MEDIA_TYPE,
    install_problem_handlers,
    problem_responses,
)
from services.shared.logging import configure_logging
from services.shared.metrics import MetricsMiddleware, Probe, metrics_endpoint
from services.shared.middleware import BodySizeLimitMiddleware, RequestContextMiddleware
from services.shared.peers import create_http_client
from services.shared.query import reject_unknown_query_parameters
from services.shared.security_headers import SecurityHeadersMiddleware, security_headers
from services.shared.settings import Settings, get_settings
from services.shared.storable import reject_unstorable_values
from services.shared.storage import storage_from_settings
from services.shared.tracing import configure_tracing, instrument_engine

# Prepares token verification for an app at start-up and returns where its keys come from.
AuthSetup = Callable[[FastAPI, Settings, httpx.AsyncClient], KeySource]


def jwks_url_auth(_: FastAPI, settings: Settings, http: httpx.AsyncClient) -> KeySource:
    """The default: verify with the keys the configured issuer publishes."""
    return JwksUrlKeySource(settings.jwks_url, http, cache_seconds=settings.jwks_cache_seconds)


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids (the route function's name) for the generated TS client."""
    return route.name


def _malformed_body() -> dict[str, Any]:
    return {
        "description": "The body could not be parsed (not JSON, or not UTF-8)",
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def _problem_media_type_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """FastAPI documents ``responses={…: {"model": Problem}}`` as application/json; errors
    are served as application/problem+json, so the contract says so."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            for path_item in schema.get("paths", {}).values():
                for operation in path_item.values():
                    responses = operation.get("responses", {})
                    for status, response in responses.items():
                        content = response.get("content", {})
                        if status[0] in "45" and PROBLEM_MEDIA_TYPE in content:
                            content[PROBLEM_MEDIA_TYPE] = content.pop("application/json", {})
                    if "requestBody" in operation:  # a body that is not even parseable
                        responses.setdefault("400", _malformed_body())
            app.openapi_schema = schema
        return app.openapi_schema

    return openapi


def create_service_app(
    name: str,
    *,
    description: str,
    routers: Sequence[APIRouter],
    settings: Settings | None = None,
    auth_setup: AuthSetup = jwks_url_auth,
    on_startup: Callable[[FastAPI], Awaitable[None]] | None = None,
    on_shutdown: Callable[[FastAPI], Awaitable[None]] | None = None,
    body_limit_exempt_paths: tuple[str, ...] = (),
    metrics_probes: Sequence[Probe] = (),
) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(name, settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(settings)
        instrument_engine(engine)
        http = create_http_client(settings)
        app.state.engine = engine
        app.state.sessionmaker = create_sessionmaker(engine)
        app.state.http = http
        app.state.storage = storage_from_settings(settings)
        app.state.token_verifier = TokenVerifier(
            auth_setup(app, settings, http),
            settings.jwt_issuer,
            settings.jwt_audience,
            settings.jwt_iat_leeway_seconds,
        )
        if on_startup is not None:
            await on_startup(app)
        # What exists now (modules, schemas, the app) lives as long as the process: kept out
        # of the collector's full passes, which otherwise stall large responses.
        gc.freeze()
        try:
            yield
        finally:
            if on_shutdown is not None:
                await on_shutdown(app)
            await http.aclose()
            await engine.dispose()

    app = FastAPI(
        title=name,
        description=description,
        version="1.0.0",
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        responses=problem_responses(422, 500),
        dependencies=[Depends(reject_unknown_query_parameters), Depends(reject_unstorable_values)],
        # Swagger UI and ReDoc pages need inline and third-party scripts, which the CSP
        # forbids; the contract is /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.openapi = _problem_media_type_openapi(app)  # type: ignore[method-assign]
    install_problem_handlers(app, on_denial=audit_denial)
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        exempt_paths=body_limit_exempt_paths,
    )
    configure_tracing(name, settings, app)
    app.add_middleware(MetricsMiddleware, service=name)
    app.add_middleware(RequestContextMiddleware)
    if settings.cors_allowed_origins:  # closed unless configured: no CORS header at all
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_allowed_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-Request-ID"],
            expose_headers=["X-Request-ID", "ETag", "Location"],
        )
    app.add_middleware(SecurityHeadersMiddleware, headers=security_headers(settings))
    app.include_router(health.router)
    app.add_route(
        "/metrics",
        metrics_endpoint(
            settings.metrics_token.get_secret_value(),
            lambda request: request.app.state.engine,
            lambda request: request.app.state.sessionmaker,
            metrics_probes,
        ),
        include_in_schema=False,
    )
    for router in routers:
        app.include_router(router)
    return app
