"""A live platform for the tests that need real processes: every service as its own uvicorn
process over HTTP, on a database of its own, seeded with the demo data."""

import asyncio
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.platform.database import DatabaseServer, drop_database, ensure_database, migrate
from services.platform.seed import seed_all
from services.platform.stack import (
    SERVICES,
    StackConfig,
    running_processes,
    service_environment,
    start_services,
)
from tests.platform.live import free_port_block


@pytest.fixture(scope="module")
def platform(
    database_server: DatabaseServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[StackConfig, Path]]:
    name = f"rsi_processes_{uuid.uuid4().hex[:10]}"
    url = ensure_database(database_server, name)
    migrate(url)
    asyncio.run(seed_all(url, demo=True, population=300))
    data_dir = tmp_path_factory.mktemp("stack")
    config = StackConfig(
        data_dir=data_dir,
        port_base=free_port_block(len(SERVICES)),
        spa_port=0,
        build_spa=False,
        database_url=url,
    )
    processes: list[subprocess.Popen[bytes]]
    with running_processes() as processes:
        start_services(config, service_environment(config, url), processes, log_dir=data_dir)
        yield config, data_dir
    drop_database(database_server, name)
