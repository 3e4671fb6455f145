"""Reporting's figures for ``/metrics``: the bilans submitted for the next 31 January
deadline, and that deadline (an alert compares them with targeting's ``rsi_caisses``)."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time

from prometheus_client.core import GaugeMetricFamily, Metric
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.reporting.bilans.models import Bilan
from services.reporting.bilans.service import deadline
from services.shared.local_time import LOCAL_TIME
from services.shared.metrics import Probe


def open_year(today: date) -> int:
    """The year whose bilans are due next: last year's until 31 January, then this year's."""
    return today.year - 1 if today <= deadline(today.year - 1) else today.year


async def bilans_probe(session: AsyncSession) -> Iterable[Metric]:
    year = open_year(datetime.now(LOCAL_TIME).date())
    submitted = await session.scalar(
        select(func.count()).where(Bilan.year == year, Bilan.status == "submitted")
    )
    # The deadline's last second, Paris time.
    due = datetime.combine(deadline(year), time(23, 59, 59), LOCAL_TIME).astimezone(UTC)
    bilans = GaugeMetricFamily(
        "rsi_bilans_submitted", "Regional bilans submitted, by year.", labels=["year"]
    )
    bilans.add_metric([str(year)], float(submitted or 0))
    ends = GaugeMetricFamily(
        "rsi_bilan_deadline_timestamp_seconds",
        "End of the 31 January deadline of the year's bilans (Unix time).",
        labels=["year"],
    )
    ends.add_metric([str(year)], due.timestamp())
    return [bilans, ends]


PROBES: tuple[Probe, ...] = (bilans_probe,)
