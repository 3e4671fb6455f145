"""OpenTelemetry: off by default; when on, a request's trace (W3C traceparent) reaches the
peers it calls and the jobs it enqueues, and the SQL it runs is in it. Spans are read from an
in-memory exporter."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from procrastinate import JobContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, create_async_engine

from services.shared import tracing
from services.shared.auth import Principal, Role
from services.shared.peers import PeerClient
from services.shared.queue import QueueTask, enqueue, task
from services.shared.settings import Settings
from tests.conftest import RunJobs

TRACED = QueueTask("test.traced", queue="test")
runs: list[dict[str, Any]] = []


@task(TRACED)
async def traced_job(context: JobContext, *, marker: str) -> None:
    span = trace.get_current_span().get_span_context()
    runs.append({"marker": marker, "trace_id": span.trace_id})


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.instrument_process(provider)
    try:
        yield exporter
    finally:
        tracing.uninstrument_process()


def _tracer() -> trace.Tracer:
    provider = TracerProvider()
    return provider.get_tracer("test")


def test_tracing_is_off_by_default(settings: Settings) -> None:
    assert settings.otel_exporter_otlp_endpoint == ""
    assert tracing.tracer_provider("targeting", settings) is None
    on = settings.model_copy(update={"otel_exporter_otlp_endpoint": "http://collector:4318"})
    provider = tracing.tracer_provider("targeting", on)
    assert provider is not None
    assert provider.resource.attributes["service.name"] == "rsi-targeting"
    provider.shutdown()


async def test_the_peer_client_sends_the_traceparent() -> None:
    seen: list[httpx.Headers] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers)
        return httpx.Response(200, json={})

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
        peer = PeerClient("targeting", "http://targeting", http)
        principal = Principal("t", Role.NATIONAL, None, "t", frozenset(), "x")
        await peer.get_json("/caisses", principal)  # no span: no header
        with _tracer().start_as_current_span("request") as span:
            await peer.get_json("/caisses", principal)
            trace_id = span.get_span_context().trace_id
    assert "traceparent" not in seen[0]
    version, sent_trace, _, _ = seen[1]["traceparent"].split("-")
    assert version == "00" and int(sent_trace, 16) == trace_id


async def test_a_job_continues_the_trace_of_the_request_that_enqueued_it(
    session: AsyncSession,
    connection: AsyncConnection,
    run_jobs: RunJobs,
    spans: InMemorySpanExporter,
) -> None:
    runs.clear()
    with _tracer().start_as_current_span("request") as span:
        await enqueue(session, TRACED, marker="traced")
        trace_id = span.get_span_context().trace_id
    await enqueue(session, TRACED, marker="untraced")
    args = {
        row.marker: row.args
        for row in await session.execute(
            text(
                "SELECT args->>'marker' AS marker, args FROM procrastinate_jobs "
                "WHERE task_name = 'test.traced'"
            )
        )
    }
    assert args["traced"]["_trace"]["traceparent"].split("-")[1] == f"{trace_id:032x}"
    assert "_trace" not in args["untraced"]
    await run_jobs()
    by_marker = {run["marker"]: run["trace_id"] for run in runs}
    assert by_marker["traced"] == trace_id  # the job's span is in the request's trace
    assert by_marker["untraced"] not in (0, trace_id)  # a trace of its own
    job_spans = [s for s in spans.get_finished_spans() if s.name == "job test.traced"]
    assert len(job_spans) == 2
    assert any(s.parent is not None and s.parent.trace_id == trace_id for s in job_spans)


async def test_a_request_is_traced_with_its_sql_from_an_incoming_traceparent(
    database_url: str, spans: InMemorySpanExporter
) -> None:
    engine = create_async_engine(database_url)
    tracing.instrument_engine(engine)
    app = FastAPI()

    @app.get("/things/{thing_id}")
    async def thing(thing_id: int) -> dict[str, int]:
        async with engine.connect() as connection:
            return {
                "id": (
                    await connection.execute(text("SELECT CAST(:id AS integer)"), {"id": thing_id})
                ).scalar_one()
            }

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(spans))
    tracing.instrument_app(app, provider)
    parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.get("/things/7", headers={"traceparent": parent})).json() == {"id": 7}
        await client.get("/healthz")
    await engine.dispose()
    finished: list[ReadableSpan] = list(spans.get_finished_spans())
    server = next(s for s in finished if s.kind == trace.SpanKind.SERVER)
    assert (
        server.context is not None and server.context.trace_id == 0x0AF7651916CD43DD8448EB211C80319C
    )
    assert (
        server.attributes is not None
        and server.attributes.get("http.route") == "/things/{thing_id}"
    )
    sql = [s for s in finished if (s.attributes or {}).get("db.statement")]
    assert sql and all(
        s.context is not None and s.context.trace_id == server.context.trace_id for s in sql
    )
    assert not any("/healthz" in s.name for s in finished)  # the probes are not traced
