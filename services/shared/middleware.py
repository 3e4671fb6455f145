"""Pure ASGI middlewares: request id + access log, and a cap on request bodies."""

import logging
import time

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.shared.errors import problem_response, unexpected_error_response
from services.shared.request_context import REQUEST_ID_HEADER, set_request_id
from services.shared.routing import path_matches

access_logger = logging.getLogger("rsi.access")
# Path parameters that are credentials (personal booking and survey links): never logged.
SECRET_PATH_PARAMS = frozenset({"token"})


def _loggable_path(scope: Scope) -> str:
    """The path, with a personal link's token (a ``{token}`` path parameter) written as
    ``{token}``: a link is a credential and stays out of the logs."""
    path: str = scope["path"]
    app = scope.get("app")
    if isinstance(app, FastAPI):
        for match in path_matches(app, path):
            for name in SECRET_PATH_PARAMS & match.groupdict().keys():
                start, end = match.span(name)
                return f"{path[:start]}{{{name}}}{path[end:]}"
    return path


class RequestContextMiddleware:
    """Adopts or mints the request id, echoes it, and logs one line per request.

    The access line has the path only: query strings may carry search terms about people;
    a personal link's token is replaced by ``{token}``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        incoming = headers.get(REQUEST_ID_HEADER.lower().encode())
        request_id = set_request_id(incoming.decode("latin-1") if incoming else None)
        began = time.perf_counter()
        status = 500
        started = False

        async def send_with_request_id(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                status, started = message["status"], True
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (REQUEST_ID_HEADER.lower().encode(), request_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_request_id)
        except Exception as exc:
            # Handled here rather than by Starlette's outermost error middleware, so that the
            # 500 carries the request id like every other response.
            if started:
                raise
            await unexpected_error_response(exc)(scope, receive, send_with_request_id)
        finally:
            path = _loggable_path(scope)
            access_logger.info(
                "%s %s %s",
                scope["method"],
                path,
                status,
                extra={
                    "method": scope["method"],
                    "path": path,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - began) * 1000, 1),
                },
            )


class BodySizeLimitMiddleware:
    """Refuses bodies above ``max_bytes`` with 413, by header and while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int, exempt_paths: tuple[str, ...] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.exempt_paths = exempt_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.exempt_paths or ("\0",)):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if declared.isdigit() and int(declared) > self.max_bytes:
                await self._reject(scope, receive, send)
            else:
                await self.app(scope, receive, send)
            return
        # Chunked body of unknown length: read it up to the cap, then replay it.
        chunks: list[bytes] = []
        size = 0
        more_body = True
        while more_body:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await self._reject(scope, receive, send)
                return
            more_body = message.get("more_body", False)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            413,
            f"Le corps de la requête dépasse {self.max_bytes} octets.",
            code="payload_too_large",
        )
        await response(scope, receive, send)
