"""A live platform for the tests that need real processes: every service as its own uvicorn
process over HTTP, on a database of its own, seeded with the demo data."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.platform.database import DatabaseServer
from services.platform.stack import StackConfig
from tests.platform.live import live_platform


@pytest.fixture(scope="module")
def platform(
    database_server: DatabaseServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[StackConfig, Path]]:
    with live_platform(database_server, tmp_path_factory) as (config, data_dir, _):
        yield config, data_dir
