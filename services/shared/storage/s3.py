"""Files in a bucket of any S3-compatible object store: AWS S3, MinIO, Scaleway, OVHcloud,
Outscale, Ceph RGW, Garage…

Built on boto3 rather than aiobotocore. boto3 is AWS's own SDK, released in step with the S3
API, and brings s3transfer's managed transfers: ``upload_file`` and ``download_file`` split a
big file into parts sent concurrently, retry a failed part and abort an unfinished multipart
upload — what a 500 MB import needs, and what aiobotocore (an async port of botocore alone,
pinned to older botocore releases) leaves to write by hand. boto3 blocks, so every call runs
in a worker thread (``asyncio.to_thread``); its clients are thread-safe.
"""

import asyncio
import functools
import logging
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from boto3.exceptions import Boto3Error
from boto3.s3.transfer import TransferConfig
from boto3.session import Session
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from services.shared.storage.base import (
    MiB,
    Storage,
    StorageUnavailable,
    StoredFileMissing,
    StoredStream,
    validate_key,
)

if TYPE_CHECKING:
    from types_boto3_s3.client import S3Client
else:
    S3Client = Any

logger = logging.getLogger(__name__)

# What S3 and the compatible stores answer for a missing object (GetObject says NoSuchKey,
# HeadObject has no body and says only its status).
_MISSING_CODES = frozenset({"NoSuchKey", "NotFound", "404"})


_session_lock = threading.Lock()


@functools.cache
def _shared_session() -> Session:
    """One boto3 session for the process: it loads the S3 API's description once (a tenth of
    a second per client otherwise). Sessions are not thread-safe, hence the lock; the clients
    they make are, and get their credentials of their own."""
    return Session()


