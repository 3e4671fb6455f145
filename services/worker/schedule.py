"""When the periodic tasks run, from the settings. procrastinate defers each period's run
once, whatever the number of workers (a unique row per task and period)."""

from typing import Any

from procrastinate.tasks import Task

from services.identity import tasks as identity
from services.interviews import tasks as interviews
from services.shared.queue import queue_app
from services.shared.settings import Settings
from services.surveys import tasks as surveys
from services.targeting import tasks as targeting
from services.worker import maintenance

MINUTE = 60
HOUR = 60 * MINUTE


def cron_every(seconds: float) -> str:
    """A period as a cron expression (procrastinate reads a sixth field as seconds): it must
    divide a minute or an hour, so that every period has the same length."""
    whole = int(seconds)
    if whole != seconds or whole <= 0:
        raise ValueError(f"a period of {seconds} s is not a whole number of seconds")
    if whole < MINUTE and MINUTE % whole == 0:
        return f"* * * * * */{whole}"
    if whole % MINUTE == 0 and HOUR % whole == 0:
        return f"*/{whole // MINUTE} * * * *"
    raise ValueError(f"a period of {seconds} s divides neither a minute nor an hour")


def schedule(settings: Settings) -> list[tuple[Task[Any, Any, Any], str]]:
    """Registers the periodic tasks the settings switch on; returns them with their cron."""
    every = [
        (interviews.deliver_messages, settings.messaging_interval_seconds),
        (surveys.deliver_messages, settings.messaging_interval_seconds),
        (identity.deliver_messages, settings.messaging_interval_seconds),
        (interviews.relay_contacts, settings.recency_relay_interval_seconds),
        (surveys.draw, settings.survey_draw_interval_seconds),
        (maintenance.retry_stalled_jobs, _sweep_period(settings.worker_stalled_seconds)),
        (targeting.compact_registry_counts, settings.registry_counts_compaction_seconds),
    ]
    plan = [(task, cron_every(seconds)) for task, seconds in every if seconds > 0]
    plan += [
        (maintenance.purge_audit, settings.audit_purge_cron),
        (maintenance.remove_old_jobs, "17 * * * *"),
        (maintenance.purge_login_attempts, "*/10 * * * *"),
    ]
    for task, cron in plan:
        queue_app.periodic(cron=cron)(task)
    return plan


def _sweep_period(stalled_seconds: float) -> int:
    """The stalled-job sweep runs a few times per stall timeout, on a period cron can say."""
    for period in (2, 3, 5, 10, 15, 20, 30, 60):
        if period * 3 >= stalled_seconds:
            return period
    return 60
