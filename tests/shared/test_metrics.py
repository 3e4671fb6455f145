"""``/metrics`` in-process: the database figures say what the tables hold (an outbox message
waiting for two hours, one failed; a job waiting in the queue), requests are counted by route
template, and a configured token is required."""

from datetime import UTC, datetime, timedelta

import httpx
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from services.interviews.messaging.models import OutboxMessage
from services.shared.auth import TokenVerifier
from services.shared.metrics import exposition, probe_families, queue_probe
from services.shared.queue import QueueTask, enqueue
from services.shared.settings import Settings
from services.shared.storage import Storage
from services.targeting.app import create_app as create_targeting_app
from tests.conftest import _wire_app

WAITING = QueueTask("test.metrics_waiting", queue="test")


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def _message(key: str, status: str, age: timedelta) -> OutboxMessage:
    return OutboxMessage(
        dedupe_key=key,
        channel="email",
        recipient="personne@example.fr",
        subject="s",
        body="b",
        attachments=[],
        caisse_code="ALPES",
        status=status,
        attempts=0,
        created_at=datetime.now(UTC) - age,
    )


async def test_the_outbox_figures_are_what_the_table_holds(
    interviews_client: httpx.AsyncClient, session: AsyncSession
) -> None:
    session.add_all(
        [
            _message("metrics-old", "pending", timedelta(hours=2)),
            _message("metrics-new", "pending", timedelta(minutes=1)),
            _message("metrics-failed", "failed", timedelta(days=1)),
            _message("metrics-sent", "sent", timedelta(days=3)),
        ]
    )
    await session.flush()
    figures = samples((await interviews_client.get("/metrics")).text)
    outbox = "interviews_outbox_message"
    pending = ("rsi_outbox_messages", frozenset({("outbox", outbox), ("status", "pending")}))
    failed = ("rsi_outbox_messages", frozenset({("outbox", outbox), ("status", "failed")}))
    assert figures[pending] == 2 and figures[failed] == 1
    oldest = figures[("rsi_outbox_oldest_pending_seconds", frozenset({("outbox", outbox)}))]
    assert 7190 < oldest < 7400
    assert figures[("rsi_metrics_probe_up", frozenset())] == 1


async def test_the_queue_figures_count_a_waiting_job(session: AsyncSession) -> None:
    await enqueue(session, WAITING, marker="x")
    sessions = async_sessionmaker(bind=await session.connection(), expire_on_commit=False)
    body = bytes(exposition(await probe_families(sessions, (queue_probe,))).body).decode()
    figures = samples(body)
    labels = {("queue", "test"), ("task", WAITING.name)}
    assert figures[("rsi_queue_jobs", frozenset({*labels, ("status", "todo")}))] == 1
    assert figures[("rsi_queue_oldest_todo_seconds", frozenset(labels))] < 60


async def test_requests_are_counted_by_route_template(targeting_client: httpx.AsyncClient) -> None:
    await targeting_client.get("/caisses/ALPES")  # 401 without a token
    await targeting_client.get("/no/such/path")
    figures = samples((await targeting_client.get("/metrics")).text)
    routes = {
        dict(labels).get("route") for name, labels in figures if name == "rsi_http_requests_total"
    }
    assert "/caisses/{code}" in routes
    assert "unmatched" in routes
    assert not any(r and "ALPES" in r for r in routes)


async def test_a_configured_token_is_required(
    settings: Settings, connection: AsyncConnection, verifier: TokenVerifier, storage: Storage
) -> None:
    guarded = settings.model_copy(update={"metrics_token": SecretStr("scrape-secret")})
    app = _wire_app(create_targeting_app(settings=guarded), connection, verifier, storage)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.get("/metrics")).status_code == 401
        wrong = await client.get("/metrics", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        right = await client.get("/metrics", headers={"Authorization": "Bearer scrape-secret"})
        assert right.status_code == 200
