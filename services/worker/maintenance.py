"""The queue's and the platform's own upkeep, as periodic tasks: jobs of dead workers taken
again; old finished jobs, expired audit events, login failures and ended sign-in sessions
deleted."""

import logging

from procrastinate import JobContext
from procrastinate.exceptions import ConnectorException

from services.identity.sessions.service import purge_ended_sessions
from services.identity.throttle import purge_expired_login_attempts
from services.shared.audit import purge_expired
from services.shared.queue import QueueTask, periodic_task, queue_app
from services.shared.worker import resources_of

logger = logging.getLogger(__name__)
QUEUE = "platform"
STALLED_TASK = QueueTask("platform.retry_stalled_jobs", queue=QUEUE)
AUDIT_PURGE_TASK = QueueTask("platform.purge_audit", queue=QUEUE)
OLD_JOBS_TASK = QueueTask("platform.remove_old_jobs", queue=QUEUE)
LOGIN_ATTEMPTS_TASK = QueueTask("identity.purge_login_attempts", queue=QUEUE)
FINISHED_JOBS_HOURS = 72


@periodic_task(STALLED_TASK, exclusive=False)
async def retry_stalled_jobs(context: JobContext, timestamp: int) -> None:
    """A job whose worker stopped beating (killed, its machine lost) is queued again, for
    any worker to take; the job's own row shows the new attempt."""
    seconds = resources_of(context).settings.worker_stalled_seconds
    for job in await queue_app.job_manager.get_stalled_jobs(seconds_since_heartbeat=seconds):
        try:
            await queue_app.job_manager.retry_job(job)
        except ConnectorException:  # another sweep (they may overlap) queued it first
            continue
        logger.warning("job %s (%s) of a stopped worker queued again", job.id, job.task_name)


@periodic_task(AUDIT_PURGE_TASK)
async def purge_audit(context: JobContext, timestamp: int) -> None:
    async with resources_of(context).sessions() as session, session.begin():
        purged = await purge_expired(session)
    if purged:
        logger.info("%d audit events past retention purged", purged)


@periodic_task(LOGIN_ATTEMPTS_TASK)
async def purge_login_attempts(context: JobContext, timestamp: int) -> None:
    """Login failures past their window (each identity process also drops some itself),
    and sign-in sessions past their absolute lifetime."""
    async with resources_of(context).sessions() as session, session.begin():
        await purge_expired_login_attempts(session)
        await purge_ended_sessions(session)


@periodic_task(OLD_JOBS_TASK)
async def remove_old_jobs(context: JobContext, timestamp: int) -> None:
    """The queue keeps finished jobs three days (for the operators), then deletes them."""
    await queue_app.job_manager.delete_old_jobs(
        nb_hours=FINISHED_JOBS_HOURS, include_failed=True, include_cancelled=True
    )
