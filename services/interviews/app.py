"""Interviews: counselors, availability and bookable slots; invitation letters with personal
booking links, emails, SMS and reminders; the interview guide and what each interview
covered; collective meetings; the contact history other services read."""

from functools import partial

from fastapi import FastAPI

from services.interviews import jobs
from services.interviews.activity.router import router as activity_router
from services.interviews.agenda_feed.router import public as public_agenda_feed_router
from services.interviews.agenda_feed.router import router as agenda_feed_router
from services.interviews.contacts.router import router as contacts_router
from services.interviews.followups.router import router as followups_router
from services.interviews.guide.router import router as guide_router
from services.interviews.letters.router import router as letters_router
from services.interviews.meetings.router import router as meetings_router
from services.interviews.metrics import PROBES
from services.interviews.scheduling.router import router as scheduling_router
from services.interviews.selfservice.links import link_issuer_of
from services.interviews.selfservice.router import public as public_booking_router
from services.interviews.selfservice.router import staff as capacity_router
from services.shared.app import create_service_app


async def load_link_secret(app: FastAPI) -> None:
    """The booking-link secret, at start-up: production without one does not start."""
    link_issuer_of(app)


create_app = partial(
    create_service_app,
    "interviews",
    description=__doc__ or "",
    routers=[
        scheduling_router,
        agenda_feed_router,
        guide_router,
        followups_router,
        letters_router,
        meetings_router,
        contacts_router,
        activity_router,
        capacity_router,
        public_booking_router,
        public_agenda_feed_router,
        jobs.router,
    ],
    on_startup=load_link_secret,
    metrics_probes=PROBES,
)
app = create_app()
