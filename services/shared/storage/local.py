"""Files in a local folder: one machine's disk, or a volume every process mounts."""

import asyncio
import logging
import os
import secrets
import shutil
import stat as stat_module
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import BinaryIO

from services.shared.storage.base import (
    MiB,
    Storage,
    StorageUnavailable,
    StoredFileMissing,
    StoredStream,
)

logger = logging.getLogger(__name__)
_COPY_BUFFER = MiB


def _temporary_beside(target: Path) -> Path:
    # Valid keys never start with a dot: a temporary file cannot be taken for a stored one.
    return target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")


def _replace_atomically(target: Path, write: Callable[[BinaryIO], object]) -> None:
    """Writes a temporary file beside ``target``, flushes it to disk, then renames it over
    ``target``: readers see the old file or the new one, never a partial one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_beside(target)
    try:
        with temporary.open("xb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _copy(source: BinaryIO, target: BinaryIO) -> None:
    shutil.copyfileobj(source, target, length=_COPY_BUFFER)


# A key naming a folder of other keys, or a path through a file, is no stored file either.
_NOT_A_STORED_FILE = (FileNotFoundError, NotADirectoryError, IsADirectoryError)


class LocalStorage(Storage):
    """Files under ``root`` (created as needed), a key being a relative path. Every disk
    operation runs in a worker thread, off the event loop.

    Shared by several machines only if ``root`` is a shared volume; otherwise use S3. The
    content type is not kept (a folder has no place for it). A key cannot be both a file
    and the folder of other keys (``a`` and ``a/b``), which object stores allow.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def __repr__(self) -> str:
        return f"LocalStorage({str(self.root)!r})"

    async def check(self) -> None:
        """Raises :class:`StorageUnavailable` unless ``root`` is (or can be made) a writable
        folder."""

        def writable() -> bool:
            self.root.mkdir(parents=True, exist_ok=True)
            return os.access(self.root, os.W_OK | os.X_OK)

        try:
            usable = await asyncio.to_thread(writable)
        except OSError as exc:
            raise self._unavailable("check", None, exc) from exc
        if not usable:
            logger.warning("local storage %s is not writable", self.root)
            raise StorageUnavailable("check")

    def _path(self, key: str) -> Path:
        return self.root / key

    def _unavailable(self, operation: str, key: str | None, exc: OSError) -> StorageUnavailable:
        logger.warning("local storage %s of %s failed: %s", operation, key or self.root, exc)
        return StorageUnavailable(operation, key)

    def _open(self, key: str, operation: str) -> BinaryIO:
        try:
            return self._path(key).open("rb")
        except _NOT_A_STORED_FILE:
            raise StoredFileMissing(key) from None
        except OSError as exc:
            raise self._unavailable(operation, key, exc) from exc

    async def _put_file(self, key: str, path: Path, content_type: str) -> None:
        def upload() -> None:
            with path.open("rb") as source:  # the caller's file: its errors are the caller's
                try:
                    _replace_atomically(self._path(key), lambda target: _copy(source, target))
                except OSError as exc:
                    raise self._unavailable("upload", key, exc) from exc

        await asyncio.to_thread(upload)

    async def _put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        def upload() -> None:
            try:
                _replace_atomically(self._path(key), lambda target: target.write(data))
            except OSError as exc:
                raise self._unavailable("upload", key, exc) from exc

        await asyncio.to_thread(upload)

    async def _get_file(self, key: str, path: Path) -> None:
        def download() -> None:
            with self._open(key, "download") as source:
                _replace_atomically(path, lambda target: _copy(source, target))

        await asyncio.to_thread(download)

    async def _open_stream(self, key: str, chunk_size: int) -> StoredStream:
        def open_file() -> tuple[BinaryIO, int]:
            handle = self._open(key, "read")
            return handle, os.fstat(handle.fileno()).st_size

        # The open handle goes on reading the file it opened, even if a write replaces it.
        handle, size = await asyncio.to_thread(open_file)

        async def chunks() -> AsyncIterator[bytes]:
            while chunk := await asyncio.to_thread(handle.read, chunk_size):
                yield chunk

        return StoredStream(size, chunks(), handle.close)

    async def _size(self, key: str) -> int | None:
        def stat() -> int | None:
            try:
                status = self._path(key).stat()
            except _NOT_A_STORED_FILE:
                return None
            except OSError as exc:
                raise self._unavailable("inspection", key, exc) from exc
            return status.st_size if stat_module.S_ISREG(status.st_mode) else None

        return await asyncio.to_thread(stat)

    async def _delete(self, key: str) -> None:
        def unlink() -> None:
            try:
                self._path(key).unlink()
            except _NOT_A_STORED_FILE:
                pass
            except OSError as exc:
                raise self._unavailable("deletion", key, exc) from exc

        await asyncio.to_thread(unlink)
