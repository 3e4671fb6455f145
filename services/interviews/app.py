"""Interviews: counselors, availability and bookable slots; invitation letters; the
interview guide and what each interview covered; collective meetings; the contact history
other services read."""

from functools import partial

from fastapi import FastAPI

from services.interviews import jobs
from services.interviews.contacts.router import router as contacts_router
from services.interviews.guide.router import router as guide_router
from services.interviews.letters.router import router as letters_router
from services.interviews.meetings.router import router as meetings_router
from services.interviews.scheduling.router import router as scheduling_router
from services.shared.app import create_service_app
from services.shared.jobs import JobRunner


async def start_job_runner(app: FastAPI) -> None:
    runner = JobRunner(app.state.sessionmaker)
    await runner.fail_abandoned(jobs.InterviewsJob)
    app.state.job_runner = runner


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
        jobs.router,
    ],
    on_startup=start_job_runner,
)
app = create_app()
