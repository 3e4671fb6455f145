"""procrastinate's real worker in the tests: until the queue is empty on the test's own
connection (rolled back), or running in the background over committed data."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from services.shared.queue import AsyncpgConnector, queue_app
from services.shared.worker import RESOURCES, WorkerResources


async def run_until_empty(connection: AsyncConnection, resources: WorkerResources) -> None:
    """Runs the queued jobs that are due, one at a time, each query of the queue in a
    savepoint of the test's one connection."""

    @asynccontextmanager
    async def savepoint() -> AsyncIterator[AsyncConnection]:
        async with connection.begin_nested():
            yield connection

    connector = AsyncpgConnector()
    connector.use_connections(savepoint)
    with queue_app.replace_connector(connector):
        async with queue_app.open_async():
            await queue_app.run_worker_async(
                wait=False,
                concurrency=1,  # the test's one connection runs one thing at a time
                listen_notify=False,
                install_signal_handlers=False,
                update_heartbeat_interval=3600,
                abort_job_polling_interval=3600,
                additional_context={RESOURCES: resources},
            )


@asynccontextmanager
async def running_worker(engine: AsyncEngine, resources: WorkerResources) -> AsyncIterator[None]:
    """A worker polling the queue (every 50 ms) while the block runs; the queue's rows are
    deleted afterwards, since they are committed."""
    connector = AsyncpgConnector()
    connector.use_engine(engine)
    with queue_app.replace_connector(connector):
        async with queue_app.open_async():
            worker = asyncio.create_task(
                queue_app.run_worker_async(
                    wait=True,
                    listen_notify=False,
                    fetch_job_polling_interval=0.05,
                    install_signal_handlers=False,
                    additional_context={RESOURCES: resources},
                )
            )
            try:
                yield
            finally:
                worker.cancel()
                with suppress(asyncio.CancelledError):
                    await worker
                async with engine.begin() as cleanup:
                    await cleanup.execute(
                        text("TRUNCATE procrastinate_jobs, procrastinate_workers CASCADE")
                    )
