"""Domain errors and their RFC 9457 ``application/problem+json`` rendering.

Every error leaving a service goes through :func:`install_problem_handlers`: validation errors
name the field, database errors map to 409/422/503, and nothing ever shows a stack trace.
"""

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, InterfaceError, OperationalError
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

    def __init__(self, detail: str, *, errors: list[FieldError] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors


class NotAuthenticated(DomainError):
    status, title = 401, "Not authenticated"


class Forbidden(DomainError):
    status, title = 403, "Forbidden"


class NotFound(DomainError):
    status, title = 404, "Not found"


class Conflict(DomainError):
    status, title = 409, "Conflict"


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
) -> JSONResponse:
    problem = Problem(
        title=title or HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        request_id=current_request_id(),
        errors=errors,
    )
    return JSONResponse(
        problem.model_dump(exclude_none=True),
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


async def _domain_handler(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    return problem_response(
        exc.status, exc.detail, title=exc.title, errors=exc.errors, headers=headers
    )


async def _http_handler(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return problem_response(exc.status_code, str(exc.detail), headers=exc.headers)


async def _integrity_handler(_: Request, exc: Exception) -> JSONResponse:
    logger.info("integrity error: %s", type(getattr(exc, "orig", exc)).__name__)
    return problem_response(409, "The change conflicts with existing data.")


async def _data_handler(_: Request, exc: Exception) -> JSONResponse:
    return problem_response(422, "A value is out of range or of the wrong type for the database.")


async def _database_unavailable_handler(_: Request, exc: Exception) -> JSONResponse:
    logger.warning("database unavailable: %s", type(exc).__name__)
    return problem_response(503, "The database is unavailable; retry shortly.")


async def _dbapi_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    if exc.connection_invalidated:
        return await _database_unavailable_handler(request, exc)
    return await _unexpected_handler(request, exc)


async def _unexpected_handler(_: Request, exc: Exception) -> JSONResponse:
    logger.error("unhandled error", exc_info=exc)
    return problem_response(500, "An unexpected error occurred; it has been logged.")


def install_problem_handlers(app: FastAPI) -> None:
    handlers: list[tuple[type[Exception], Any]] = [
        (RequestValidationError, _validation_handler),
        (DomainError, _domain_handler),
        (StarletteHTTPException, _http_handler),
        (IntegrityError, _integrity_handler),
        (DataError, _data_handler),
        (OperationalError, _database_unavailable_handler),
        (InterfaceError, _database_unavailable_handler),
        (DBAPIError, _dbapi_handler),
        (OSError, _database_unavailable_handler),  # refused or dropped DB sockets
        (Exception, _unexpected_handler),
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
