"""The worker process: every service's tasks (imports, lists, letters, messages, the draw, the
relay, upkeep), from the one job queue in PostgreSQL.

Run as many as needed, on any machine: each takes jobs with ``FOR UPDATE SKIP LOCKED``,
beats a heartbeat, and a job whose worker stops beating is queued again (see
:mod:`.maintenance`). When the database goes away the worker waits and starts again; only a
stop signal (SIGTERM, Ctrl-C) ends it, after the running jobs have finished.
"""

import asyncio
import logging
import signal
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress

import httpx
import uvicorn
from procrastinate.app import WorkerOptions
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from services.shared.db import create_engine, create_sessionmaker
from services.shared.logging import configure_logging
from services.shared.messaging.senders import email_sender, sms_provider
from services.shared.metrics import metrics_endpoint, queue_probe
from services.shared.peers import PeerClient, create_http_client
from services.shared.queue import queue_app, queue_connector
from services.shared.service_tokens import ClientCredentialsTokens
from services.shared.settings import Settings
from services.shared.storage import storage_from_settings
from services.shared.tracing import configure_tracing, instrument_engine
from services.shared.worker import RESOURCES, WorkerResources
from services.worker import tasks as _every_task  # noqa: F401  (declares them on the queue)
from services.worker.schedule import schedule

logger = logging.getLogger(__name__)
PEERS = ("identity", "targeting", "interviews", "surveys", "reporting")
RESTART_DELAYS = (1.0, 2.0, 5.0, 10.0, 30.0)
GRACEFUL_STOP_SECONDS = 60.0
STEADY_SECONDS = 60.0  # a worker that ran this long before failing starts again at once


def build_resources(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], http: httpx.AsyncClient
) -> WorkerResources:
    def client(client_id: str, secret: str) -> ClientCredentialsTokens:
        return ClientCredentialsTokens(settings.identity_url, client_id, secret, http)

    interviews = client(settings.interviews_client_id, settings.interviews_client_secret)
    surveys = client(settings.surveys_client_id, settings.surveys_client_secret)
    return WorkerResources(
        settings=settings,
        sessions=sessions,
        http=http,
        storage=storage_from_settings(settings),
        peers={name: PeerClient(name, getattr(settings, f"{name}_url"), http) for name in PEERS},
        callers={"interviews": interviews.current, "surveys": surveys.current},
        email=email_sender(settings),
        sms=sms_provider(settings, http),
    )


async def run_worker(
    settings: Settings, queues: Sequence[str] | None = None, name: str | None = None
) -> None:
    """Runs until a stop signal; a failure of the queue's own work (the database gone) is
    logged and the worker starts again after a growing pause."""
    configure_logging("worker", settings.log_level)
    configure_tracing("worker", settings)
    engine = create_engine(settings)
    instrument_engine(engine)
    http = create_http_client(settings)
    queue_connector.use_engine(engine)
    resources = build_resources(settings, create_sessionmaker(engine), http)
    for task, cron in schedule(settings):
        logger.info("periodic task %s: %s", task.name, cron)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    current: asyncio.Task[None] | None = None

    def stop() -> None:
        stopping.set()
        if current is not None:
            current.cancel()  # procrastinate then stops gracefully: running jobs finish

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop)
    monitoring = _serve_metrics(settings, engine, resources)
    failures = 0
    try:
        while not stopping.is_set():
            started = time.monotonic()
            current = asyncio.create_task(_work(settings, resources, queues, name))
            try:
                await current
            except asyncio.CancelledError:
                if not stopping.is_set():
                    raise
            except Exception:
                if time.monotonic() - started > STEADY_SECONDS:
                    failures = 0
                delay = RESTART_DELAYS[min(failures, len(RESTART_DELAYS) - 1)]
                failures += 1
                logger.exception("worker stopped; starting again in %.0f s", delay)
                with suppress(TimeoutError):
                    await asyncio.wait_for(stopping.wait(), delay)
    finally:
        if monitoring is not None:
            monitoring.cancel()
            with suppress(asyncio.CancelledError):
                await monitoring
        await http.aclose()
        await engine.dispose()


def _serve_metrics(
    settings: Settings, engine: AsyncEngine, resources: WorkerResources
) -> asyncio.Task[None] | None:
    """``/metrics`` (the job queue's state) and ``/healthz`` on ``RSI_WORKER_METRICS_PORT``,
    served from the worker's own event loop; none when the port is 0."""
    if not settings.worker_metrics_port:
        return None

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok", "service": "worker"})

    metrics = metrics_endpoint(
        settings.metrics_token.get_secret_value(),
        lambda _: engine,
        lambda _: resources.sessions,
        (queue_probe,),
    )
    app = Starlette(routes=[Route("/metrics", metrics), Route("/healthz", healthz)])
    config = uvicorn.Config(
        app,
        host="0.0.0.0",  # noqa: S104  (scraped from other hosts; never behind the gateway)
        port=settings.worker_metrics_port,
        log_config=None,
        access_log=False,
        lifespan="off",
    )
    return asyncio.create_task(_MetricsServer(config).serve())


class _MetricsServer(uvicorn.Server):
    """Leaves the signals to the worker, which stops it by cancelling its task."""

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


async def _work(
    settings: Settings,
    resources: WorkerResources,
    queues: Sequence[str] | None,
    name: str | None,
) -> None:
    options: WorkerOptions = {
        "name": name or "worker",
        "concurrency": settings.worker_concurrency,
        "wait": True,
        "listen_notify": False,
        "fetch_job_polling_interval": settings.worker_poll_seconds,
        "update_heartbeat_interval": settings.worker_heartbeat_seconds,
        "stalled_worker_timeout": settings.worker_stalled_seconds,
        "shutdown_graceful_timeout": GRACEFUL_STOP_SECONDS,
        "install_signal_handlers": False,
        "additional_context": {RESOURCES: resources},
    }
    if queues:  # else every queue
        options["queues"] = list(queues)
    async with queue_app.open_async():
        await queue_app.run_worker_async(**options)
    raise RuntimeError("the worker stopped by itself (its heartbeat or the queue failed)")
