"""Surveys: the national satisfaction questionnaire, campaigns, answer links (sent by email and
SMS) and results."""

import asyncio
import logging
from contextlib import suppress
from functools import partial

from fastapi import FastAPI

from services.shared.app import create_service_app
from services.shared.db import request_transaction
from services.shared.messaging import worker
from services.shared.messaging.senders import email_sender, sms_provider
from services.shared.peers import PeerClient
from services.shared.service_tokens import ClientCredentialsTokens
from services.surveys.answers.router import router as answers_router
from services.surveys.campaigns.draw import run_draw
from services.surveys.campaigns.router import router as campaigns_router
from services.surveys.messaging.models import SurveyOutboxMessage
from services.surveys.questionnaires.router import router as questionnaires_router
from services.surveys.results.router import router as results_router

logger = logging.getLogger(__name__)


async def draw_periodically(app: FastAPI) -> None:
    """The draw, in the background: each failure is logged and the next period retries."""
    settings = app.state.settings
    interviews = PeerClient("interviews", settings.interviews_url, app.state.http)
    targeting = PeerClient("targeting", settings.targeting_url, app.state.http)
    while True:
        await asyncio.sleep(settings.survey_draw_interval_seconds)
        try:
            token = await app.state.service_tokens.current()
            async with app.state.sessionmaker() as session:
                async for unit in request_transaction(session):
                    report = await run_draw(unit, settings, interviews, targeting, token)
            if report.links_issued:
                logger.info(
                    "draw issued %d links (%d messages queued, %d links without address, "
                    "%d people opposed to contact)",
                    report.links_issued,
                    report.messages_queued,
                    report.links_without_address,
                    report.opted_out,
                )
        except Exception:
            logger.warning("background draw failed", exc_info=True)


async def start_background_work(app: FastAPI) -> None:
    settings = app.state.settings
    app.state.service_tokens = ClientCredentialsTokens(
        settings.identity_url,
        settings.surveys_client_id,
        settings.surveys_client_secret,
        app.state.http,
    )
    if settings.survey_draw_interval_seconds > 0:
        app.state.draw_task = asyncio.create_task(draw_periodically(app))
    if settings.messaging_interval_seconds > 0:
        app.state.messaging = asyncio.create_task(
            worker.run_forever(
                app.state.sessionmaker,
                SurveyOutboxMessage,
                email_sender(settings),
                sms_provider(settings, app.state.http),
                settings.messaging_interval_seconds,
            )
        )


async def stop_background_work(app: FastAPI) -> None:
    for name in ("draw_task", "messaging"):
        task: asyncio.Task[None] | None = getattr(app.state, name, None)
        if task is not None:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task


create_app = partial(
    create_service_app,
    "surveys",
    description=__doc__ or "",
    routers=[questionnaires_router, campaigns_router, answers_router, results_router],
    on_startup=start_background_work,
    on_shutdown=stop_background_work,
)
app = create_app()
