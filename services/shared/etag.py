"""Strong ETags over canonical JSON, so unchanged reports are cheap to pull again.

The tag is a hash of the document's canonical form (sorted keys, no spaces), so equal content
gives an equal tag whichever process computed it; ``If-None-Match`` then answers 304.
"""

import hashlib
import json
from typing import Any

from fastapi import Request, Response
from pydantic import BaseModel

ETAG_RESPONSES: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: the `If-None-Match` tag is still current."}
}


def canonical_json(document: Any) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def strong_etag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()}"'


def matches(request: Request, etag: str) -> bool:
    """``If-None-Match`` holds ``etag`` (or ``*``); weak comparison, as RFC 9110 asks for GET."""
    header = request.headers.get("if-none-match")
    if not header:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in tags or etag in tags


def not_modified(etag: str) -> Response:
    return Response(status_code=304, headers={"ETag": etag})


def tagged_json(request: Request, document: BaseModel | dict[str, Any]) -> Response:
    """The document with its strong ETag, or 304 when the client already has it."""
    data = document.model_dump(mode="json") if isinstance(document, BaseModel) else document
    body = canonical_json(data)
    etag = strong_etag(body)
    if matches(request, etag):
        return not_modified(etag)
    return stored_json(body, etag)


def stored_json(body: bytes, etag: str) -> Response:
    return Response(body, media_type="application/json", headers={"ETag": etag})
