"""The platform for a benchmark: a demo database of its own on the bench's embedded server,
every service as a process on it, and the worker (``rsi worker``) that runs their jobs."""

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
    start_worker,
)


@contextmanager
def demo_stack(
    name: str, population: int, port_base: int
) -> Iterator[tuple[StackConfig, list[subprocess.Popen[bytes]]]]:
    """The database ``name`` (created afresh, migrated, seeded with the demo data and
    ``population`` people), the services started on ports from ``port_base`` (in the order of
    ``SERVICES``) and the worker, the last of the processes."""
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
        env = service_environment(config, url)
        start_services(config, env, processes, log_dir=BENCH_DIR)
        start_worker(env, processes, log_dir=BENCH_DIR)
        yield config, processes
