"""Domain errors and their RFC 9457 ``application/problem+json`` rendering.

Every error leaving a service goes through :func:`install_problem_handlers`: validation errors
name the field, database errors map to 409/422/503, and nothing ever shows a stack trace.
"""

import logging
from collections.abc import Awaitable, Callable, Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.shared.request_context import current_request_id

PROBLEM_MEDIA_TYPE = "application/problem+json"
logger = logging.getLogger(__name__)


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the offending field, e.g. `filter.birth_years`.")
    location: str = Field(description="Where the field is: body, query, path or header.")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    request_id: str | None = None
    errors: list[FieldError] | None = None


class DomainError(Exception):
    """Base of the errors a service raises on purpose; each carries its HTTP status."""

    status: int = 400
    title: str = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        errors: list[FieldError] | None = None,
        extensions: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        # RFC 9457 extension members: figures a client can act on (e.g. fresh slots).
        self.extensions = extensions
        # Response headers the answer needs (e.g. Retry-After on a 429).
        self.headers = headers


class NotAuthenticated(DomainError):
    status, title = 401, "Not authenticated"


class Forbidden(DomainError):
    status, title = 403, "Forbidden"


class NotFound(DomainError):
    status, title = 404, "Not found"


class Conflict(DomainError):
    status, title = 409, "Conflict"


class Gone(DomainError):
    status, title = 410, "Gone"


class Unprocessable(DomainError):
    status, title = 422, "Unprocessable content"


class TooManyRequests(DomainError):
    status, title = 429, "Too many requests"


class ServiceUnavailable(DomainError):
    status, title = 503, "Service unavailable"


def problem_response(
    status: int,
    detail: str | None,
    *,
    title: str | None = None,
    errors: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, Any] | None = None,
) -> JSONResponse:
    problem = Problem(
        title=title or HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        request_id=current_request_id(),
        errors=errors,
    )
    return JSONResponse(
        {**(extensions or {}), **problem.model_dump(exclude_none=True)},
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def _field_errors(exc: RequestValidationError) -> list[FieldError]:
    errors = []
    for error in exc.errors():
        location, *path = [str(part) for part in error.get("loc", ())] or ["body"]
        errors.append(
            FieldError(
                field=".".join(path) or location, location=location, message=error.get("msg", "")
            )
        )
    return errors


async def _validation_handler(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _field_errors(exc)
    first = errors[0] if errors else None
    detail = f"Invalid field '{first.field}': {first.message}" if first else "Invalid request"
    return problem_response(422, detail, errors=errors)


DenialHook = Callable[[Request, DomainError], Awaitable[None]]


async def _domain_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    on_denial: DenialHook | None = getattr(request.app.state, "on_denial", None)
    if on_denial is not None and exc.status in (403, 404):
        await on_denial(request, exc)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
    return problem_response(
        exc.status,
        exc.detail,
        title=exc.title,
        errors=exc.errors,
        headers={**headers, **(exc.headers or {})},
        extensions=exc.extensions,
    )


async def _http_handler(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return problem_response(exc.status_code, str(exc.detail), headers=exc.headers)


# SQLSTATE classes (PostgreSQL appendix A) and what each means for the caller.
_SQLSTATE_CLASS_ANSWERS = {
    "22": (422, "A value is out of range or of the wrong type for the database."),
    "23": (409, "The change conflicts with existing data."),
    "40": (409, "The change conflicted with a concurrent one; retry it."),
    "08": (503, "The database is unavailable; retry shortly."),
    "53": (503, "The database is overloaded; retry shortly."),
    "57": (503, "The database is unavailable; retry shortly."),
}


def _sqlstate(exc: DBAPIError) -> str:
    return str(getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None) or "")


async def _dbapi_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    sqlstate = _sqlstate(exc)
    answer = _SQLSTATE_CLASS_ANSWERS.get(sqlstate[:2])
    if answer is None and exc.connection_invalidated:
        answer = _SQLSTATE_CLASS_ANSWERS["08"]
    if answer is None:
        return unexpected_error_response(exc)
    logger.info("database error %s answered %s", sqlstate or type(exc).__name__, answer[0])
    return problem_response(*answer)


async def _database_unreachable_handler(_: Request, exc: Exception) -> JSONResponse:
    logger.warning("database unreachable: %s", type(exc).__name__)
    return problem_response(*_SQLSTATE_CLASS_ANSWERS["08"])


def unexpected_error_response(exc: BaseException) -> JSONResponse:
    """Any other error: logged with its trace, answered without it."""
    logger.error("unhandled error", exc_info=exc)
    return problem_response(500, "An unexpected error occurred; it has been logged.")


def install_problem_handlers(app: FastAPI, on_denial: DenialHook | None = None) -> None:
    """Problem+json for every error; ``on_denial`` hears of each 403 and 404 first."""
    app.state.on_denial = on_denial
    handlers: list[tuple[type[Exception], Any]] = [
        (RequestValidationError, _validation_handler),
        (DomainError, _domain_handler),
        (StarletteHTTPException, _http_handler),
        (DBAPIError, _dbapi_handler),
        # asyncpg raises refused or missing sockets unwrapped, when a connection is opened.
        (OSError, _database_unreachable_handler),
    ]
    for exc_class, handler in handlers:
        app.add_exception_handler(exc_class, handler)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries declaring problem+json errors of a route."""
    return {
        status: {
            "model": Problem,
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA_TYPE: {}},
        }
        for status in statuses
    }
