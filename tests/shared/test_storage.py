"""The file storage: one behaviour suite run against both backends, a folder under tmp_path and
a bucket of a real S3 API server (moto's, a process of its own started for the session)."""

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import boto3
import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from pydantic import ValidationError

from services.shared.errors import install_problem_handlers
from services.shared.settings import Settings
from services.shared.storage import (
    LocalStorage,
    S3Storage,
    Storage,
    StorageUnavailable,
    StoredFileMissing,
    storage_from_settings,
)

if TYPE_CHECKING:
    from types_boto3_s3.client import S3Client
else:
    S3Client = Any

MiB = 1024 * 1024
BUCKET = "rsi-test"
PDF = "application/pdf"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed, so free, when the block exits


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A moto S3 server on a free local port, for the whole session."""
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("moto") / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"moto_server exited: {log_path.read_text()}")
            try:
                if httpx.get(f"{endpoint}/moto-api/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"moto_server did not answer: {log_path.read_text()}")
            time.sleep(0.1)
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def s3_client(s3_endpoint: str) -> S3Client:
    """A plain boto3 client, to look at the bucket behind the storage's back."""
    client: S3Client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET)
    return client


def s3_storage(
    endpoint: str,
    prefix: str = "",
    *,
    bucket: str = BUCKET,
    connect_timeout: float = 5,
    read_timeout: float = 10,
    max_attempts: int = 3,
) -> S3Storage:
    return S3Storage(
        bucket,
        prefix=prefix,
        endpoint_url=endpoint,
        region="us-east-1",
        access_key_id="testing",
        secret_access_key="testing",
        path_style=True,
        multipart_threshold=5 * MiB,
        multipart_chunksize=5 * MiB,
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        max_attempts=max_attempts,
    )


