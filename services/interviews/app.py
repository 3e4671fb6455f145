"""Interviews: counselors, availability and bookable slots; invitation letters with personal
booking links, emails, SMS and reminders; the interview guide and what each interview
covered; collective meetings; the contact history other services read."""

import asyncio
from contextlib import suppress
from functools import partial

from fastapi import FastAPI

from services.interviews import jobs
from services.interviews.contacts.relay import relay_forever
from services.interviews.contacts.router import router as contacts_router
from services.interviews.deps import link_issuer_of
from services.interviews.guide.router import router as guide_router
from services.interviews.letters.router import router as letters_router
from services.interviews.meetings.router import router as meetings_router
from services.interviews.messaging import worker
from services.interviews.scheduling.router import router as scheduling_router
from services.interviews.selfservice.router import public as public_booking_router
from services.interviews.selfservice.router import staff as capacity_router
from services.shared.app import create_service_app
from services.shared.jobs import JobRunner
from services.shared.messaging.senders import email_sender, sms_provider
from services.shared.peers import PeerClient
from services.shared.service_tokens import ClientCredentialsTokens


async def start_background_work(app: FastAPI) -> None:
    link_issuer_of(app)  # the booking-link secret: production without one does not start
    runner = JobRunner(app.state.sessionmaker)
    await runner.watch(jobs.InterviewsJob)
    app.state.job_runner = runner
    settings = app.state.settings
    if settings.recency_relay_interval_seconds > 0:
        tokens = ClientCredentialsTokens(
            settings.identity_url,
            settings.interviews_client_id,
            settings.interviews_client_secret,
            app.state.http,
        )
        targeting = PeerClient("targeting", settings.targeting_url, app.state.http)
        app.state.recency_relay = asyncio.create_task(
            relay_forever(
                app.state.sessionmaker,
                targeting,
                tokens.current,
                settings.recency_relay_interval_seconds,
            )
        )
    if settings.messaging_interval_seconds > 0:
        app.state.messaging = asyncio.create_task(
            worker.run_forever(
                app.state.sessionmaker,
                link_issuer_of(app),
                email_sender(settings),
                sms_provider(settings, app.state.http),
                settings.messaging_interval_seconds,
            )
        )


async def stop_background_work(app: FastAPI) -> None:
    await app.state.job_runner.stop()
    for name in ("recency_relay", "messaging"):
        task: asyncio.Task[None] | None = getattr(app.state, name, None)
        if task is not None:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task


create_app = partial(
    create_service_app,
    "interviews",
    description=__doc__ or "",
    routers=[
        scheduling_router,
        guide_router,
        letters_router,
        meetings_router,
        contacts_router,
        capacity_router,
        public_booking_router,
        jobs.router,
    ],
    on_startup=start_background_work,
    on_shutdown=stop_background_work,
)
app = create_app()