class S3Storage(Storage):
    """Files as objects of ``bucket``, under ``prefix`` + key.

    ``endpoint_url`` selects a store other than AWS (``https://s3.fr-par.scw.cloud``, a MinIO
    URL…); ``path_style`` addresses the bucket in the URL's path rather than its host name,
    which MinIO and most self-hosted stores need. Without an access key, boto3 looks for
    credentials as usual (``AWS_*`` variables, profile, instance role).

    Files above ``multipart_threshold`` go up (and down) in parts of ``multipart_chunksize``
    (S3 wants at least 5 MiB but for the last part), ``max_concurrency`` at a time. Connecting
    gives up after ``connect_timeout`` seconds, a silent read after ``read_timeout``, and a
    request after ``max_attempts`` tries: an unreachable store fails with
    :class:`StorageUnavailable` rather than hanging.

    Checksums are sent and checked only where the API requires them: boto3's default since
    1.36 (a CRC on every upload) is refused by several S3-compatible stores.
    """

    def __init__(
        self,
        bucket: str,
        *,
        prefix: str = "",
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        path_style: bool = False,
        multipart_threshold: int = 8 * MiB,
        multipart_chunksize: int = 8 * MiB,
        max_concurrency: int = 4,
        connect_timeout: float = 5.0,
        read_timeout: float = 60.0,
        max_attempts: int = 3,
    ) -> None:
        if not bucket:
            raise ValueError("an S3 storage needs a bucket")
        prefix = prefix.strip("/")
        self.bucket = bucket
        self.prefix = f"{validate_key(prefix)}/" if prefix else ""
        self.endpoint_url = endpoint_url or None
        config = Config(
            region_name=region or None,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            retries={"total_max_attempts": max_attempts, "mode": "standard"},
            max_pool_connections=32,
            s3={"addressing_style": "path" if path_style else "auto"},
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        )
        with _session_lock:
            self.client: S3Client = _shared_session().client(
                "s3",
                endpoint_url=self.endpoint_url,
                aws_access_key_id=access_key_id or None,
                aws_secret_access_key=secret_access_key or None,
                config=config,
            )
        self.transfer = TransferConfig(
            multipart_threshold=multipart_threshold,
            multipart_chunksize=multipart_chunksize,
            max_concurrency=max_concurrency,
            io_chunksize=min(MiB, multipart_chunksize),
            num_download_attempts=max_attempts,
            preferred_transfer_client="classic",
        )

    def __repr__(self) -> str:
        where = f"bucket={self.bucket!r}, prefix={self.prefix!r}, endpoint={self.endpoint_url!r}"
        return f"S3Storage({where})"

    def object_key(self, key: str) -> str:
        """The key of ``key``'s object in the bucket."""
        return self.prefix + validate_key(key)

    def _fail(self, operation: str, key: str, exc: Exception) -> NoReturn:
        if _is_missing(exc):
            raise StoredFileMissing(key) from exc
        raise self._unavailable(operation, key, exc) from exc

    def _unavailable(self, operation: str, key: str | None, exc: Exception) -> StorageUnavailable:
        where = self.object_key(key) if key is not None else f"bucket {self.bucket}"
        logger.warning("object storage %s of %s failed: %s", operation, where, _describe(exc))
        return StorageUnavailable(operation, key)

    async def check(self) -> None:
        """Raises :class:`StorageUnavailable` unless the bucket answers."""
        try:
            await asyncio.to_thread(self.client.head_bucket, Bucket=self.bucket)
        except (BotoCoreError, ClientError) as exc:
            raise self._unavailable("check", None, exc) from exc

    async def _put_file(self, key: str, path: Path, content_type: str) -> None:
        try:
            await asyncio.to_thread(
                self.client.upload_file,
                str(path),
                self.bucket,
                self.object_key(key),
                ExtraArgs={"ContentType": content_type},
                Config=self.transfer,
            )
        except (BotoCoreError, ClientError, Boto3Error) as exc:
            self._fail("upload", key, exc)

    async def _put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        try:
            await asyncio.to_thread(
                self.client.put_object,
                Bucket=self.bucket,
                Key=self.object_key(key),
                Body=data,
                ContentType=content_type,
            )
        except (BotoCoreError, ClientError) as exc:
            self._fail("upload", key, exc)

    async def _get_file(self, key: str, path: Path) -> None:
        # s3transfer writes a temporary file beside ``path`` and renames it when complete.
        try:
            await asyncio.to_thread(path.parent.mkdir, parents=True, exist_ok=True)
            await asyncio.to_thread(
                self.client.download_file,
                self.bucket,
                self.object_key(key),
                str(path),
                Config=self.transfer,
            )
        except (BotoCoreError, ClientError, Boto3Error) as exc:
            self._fail("download", key, exc)

    async def _open_stream(self, key: str, chunk_size: int) -> StoredStream:
        try:
            answer = await asyncio.to_thread(
                self.client.get_object, Bucket=self.bucket, Key=self.object_key(key)
            )
        except (BotoCoreError, ClientError) as exc:
            self._fail("read", key, exc)
        body = answer["Body"]
        parts: Iterator[bytes] = body.iter_chunks(chunk_size)

        async def chunks() -> AsyncIterator[bytes]:
            while True:
                try:
                    chunk = await asyncio.to_thread(next, parts, b"")
                except (BotoCoreError, ClientError) as exc:
                    self._fail("read", key, exc)
                if not chunk:
                    return
                yield chunk

        return StoredStream(answer["ContentLength"], chunks(), body.close)

    async def _size(self, key: str) -> int | None:
        try:
            answer = await asyncio.to_thread(
                self.client.head_object, Bucket=self.bucket, Key=self.object_key(key)
            )
        except (BotoCoreError, ClientError) as exc:
            if _is_missing(exc):
                return None
            raise self._unavailable("inspection", key, exc) from exc
        return answer["ContentLength"]

    async def _delete(self, key: str) -> None:
        # S3 answers 204 for a missing key too.
        try:
            await asyncio.to_thread(
                self.client.delete_object, Bucket=self.bucket, Key=self.object_key(key)
            )
        except (BotoCoreError, ClientError) as exc:
            if not _is_missing(exc):
                raise self._unavailable("deletion", key, exc) from exc


def _is_missing(exc: Exception) -> bool:
    return isinstance(exc, ClientError) and _error_code(exc) in _MISSING_CODES


def _error_code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _describe(exc: Exception) -> str:
    if isinstance(exc, ClientError):
        return (
            f"{_error_code(exc)} ({exc.response.get('ResponseMetadata', {}).get('HTTPStatusCode')})"
        )
    return f"{type(exc).__name__}: {exc}"
