"""The file storage as a request dependency, and downloads streamed from it."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import StreamingResponse

from services.shared.storage import Storage


def get_storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


FileStore = Annotated[Storage, Depends(get_storage)]


async def stored_download(
    storage: Storage, key: str, filename: str, media_type: str
) -> StreamingResponse:
    """A stored file as an attachment, in constant memory whatever its size; a missing file
    is the storage's 404 (before anything is sent)."""
    stream = await storage.open_stream(key)  # knows its size: no second round trip
    headers = {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Content-Length": str(stream.size),
    }
    return StreamingResponse(stream, media_type=media_type, headers=headers)