@pytest.fixture(params=["local", "s3"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    if request.param == "local":
        return LocalStorage(tmp_path / "store")
    request.getfixturevalue("s3_client")  # the bucket exists
    # A prefix of each test's own: the tests share the bucket, not their files.
    return s3_storage(request.getfixturevalue("s3_endpoint"), f"tests/{uuid.uuid4().hex}")


async def test_bytes_round_trip(storage: Storage) -> None:
    await storage.put_bytes("letters/campaign-1.pdf", b"%PDF-1.7 letters", PDF)

    assert await storage.get_bytes("letters/campaign-1.pdf") == b"%PDF-1.7 letters"
    assert await storage.size("letters/campaign-1.pdf") == 16
    assert await storage.exists("letters/campaign-1.pdf")


async def test_file_round_trip(storage: Storage, tmp_path: Path) -> None:
    source = tmp_path / "import.csv"
    source.write_bytes(b"nir;nom\n1850275123456;DUPONT\n")

    await storage.put_file("imports/2026/import.csv", source, "text/csv")
    target = tmp_path / "downloads" / "deeper" / "copy.csv"  # parents created
    await storage.get_file("imports/2026/import.csv", target)

    assert target.read_bytes() == source.read_bytes()
    assert await storage.size("imports/2026/import.csv") == source.stat().st_size


async def test_a_file_bigger_than_the_multipart_threshold_arrives_identical(
    storage: Storage, tmp_path: Path
) -> None:
    source = tmp_path / "big.csv"
    source.write_bytes(os.urandom(12 * MiB + 123))

    await storage.put_file("imports/big.csv", source, "text/csv")
    target = tmp_path / "big-copy.csv"
    await storage.get_file("imports/big.csv", target)

    assert await storage.size("imports/big.csv") == 12 * MiB + 123
    assert target.read_bytes() == source.read_bytes()


async def test_streaming_yields_bounded_chunks_that_make_the_file(
    storage: Storage, tmp_path: Path
) -> None:
    data = os.urandom(3 * MiB + 5)
    await storage.put_bytes("exports/report.csv", data, "text/csv")

    chunk_sizes = []
    received = bytearray()
    async with await storage.open_stream("exports/report.csv", chunk_size=MiB) as stream:
        assert stream.size == len(data)
        async for chunk in stream:
            chunk_sizes.append(len(chunk))
            received += chunk

    assert bytes(received) == data
    assert len(chunk_sizes) >= 4
    assert max(chunk_sizes) <= MiB


async def test_a_missing_key_raises_the_domain_error(storage: Storage, tmp_path: Path) -> None:
    target = tmp_path / "never.pdf"

    with pytest.raises(StoredFileMissing) as raised:
        await storage.open_stream("letters/none.pdf")
    assert raised.value.key == "letters/none.pdf"
    assert raised.value.status == 404
    with pytest.raises(StoredFileMissing):
        await storage.get_file("letters/none.pdf", target)
    with pytest.raises(StoredFileMissing):
        await storage.get_bytes("letters/none.pdf")
    assert await storage.size("letters/none.pdf") is None
    assert not await storage.exists("letters/none.pdf")
    assert not target.exists()
    assert not [name for name in os.listdir(tmp_path) if "never" in name]  # nor a partial one


async def test_delete_is_idempotent(storage: Storage) -> None:
    await storage.put_bytes("letters/old.pdf", b"%PDF", PDF)

    await storage.delete("letters/old.pdf")
    await storage.delete("letters/old.pdf")
    await storage.delete("letters/never-there.pdf")

    assert not await storage.exists("letters/old.pdf")
    with pytest.raises(StoredFileMissing):
        await storage.get_bytes("letters/old.pdf")


async def test_a_write_replaces_the_whole_file(storage: Storage, tmp_path: Path) -> None:
    await storage.put_bytes("letters/batch.pdf", b"a much longer first version", PDF)
    await storage.put_bytes("letters/batch.pdf", b"second", PDF)
    assert await storage.get_bytes("letters/batch.pdf") == b"second"

    source = tmp_path / "third.pdf"
    source.write_bytes(b"3")
    await storage.put_file("letters/batch.pdf", source, PDF)
    assert await storage.get_bytes("letters/batch.pdf") == b"3"
    assert await storage.size("letters/batch.pdf") == 1


async def test_a_missing_source_file_stores_nothing(storage: Storage, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        await storage.put_file("imports/lost.csv", tmp_path / "lost.csv", "text/csv")
    assert not await storage.exists("imports/lost.csv")


BAD_KEYS = [
    "",
    "/etc/passwd",
    "../outside",
    "letters/../../outside",
    "letters/./batch.pdf",
    "letters//batch.pdf",
    "letters/",
    ".hidden",
    "letters/.batch.pdf.tmp",
    "letters\\batch.pdf",
    "lettre é.pdf",
    "letters/batch.pdf\n",
    "a" * 513,
]


@pytest.mark.parametrize("key", BAD_KEYS)
async def test_bad_keys_are_refused(storage: Storage, tmp_path: Path, key: str) -> None:
    source = tmp_path / "source.bin"
    source.write_bytes(b"x")
    attempts: list[Callable[[], Awaitable[object]]] = [
        lambda: storage.put_bytes(key, b"x", PDF),
        lambda: storage.put_file(key, source, PDF),
        lambda: storage.get_file(key, tmp_path / "target.bin"),
        lambda: storage.get_bytes(key),
        lambda: storage.open_stream(key),
        lambda: storage.size(key),
        lambda: storage.exists(key),
        lambda: storage.delete(key),
    ]
    for attempt in attempts:
        with pytest.raises(ValueError, match="invalid storage key"):
            await attempt()
    assert not (tmp_path / "store").exists()  # nothing was written
    assert not (tmp_path / "target.bin").exists()


async def test_the_storage_serves_a_streaming_response(storage: Storage) -> None:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/files/{key:path}")
    async def download(key: str) -> StreamingResponse:
        stream = await storage.open_stream(key, chunk_size=64 * 1024)
        return StreamingResponse(
            stream, media_type=PDF, headers={"Content-Length": str(stream.size)}
        )

    data = os.urandom(MiB + 7)
    await storage.put_bytes("letters/served.pdf", data, PDF)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        served = await client.get("/files/letters/served.pdf")
        missing = await client.get("/files/letters/absent.pdf")

    assert served.status_code == 200
    assert served.content == data
    assert served.headers["content-length"] == str(len(data))
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


async def test_check_accepts_a_usable_store(storage: Storage) -> None:
    await storage.check()


async def test_check_refuses_a_folder_that_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_bytes(b"")
    with pytest.raises(StorageUnavailable):
        await LocalStorage(tmp_path / "a-file" / "store").check()


async def test_local_writes_leave_no_temporary_file(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "store")
    await storage.put_bytes("letters/batch.pdf", b"%PDF", PDF)
    await storage.put_bytes("letters/batch.pdf", b"%PDF again", PDF)

    assert [path.name for path in (tmp_path / "store" / "letters").iterdir()] == ["batch.pdf"]


async def test_a_local_stream_keeps_reading_what_it_opened(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "store")
    await storage.put_bytes("letters/batch.pdf", b"old content", PDF)

    async with await storage.open_stream("letters/batch.pdf") as stream:
        await storage.put_bytes("letters/batch.pdf", b"new content", PDF)
        assert b"".join([chunk async for chunk in stream]) == b"old content"


async def test_s3_objects_live_under_the_prefix(
    s3_endpoint: str, s3_client: S3Client, tmp_path: Path
) -> None:
    prefix = f"tenant-{uuid.uuid4().hex[:8]}/files"
    storage = s3_storage(s3_endpoint, f"/{prefix}/")  # slashes around it are ignored
    await storage.put_bytes("letters/batch.pdf", b"%PDF", PDF)

    listed = s3_client.list_objects_v2(Bucket=BUCKET, Prefix=f"{prefix}/")
    assert [item["Key"] for item in listed.get("Contents", [])] == [f"{prefix}/letters/batch.pdf"]
    head = s3_client.head_object(Bucket=BUCKET, Key=f"{prefix}/letters/batch.pdf")
    assert head["ContentType"] == PDF
    assert not await s3_storage(s3_endpoint, f"{prefix}-other").exists("letters/batch.pdf")


async def test_s3_big_files_go_up_in_parts(
    s3_endpoint: str, s3_client: S3Client, tmp_path: Path
) -> None:
    prefix = f"tests/{uuid.uuid4().hex}"
    storage = s3_storage(s3_endpoint, prefix)
    source = tmp_path / "big.csv"
    source.write_bytes(os.urandom(12 * MiB))

    await storage.put_file("imports/big.csv", source, "text/csv")

    head = s3_client.head_object(Bucket=BUCKET, Key=f"{prefix}/imports/big.csv")
    assert head["ETag"].strip('"').endswith("-3")  # a multipart upload's ETag: 3 parts
    assert head["ContentLength"] == 12 * MiB


async def test_s3_check_refuses_a_missing_bucket(s3_endpoint: str, s3_client: S3Client) -> None:
    storage = s3_storage(s3_endpoint, bucket="no-such-bucket")
    with pytest.raises(StorageUnavailable):
        await storage.check()
    with pytest.raises(StorageUnavailable):
        await storage.put_bytes("letters/batch.pdf", b"%PDF", PDF)


async def _assert_unavailable_quickly(storage: S3Storage, tmp_path: Path) -> None:
    source = tmp_path / "source.csv"
    source.write_bytes(b"x")
    attempts: list[Callable[[], Awaitable[object]]] = [
        lambda: storage.put_bytes("letters/batch.pdf", b"%PDF", PDF),
        lambda: storage.put_file("imports/source.csv", source, "text/csv"),
        lambda: storage.get_file("letters/batch.pdf", tmp_path / "target.pdf"),
        lambda: storage.open_stream("letters/batch.pdf"),
        lambda: storage.size("letters/batch.pdf"),
        lambda: storage.delete("letters/batch.pdf"),
        lambda: storage.check(),
    ]
    for attempt in attempts:
        started = time.monotonic()
        with pytest.raises(StorageUnavailable) as raised:
            await attempt()
        assert time.monotonic() - started < 5
        assert raised.value.status == 503


async def test_s3_a_stopped_endpoint_fails_fast(tmp_path: Path) -> None:
    nothing_listens = f"http://127.0.0.1:{_free_port()}"
    storage = s3_storage(nothing_listens, connect_timeout=1, max_attempts=2)
    await _assert_unavailable_quickly(storage, tmp_path)


@pytest.fixture
def silent_endpoint() -> Iterator[str]:
    """A port that accepts connections (the kernel's backlog) and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


async def test_s3_a_silent_endpoint_times_out(silent_endpoint: str, tmp_path: Path) -> None:
    storage = s3_storage(silent_endpoint, connect_timeout=0.5, read_timeout=0.5, max_attempts=1)
    await _assert_unavailable_quickly(storage, tmp_path)


def test_the_local_backend_is_the_default(tmp_path: Path) -> None:
    storage = storage_from_settings(Settings(files_dir=tmp_path / "files"))

    assert isinstance(storage, LocalStorage)
    assert storage.root == tmp_path / "files"


def test_the_s3_backend_needs_a_bucket() -> None:
    with pytest.raises(ValidationError, match="RSI_STORAGE_S3_BUCKET must be set"):
        Settings(storage_backend="s3")


def test_the_s3_backend_is_configured_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    environment = {
        "RSI_STORAGE_BACKEND": "s3",
        "RSI_STORAGE_S3_BUCKET": "rsi-files",
        "RSI_STORAGE_S3_PREFIX": "prod/",
        "RSI_STORAGE_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
        "RSI_STORAGE_S3_REGION": "fr-par",
        "RSI_STORAGE_S3_ACCESS_KEY_ID": "SCWXXXXXXXXXXXXXXXXX",
        "RSI_STORAGE_S3_SECRET_ACCESS_KEY": "a-secret-key",
        "RSI_STORAGE_S3_PATH_STYLE": "true",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings = Settings()
    storage = storage_from_settings(settings)

    assert isinstance(storage, S3Storage)
    assert storage.bucket == "rsi-files"
    assert storage.object_key("letters/batch.pdf") == "prod/letters/batch.pdf"
    # A presigned URL shows the endpoint, the addressing, the region and the access key id.
    url = storage.client.generate_presigned_url(
        "get_object", Params={"Bucket": storage.bucket, "Key": "prod/letters/batch.pdf"}
    )
    assert url.startswith("https://s3.fr-par.scw.cloud/rsi-files/prod/letters/batch.pdf?")
    assert "X-Amz-Credential=SCWXXXXXXXXXXXXXXXXX%2F" in url
    assert "%2Ffr-par%2Fs3%2Faws4_request" in url
    assert "a-secret-key" not in repr(settings)


def test_a_bad_prefix_is_refused() -> None:
    with pytest.raises(ValueError, match="invalid storage key"):
        S3Storage(BUCKET, prefix="../escape")
