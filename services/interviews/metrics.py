"""Interviews' figures for ``/metrics``: its jobs, its outbox, and the recency relay's lag."""

from collections.abc import Iterable

from prometheus_client.core import GaugeMetricFamily, Metric
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.contacts.models import Contact, RelayCursor
from services.interviews.contacts.relay import RECENCY
from services.interviews.jobs import InterviewsJob
from services.interviews.messaging.models import OutboxMessage
from services.shared.metrics import Probe, job_table_probe, outbox_probe


async def relay_probe(session: AsyncSession) -> Iterable[Metric]:
    """Contacts not yet relayed to targeting, and how long the oldest one has waited."""
    position = select(RelayCursor.position).where(RelayCursor.name == RECENCY).scalar_subquery()
    count, oldest = (
        await session.execute(
            select(
                func.count(),
                func.coalesce(func.extract("epoch", func.now() - func.min(Contact.recorded_at)), 0),
            ).where(Contact.id > func.coalesce(position, 0))
        )
    ).one()
    return [
        GaugeMetricFamily(
            "rsi_relay_backlog", "Contacts not yet relayed to targeting.", value=float(count)
        ),
        GaugeMetricFamily(
            "rsi_relay_lag_seconds",
            "Age of the oldest contact not yet relayed to targeting.",
            value=float(oldest),
        ),
    ]


PROBES: tuple[Probe, ...] = (
    job_table_probe(InterviewsJob.__tablename__),
    outbox_probe(OutboxMessage.__tablename__),
    relay_probe,
)
