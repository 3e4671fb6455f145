"""The current request's id, propagated to logs and to peer services."""

import re
import uuid
from contextvars import ContextVar

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


def set_request_id(incoming: str | None) -> str:
    """Adopt a well-formed incoming id (from the gateway or a peer), else mint one."""
    request_id = (
        incoming if incoming and _VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
    )
    _request_id.set(request_id)
    return request_id
