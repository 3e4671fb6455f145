"""Interviews' background work, run by ``rsi worker``: letter campaigns, reminder letters,
letter contacts, and the periodic passes (reminders and the outbox; the recency relay)."""

import logging
import uuid
from datetime import date
from functools import partial
from typing import Any

from procrastinate import JobContext

from services.interviews.contacts.relay import relay_recency
from services.interviews.gateways import TargetingGateway
from services.interviews.jobs import InterviewsJob
from services.interviews.letters import service as letters
from services.interviews.selfservice.links import link_issuer
from services.interviews.selfservice.reminders import remind_and_deliver
from services.shared.jobs import Progress, run_job
from services.shared.queue import QueueTask, periodic_task, task
from services.shared.worker import WorkerResources, resources_of

logger = logging.getLogger(__name__)
SERVICE = "interviews"
MESSAGES_TASK = QueueTask("interviews.deliver_messages", queue=SERVICE)
RECENCY_TASK = QueueTask("interviews.relay_recency", queue=SERVICE)


def _targeting(resources: WorkerResources) -> TargetingGateway:
    return TargetingGateway(resources.peer("targeting"))


@task(letters.CAMPAIGN_TASK)
async def mail_campaign(context: JobContext, *, job_id: str, campaign_id: str) -> None:
    resources = resources_of(context)

    async def work(progress: Progress) -> dict[str, Any]:
        return await letters.mail_campaign(
            resources.sessions,
            resources.storage,
            progress,
            _targeting(resources),
            await resources.caller(SERVICE),
            uuid.UUID(campaign_id),
            link_issuer(resources.settings),
            resources.settings.letters_per_volume,
        )

    await run_job(resources.sessions, InterviewsJob, uuid.UUID(job_id), context, work)


@task(letters.REMINDERS_TASK)
async def remind_campaign(context: JobContext, *, job_id: str, campaign_id: str) -> None:
    resources = resources_of(context)
    work = partial(
        letters.remind_campaign,
        resources.sessions,
        resources.storage,
        job_id=uuid.UUID(job_id),
        campaign_id=uuid.UUID(campaign_id),
    )
    await run_job(resources.sessions, InterviewsJob, uuid.UUID(job_id), context, work)


@task(letters.LETTER_CONTACTS_TASK)
async def record_letter_contacts(
    context: JobContext, *, job_id: str, target_list: dict[str, Any], sent_on: str
) -> None:
    resources = resources_of(context)

    async def work(progress: Progress) -> dict[str, Any]:
        return await letters.record_letter_contacts(
            resources.sessions,
            progress,
            _targeting(resources),
            await resources.caller(SERVICE),
            target_list,
            date.fromisoformat(sent_on),
        )

    await run_job(resources.sessions, InterviewsJob, uuid.UUID(job_id), context, work)


@periodic_task(MESSAGES_TASK)
async def deliver_messages(context: JobContext, timestamp: int) -> None:
    resources = resources_of(context)
    settings = resources.settings
    await remind_and_deliver(
        resources.sessions,
        link_issuer(settings),
        resources.email,
        resources.sms,
        settings.outbox_max_attempts,
    )


@periodic_task(RECENCY_TASK)
async def relay_contacts(context: JobContext, timestamp: int) -> None:
    resources = resources_of(context)
    sent = await relay_recency(
        resources.sessions, _targeting(resources), await resources.caller(SERVICE)
    )
    if sent:
        logger.info("relayed %d contacts to targeting", sent)
