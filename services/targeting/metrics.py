"""Targeting's figures for ``/metrics``: its jobs, and the caisses bilans are expected from."""

from collections.abc import Iterable

from prometheus_client.core import GaugeMetricFamily, Metric
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.metrics import Probe, job_table_probe
from services.targeting.caisses.models import Caisse
from services.targeting.registry.models import TargetingJob


async def caisses_probe(session: AsyncSession) -> Iterable[Metric]:
    count = await session.scalar(select(func.count()).select_from(Caisse))
    return [GaugeMetricFamily("rsi_caisses", "Caisses of the network.", value=float(count or 0))]


PROBES: tuple[Probe, ...] = (job_table_probe(TargetingJob.__tablename__), caisses_probe)
