"""Surveys' background work, run by ``rsi worker``: the periodic draw over interviews'
contact feed, and the delivery of the drawn people's links."""

import logging

from procrastinate import JobContext

from services.shared.db import request_transaction
from services.shared.messaging.worker import deliver_due
from services.shared.queue import QueueTask, periodic_task
from services.shared.worker import resources_of
from services.surveys.campaigns.draw import run_draw
from services.surveys.gateways import InterviewsGateway, TargetingGateway
from services.surveys.messaging.models import SurveyOutboxMessage

logger = logging.getLogger(__name__)
SERVICE = "surveys"
DRAW_TASK = QueueTask("surveys.draw", queue=SERVICE)
MESSAGES_TASK = QueueTask("surveys.deliver_messages", queue=SERVICE)


@periodic_task(DRAW_TASK)
async def draw(context: JobContext, timestamp: int) -> None:
    resources = resources_of(context)
    async with resources.sessions() as session:
        async for unit in request_transaction(session):
            report = await run_draw(
                unit,
                resources.settings,
                InterviewsGateway(resources.peer("interviews")),
                TargetingGateway(resources.peer("targeting")),
                await resources.caller(SERVICE),
            )
    if report.links_issued:
        logger.info(
            "draw issued %d links (%d messages queued, %d links without address, "
            "%d people opposed to contact)",
            report.links_issued,
            report.messages_queued,
            report.links_without_address,
            report.opted_out,
        )


@periodic_task(MESSAGES_TASK)
async def deliver_messages(context: JobContext, timestamp: int) -> None:
    resources = resources_of(context)
    await deliver_due(
        resources.sessions,
        SurveyOutboxMessage,
        resources.email,
        resources.sms,
        max_attempts=resources.settings.outbox_max_attempts,
    )
