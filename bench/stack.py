"""The platform for a benchmark: a demo database of its own on the bench's embedded server,
and every service as a process on it."""

import asyncio
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from bench.targeting import BENCH_DIR
from services.platform.database import drop_database, ensure_database, migrate, start_embedded
from services.platform.seed import seed_all
from services.platform.stack import (
    StackConfig,
    running_processes,
    service_environment,
    start_services,
)


@contextmanager
def demo_stack(
    name: str, population: int, port_base: int
) -> Iterator[tuple[StackConfig, list[subprocess.Popen[bytes]]]]:
    """The database ``name`` (created afresh, migrated, seeded with the demo data and
    ``population`` people) and the services started on ports from ``port_base``."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    server = start_embedded(BENCH_DIR / "postgres")
    drop_database(server, name)
    url = ensure_database(server, name)
    migrate(url)
    asyncio.run(seed_all(url, demo=True, population=population))
    config = StackConfig(
        data_dir=BENCH_DIR, port_base=port_base, spa_port=0, build_spa=False, database_url=url
    )
    processes: list[subprocess.Popen[bytes]]
    with running_processes() as processes:
        start_services(config, service_environment(config, url), processes, log_dir=BENCH_DIR)
        yield config, processes
