"""Targeting's background work, run by ``rsi worker``: CSV imports, list materialisation and
the compaction of the registry counts."""

import logging
import uuid
from functools import partial

from procrastinate import JobContext

from services.shared.auth import CaisseScope
from services.shared.jobs import run_job
from services.shared.queue import QueueTask, periodic_task, task
from services.shared.worker import resources_of
from services.targeting.registry import service as registry
from services.targeting.registry.models import TargetingJob
from services.targeting.registry.schemas import ImportMode
from services.targeting.stats import aggregate
from services.targeting.targets import service as targets

logger = logging.getLogger(__name__)
COMPACT_COUNTS_TASK = QueueTask("targeting.compact_registry_counts", queue="targeting")


@task(registry.IMPORT_TASK)
async def import_csv(
    context: JobContext, *, job_id: str, caisse_codes: list[str] | None, mode: str
) -> None:
    resources = resources_of(context)
    job = uuid.UUID(job_id)
    scope = CaisseScope(None if caisse_codes is None else frozenset(caisse_codes))
    work = partial(
        registry.run_csv_import,
        resources.sessions,
        resources.storage,
        job_id=job,
        scope=scope,
        mode=ImportMode(mode),
    )
    await run_job(
        resources.sessions,
        TargetingJob,
        job,
        context,
        work,
        on_failure=partial(resources.storage.delete, registry.upload_key(job)),
    )


@task(targets.MATERIALISE_TASK)
async def materialise_list(context: JobContext, *, job_id: str, list_id: str, seed: int) -> None:
    resources = resources_of(context)
    target_list = uuid.UUID(list_id)
    await run_job(
        resources.sessions,
        TargetingJob,
        uuid.UUID(job_id),
        context,
        partial(targets.materialise, resources.sessions, list_id=target_list, seed=seed),
        on_failure=partial(targets.mark_list_failed, resources.sessions, target_list),
    )


@periodic_task(COMPACT_COUNTS_TASK)
async def compact_registry_counts(context: JobContext, timestamp: int) -> None:
    """Folds the counts the registry's changes appended since the last run (exact either
    way: this only keeps the counts small, hence fast to read)."""
    async with resources_of(context).sessions() as session, session.begin():
        kept = await aggregate.compact(session)
    if kept:
        logger.info("registry counts compacted to %d rows", kept)
