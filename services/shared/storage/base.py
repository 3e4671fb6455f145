"""The storage interface every backend implements, its errors and the rules for keys.

A key names one stored file, like a relative path: segments of letters, digits, ``.``, ``_``
and ``-``, separated by ``/``, each starting with a letter or a digit (so no ``.``/``..``
segment, no hidden file, no absolute path, no empty segment). A bad key is a programming
error: :class:`ValueError`, never a user-facing answer.
"""

import abc
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from types import TracebackType
from typing import Self

from services.shared.errors import NotFound, ServiceUnavailable

MiB = 1024 * 1024
DEFAULT_CHUNK_SIZE = MiB
MAX_KEY_LENGTH = 512

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*")


class StoredFileMissing(NotFound):
    """No file is stored under the key. A 404 if a router lets it through; a router may
    answer 410 instead when its own records say the file existed."""

    code = "storage.missing"

    def __init__(self, key: str) -> None:
        super().__init__("Le fichier demandé n'est pas disponible.")
        self.key = key


class StorageUnavailable(ServiceUnavailable):
    """The store could not be reached or refused the operation (network, timeout,
    credentials, missing bucket). The cause is chained; a 503 if a router lets it through."""

    code = "storage.unavailable"

    def __init__(self, operation: str, key: str | None = None) -> None:
        super().__init__("Le stockage des fichiers est indisponible ; réessayez bientôt.")
        self.operation = operation
        self.key = key


def validate_key(key: str) -> str:
    """Returns the key if it is a valid storage key, else raises :class:`ValueError`."""
    if not isinstance(key, str) or len(key) > MAX_KEY_LENGTH or not _KEY.fullmatch(key):
        raise ValueError(f"invalid storage key: {key!r}")
    return key


class StoredStream:
    """An open stored file, read in chunks: an async iterator of ``bytes``, usable as the body
    of a ``StreamingResponse``. Opening it has already checked that the file exists (a missing
    key raised :class:`StoredFileMissing` before any byte was sent) and told its ``size``.

    It closes itself once read to the end, on an error or a cancellation while reading, and
    when ``aclose()`` is called (``async with`` does). Closing only lets go of a file handle
    or a pooled connection: it is done inline, so that it also happens in a cancelled task.
    """

    def __init__(self, size: int, chunks: AsyncIterator[bytes], close: Callable[[], None]) -> None:
        self.size = size
        self._chunks = chunks
        self._close = close
        self._closed = False

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> bytes:
        try:
            return await anext(self._chunks)
        except BaseException:
            self._close_now()
            raise

    def _close_now(self) -> None:
        if not self._closed:
            self._closed = True
            self._close()

    async def aclose(self) -> None:
        self._close_now()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()


class Storage(abc.ABC):
    """Where the platform keeps its files (letter PDFs, CSV imports, exports), shared by every
    process of the fleet. Every method validates the key, then calls the backend.

    Writes replace the whole file at once: a reader sees the old content or the new one,
    never a partial file. Errors: :class:`StoredFileMissing` for a missing key (reads only;
    ``delete`` of a missing key does nothing), :class:`StorageUnavailable` when the store
    fails, :class:`ValueError` for a bad key, and the usual :class:`OSError` for the caller's
    own local file (``put_file``'s source, ``get_file``'s target).
    """

    async def put_file(self, key: str, path: Path, content_type: str) -> None:
        """Stores the local file ``path`` under ``key``, streamed (multipart on S3)."""
        await self._put_file(validate_key(key), path, content_type)

    async def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        """Stores ``data`` under ``key``."""
        await self._put_bytes(validate_key(key), data, content_type)

    async def get_file(self, key: str, path: Path) -> None:
        """Downloads the file under ``key`` to the local ``path`` (parents created, replaced
        atomically), streamed."""
        await self._get_file(validate_key(key), path)

    async def get_bytes(self, key: str) -> bytes:
        """The whole file under ``key`` in memory: for small files only."""
        async with await self.open_stream(key) as stream:
            return b"".join([chunk async for chunk in stream])

    async def open_stream(self, key: str, chunk_size: int = DEFAULT_CHUNK_SIZE) -> StoredStream:
        """Opens the file under ``key`` for reading in chunks of at most ``chunk_size`` bytes,
        in constant memory whatever its size. Raises :class:`StoredFileMissing` now, not
        on the first chunk, so a router can still answer 404."""
        if chunk_size < 1:
            raise ValueError("chunk_size must be positive")
        return await self._open_stream(validate_key(key), chunk_size)

    async def size(self, key: str) -> int | None:
        """The size in bytes of the file under ``key``, or ``None`` if there is none."""
        return await self._size(validate_key(key))

    async def exists(self, key: str) -> bool:
        return await self.size(key) is not None

    async def delete(self, key: str) -> None:
        """Removes the file under ``key``; a missing key is not an error."""
        await self._delete(validate_key(key))

    @abc.abstractmethod
    async def check(self) -> None:
        """Raises :class:`StorageUnavailable` unless the store can be used: for a readiness
        probe, or to fail at startup rather than on the first file."""

    @abc.abstractmethod
    async def _put_file(self, key: str, path: Path, content_type: str) -> None: ...

    @abc.abstractmethod
    async def _put_bytes(self, key: str, data: bytes, content_type: str) -> None: ...

    @abc.abstractmethod
    async def _get_file(self, key: str, path: Path) -> None: ...

    @abc.abstractmethod
    async def _open_stream(self, key: str, chunk_size: int) -> StoredStream: ...

    @abc.abstractmethod
    async def _size(self, key: str) -> int | None: ...

    @abc.abstractmethod
    async def _delete(self, key: str) -> None: ...
