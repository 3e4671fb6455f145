"""OpenTelemetry traces, off unless ``RSI_OTEL_EXPORTER_OTLP_ENDPOINT`` (or the standard
``OTEL_EXPORTER_OTLP_ENDPOINT``) names a collector: then every process exports its spans by
OTLP/HTTP, with ``service.name`` ``rsi-<service>``.

What is traced: each HTTP request a service answers (FastAPI; not the probes nor
``/metrics``), each SQL statement (SQLAlchemy's engine events, which every query of the
platform and of the job queue goes through), each HTTP call (httpx). The W3C ``traceparent``
goes along: the peer client (:mod:`services.shared.peers`) sends it to the peer, and
:func:`job_trace` stores it in a job's arguments at enqueue, so the worker's run of the job
continues the request's trace (:func:`job_span`). The request id stays what correlates log
lines; traces add the timing.
"""

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI
from opentelemetry import context, metrics, propagate, trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from sqlalchemy.ext.asyncio import AsyncEngine

from services.shared.settings import Settings

logger = logging.getLogger(__name__)
# The job argument carrying the enqueuing request's trace context (popped before the task).
TRACE_ARGUMENT = "_trace"
UNTRACED_PATHS = "healthz,readyz,metrics"
_process: dict[str, TracerProvider] = {}  # the provider instrument_process installed


def tracer_provider(
    service: str, settings: Settings, exporter: SpanExporter | None = None
) -> TracerProvider | None:
    """This process's provider, exporting to ``exporter`` (default: OTLP/HTTP to the
    configured endpoint); ``None`` when tracing is off."""
    if exporter is None:
        if not settings.otel_exporter_otlp_endpoint:
            return None
        endpoint = settings.otel_exporter_otlp_endpoint.rstrip("/") + "/v1/traces"
        exporter = OTLPSpanExporter(endpoint=endpoint)
    provider = TracerProvider(resource=Resource.create({"service.name": f"rsi-{service}"}))
    provider.add_span_processor(BatchSpanProcessor(exporter))
    return provider


def instrument_process(provider: TracerProvider) -> None:
    """Traces every httpx call of this process, and makes ``provider`` the one
    :func:`job_span` and :func:`instrument_engine` use (not the global provider, which can be
    set only once). Once per process."""
    _process["provider"] = provider
    HTTPXClientInstrumentor().instrument(tracer_provider=provider)
    logger.info("tracing on")


def uninstrument_process() -> None:
    _process.clear()
    HTTPXClientInstrumentor().uninstrument()


def instrument_engine(engine: AsyncEngine) -> None:
    """Traces the statements of ``engine`` when tracing is on. The SQLAlchemy
    instrumentation's engine tracer is attached to the engine itself: its global mode wraps
    ``create_async_engine`` in the module, which the platform imported before (and its
    declared range stops before SQLAlchemy 2.1, whose engine events it uses unchanged;
    tests/shared/test_tracing.py checks the SQL spans)."""
    provider = _process.get("provider")
    if provider is None:
        return
    tracer = provider.get_tracer("opentelemetry.instrumentation.sqlalchemy")
    connections = metrics.get_meter("rsi").create_up_down_counter("db.client.connections.usage")
    EngineTracer(tracer, engine.sync_engine, connections)  # type: ignore[no-untyped-call]


def instrument_app(app: FastAPI, provider: TracerProvider) -> None:
    FastAPIInstrumentor.instrument_app(app, tracer_provider=provider, excluded_urls=UNTRACED_PATHS)


def configure_tracing(service: str, settings: Settings, app: FastAPI | None = None) -> None:
    """What a service or the worker calls at start: nothing when tracing is off."""
    provider = tracer_provider(service, settings)
    if provider is None:
        return
    instrument_process(provider)
    if app is not None:
        instrument_app(app, provider)


def inject_trace(headers: dict[str, str]) -> None:
    """Adds the current span's ``traceparent`` (and ``tracestate``) to outgoing headers."""
    propagate.inject(headers)


def job_trace() -> dict[str, Any]:
    """The job arguments carrying the current trace (none outside a traced request)."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return {TRACE_ARGUMENT: carrier} if carrier else {}


@contextmanager
def job_span(task_name: str, carrier: Mapping[str, str] | None) -> Iterator[None]:
    """A span for a job's run, child of the request that enqueued it (``carrier``)."""
    parent = propagate.extract(dict(carrier or {}))
    token = context.attach(parent)
    try:
        tracer = trace.get_tracer("rsi", tracer_provider=_process.get("provider"))
        with tracer.start_as_current_span(f"job {task_name}", kind=trace.SpanKind.CONSUMER):
            yield
    finally:
        context.detach(token)
