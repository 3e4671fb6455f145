"""One file storage for the whole fleet: letter PDFs, uploaded imports, exports.

``storage_from_settings`` gives the configured backend: a local folder (``RSI_FILES_DIR``) by
default, or a bucket of any S3-compatible store with ``RSI_STORAGE_BACKEND=s3``. Code uses
:class:`Storage` only, and never learns which backend it has::

    await storage.put_file("imports/3f2a….csv", spooled_path, "text/csv")
    stream = await storage.open_stream("letters/campaign-….pdf")  # StoredFileMissing: 404
    return StreamingResponse(stream, media_type="application/pdf",
                             headers={"Content-Length": str(stream.size)})
"""

from services.shared.settings import Settings
from services.shared.storage.base import (
    DEFAULT_CHUNK_SIZE,
    Storage,
    StorageUnavailable,
    StoredFileMissing,
    StoredStream,
    validate_key,
)
from services.shared.storage.local import LocalStorage
from services.shared.storage.s3 import S3Storage

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "LocalStorage",
    "S3Storage",
    "Storage",
    "StorageUnavailable",
    "StoredFileMissing",
    "StoredStream",
    "storage_from_settings",
    "validate_key",
]


def storage_from_settings(settings: Settings) -> Storage:
    """The storage the settings select (see ``Settings.storage_backend``)."""
    if settings.storage_backend == "s3":
        return S3Storage(
            settings.storage_s3_bucket,
            prefix=settings.storage_s3_prefix,
            endpoint_url=settings.storage_s3_endpoint_url or None,
            region=settings.storage_s3_region or None,
            access_key_id=settings.storage_s3_access_key_id or None,
            secret_access_key=settings.storage_s3_secret_access_key.get_secret_value() or None,
            path_style=settings.storage_s3_path_style,
        )
    return LocalStorage(settings.files_dir)
