"""Prometheus metrics: ``GET /metrics`` on every service and on the worker.

Two kinds of figures:

* **Process counters** (requests by route template, method and status, their duration, the
  outbox deliveries, the failed logins): ``prometheus_client`` metrics of this module's
  process-wide registry. Every service and worker replica is its own single process (one
  uvicorn worker each), scraped on its own; Prometheus sums the replicas, so no
  multi-process directory is needed.
* **State read at scrape time** from PostgreSQL (queue depth and oldest job per kind, outbox
  backlog and oldest message, relay lag, missing bilans): each service gives ``probes`` that
  read *its own* tables and answer metric families; the worker reads the queue's. The same
  state read by two replicas gives the same figure: dashboards and alerts take ``max``.

``/metrics`` is not in the OpenAPI contract and not public: the gateways (nginx) refuse it,
Prometheus scrapes the pods directly, and ``RSI_METRICS_TOKEN``, when set, is required as a
bearer token.
"""

import asyncio
import hmac
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Histogram, generate_latest
from prometheus_client.core import CollectorRegistry, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger(__name__)
PROBE_TIMEOUT_SECONDS = 3.0

REQUESTS = Counter(
    "rsi_http_requests",
    "HTTP requests answered, by service, route template, method and status.",
    ["service", "route", "method", "status"],
)
REQUEST_DURATION = Histogram(
    "rsi_http_request_duration_seconds",
    "Time to answer an HTTP request, by service, route template and method.",
    ["service", "route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
OUTBOX_DELIVERIES = Counter(
    "rsi_outbox_deliveries",
    "Outbox delivery attempts by outcome: sent, postponed (to retry), failed (for good).",
    ["outbox", "outcome"],
)
LOGIN_FAILURES = Counter(
    "rsi_login_failures",
    "Refused logins, by reason: bad_credentials, throttled (the username is locked).",
    ["reason"],
)

# Reads a service's own tables at scrape time and answers metric families.
Probe = Callable[[AsyncSession], Awaitable[Iterable[Metric]]]


def route_template(scope: Scope) -> str:
    """The matched route's template (``/persons/{person_id}``), never the path itself: one
    series per route, and no identifier in a label. Unmatched paths share one label."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


class MetricsMiddleware:
    """Counts and times every HTTP request by route template (pure ASGI)."""

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        status = 500

        async def send_recording_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_recording_status)
        finally:
            route, method = route_template(scope), scope["method"]
            REQUESTS.labels(self.service, route, method, str(status)).inc()
            REQUEST_DURATION.labels(self.service, route, method).observe(
                time.perf_counter() - began
            )


class _Families(Collector):
    """Metric families already computed (the scrape's probes), for one exposition."""

    def __init__(self, families: Sequence[Metric]) -> None:
        self.families = families

    def collect(self) -> Iterable[Metric]:
        return self.families


def pool_families(engine: AsyncEngine) -> list[Metric]:
    """The process's connection pool: its size, connections in use, idle, in overflow."""
    pool = engine.sync_engine.pool
    families: list[Metric] = []
    for name, help_text, reader in (
        ("rsi_db_pool_size", "Connections the pool keeps.", "size"),
        ("rsi_db_pool_checked_out", "Pool connections in use.", "checkedout"),
        ("rsi_db_pool_checked_in", "Idle pool connections.", "checkedin"),
        ("rsi_db_pool_overflow", "Connections beyond the pool's size.", "overflow"),
    ):
        method = getattr(pool, reader, None)
        if callable(method):
            families.append(GaugeMetricFamily(name, help_text, value=float(method())))
    return families


async def probe_families(
    sessions: async_sessionmaker[AsyncSession], probes: Sequence[Probe]
) -> list[Metric]:
    """Runs the probes in one read-only transaction, bounded in time: a slow or unreachable
    database costs a missing figure (``rsi_metrics_probe_up`` 0), not a hanging scrape."""
    if not probes:
        return []
    up = 1.0
    families: list[Metric] = []
    try:
        async with asyncio.timeout(PROBE_TIMEOUT_SECONDS), sessions() as session:
            for probe in probes:
                families.extend(await probe(session))
            await session.rollback()
    except Exception as exc:
        logger.warning("metrics probes failed: %s", type(exc).__name__)
        up, families = 0.0, []
    families.append(
        GaugeMetricFamily(
            "rsi_metrics_probe_up", "1 when the database figures could be read.", value=up
        )
    )
    return families


def exposition(families: Sequence[Metric]) -> Response:
    """The process's counters followed by ``families``, in Prometheus' text format."""
    scrape = CollectorRegistry(auto_describe=False)
    scrape.register(_Families(families))
    body = generate_latest(REGISTRY) + generate_latest(scrape)
    return Response(body, media_type=CONTENT_TYPE_LATEST)


def authorized(request: Request, token: str) -> bool:
    """No token configured: open (the gateways refuse the path). Else a matching bearer."""
    if not token:
        return True
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.encode(), token.encode())


def metrics_endpoint(
    token: str,
    engine: Callable[[Request], AsyncEngine],
    sessions: Callable[[Request], async_sessionmaker[AsyncSession]],
    probes: Sequence[Probe],
) -> Callable[[Request], Awaitable[Response]]:
    """The ``/metrics`` handler of a service app or of the worker."""

    async def metrics(request: Request) -> Response:
        if not authorized(request, token):
            return PlainTextResponse("Unauthorized\n", status_code=401)
        families = [*pool_families(engine(request))]
        families.extend(await probe_families(sessions(request), probes))
        return exposition(families)

    return metrics


# Probes over the platform's shared table shapes ---------------------------------------------


def _age_seconds(column: str) -> str:
    return f"COALESCE(EXTRACT(EPOCH FROM now() - MIN({column})), 0)"


def job_table_probe(table: str) -> Probe:
    """A service's job table (:class:`~services.shared.jobs.JobColumns`): jobs queued or
    running, and the oldest queued one's age, per kind."""

    async def probe(session: AsyncSession) -> Iterable[Metric]:
        jobs = GaugeMetricFamily(
            "rsi_jobs",
            "Jobs not finished, by table, kind and status.",
            labels=["table", "kind", "status"],
        )
        oldest = GaugeMetricFamily(
            "rsi_jobs_oldest_queued_seconds",
            "Age of the oldest queued job, by table and kind.",
            labels=["table", "kind"],
        )
        rows = await session.execute(
            text(
                f"SELECT kind, status, count(*), {_age_seconds('created_at')} FROM {table} "  # noqa: S608
                "WHERE status IN ('queued', 'running') GROUP BY kind, status"
            )
        )
        for kind, status, count, age in rows:
            jobs.add_metric([table, kind, status], float(count))
            if status == "queued":
                oldest.add_metric([table, kind], float(age))
        return [jobs, oldest]

    return probe


def outbox_probe(table: str) -> Probe:
    """A service's outbox (:class:`~services.shared.messaging.outbox.OutboxMixin`): messages
    waiting and failed for good, and the oldest waiting message's age."""

    async def probe(session: AsyncSession) -> Iterable[Metric]:
        messages = GaugeMetricFamily(
            "rsi_outbox_messages",
            "Outbox messages not sent, by outbox and status (pending, failed).",
            labels=["outbox", "status"],
        )
        oldest = GaugeMetricFamily(
            "rsi_outbox_oldest_pending_seconds",
            "Age of the oldest message still waiting for delivery, by outbox.",
            labels=["outbox"],
        )
        counts = dict.fromkeys(("pending", "failed"), 0.0)
        pending_age = 0.0
        rows = await session.execute(
            text(
                f"SELECT status, count(*), {_age_seconds('created_at')} FROM {table} "  # noqa: S608
                "WHERE status IN ('pending', 'failed') GROUP BY status"
            )
        )
        for status, count, age in rows:
            counts[status] = float(count)
            if status == "pending":
                pending_age = float(age)
        for status, count in counts.items():
            messages.add_metric([table, status], count)
        oldest.add_metric([table], pending_age)
        return [messages, oldest]

    return probe


async def queue_probe(session: AsyncSession) -> Iterable[Metric]:
    """The job queue (procrastinate): jobs waiting or running, and how long the oldest one
    due has waited, by queue and task. Jobs scheduled for later are not waiting yet."""
    jobs = GaugeMetricFamily(
        "rsi_queue_jobs",
        "Queue jobs waiting (todo) or running (doing), by queue and task.",
        labels=["queue", "task", "status"],
    )
    oldest = GaugeMetricFamily(
        "rsi_queue_oldest_todo_seconds",
        "How long the oldest due job has waited, by queue and task.",
        labels=["queue", "task"],
    )
    rows = await session.execute(
        text(
            "SELECT j.queue_name, j.task_name, j.status::text, count(*), "
            "COALESCE(EXTRACT(EPOCH FROM now() - MIN(COALESCE(j.scheduled_at, e.at))), 0) "
            "FROM procrastinate_jobs j "
            "LEFT JOIN LATERAL (SELECT min(at) AS at FROM procrastinate_events "
            "  WHERE job_id = j.id AND type = 'deferred') e ON true "
            "WHERE j.status IN ('todo', 'doing') "
            "AND (j.scheduled_at IS NULL OR j.scheduled_at <= now()) "
            "GROUP BY 1, 2, 3"
        )
    )
    for queue, task, status, count, age in rows:
        jobs.add_metric([queue, task, status], float(count))
        if status == "todo":
            oldest.add_metric([queue, task], float(age))
    return [jobs, oldest]
