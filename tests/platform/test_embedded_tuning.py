"""The embedded PostgreSQL is tuned from the machine's memory and cores, overridably."""

import asyncio

import pytest

from services.platform.database import DatabaseServer, connect, tune_embedded, tuned_settings

GIB = 1024**3


def test_settings_follow_the_machine() -> None:
    big = tuned_settings(23 * GIB, 2)
    assert big["shared_buffers"] == "5888MB"  # a quarter of the memory
    assert big["effective_cache_size"] == "17664MB"
    assert big["work_mem"] == "44MB"
    assert big["max_wal_size"] == "4096MB"
    assert big["max_parallel_workers_per_gather"] == "1"
    small = tuned_settings(1 * GIB, 1)
    assert small["shared_buffers"] == "256MB"
    assert small["work_mem"] == "4MB"
    assert small["max_wal_size"] == "1024MB"
    huge = tuned_settings(512 * GIB, 64)
    assert huge["shared_buffers"] == "8192MB"  # capped: the OS cache does the rest
    assert huge["max_parallel_workers"] == "64"


async def _show(server: DatabaseServer, name: str) -> str:
    connection = await connect(server.admin_url)
    try:
        return str(await connection.fetchval(f"SHOW {name}"))
    finally:
        await connection.close()


async def test_an_override_wins_and_is_undone(database_server: DatabaseServer) -> None:
    if database_server.embedded_data_dir is None:
        pytest.skip("DATABASE_URL's server is not ours to tune")
    try:
        await asyncio.to_thread(tune_embedded, database_server, {"work_mem": "7MB"})
        assert await _show(database_server, "work_mem") == "7MB"
    finally:
        await asyncio.to_thread(tune_embedded, database_server, {})
    assert await _show(database_server, "work_mem") != "7MB"


def test_a_bad_setting_name_is_refused(database_server: DatabaseServer) -> None:
    with pytest.raises(ValueError, match="setting name"):
        tune_embedded(database_server, {"work_mem = '1MB'; --": "x"})
