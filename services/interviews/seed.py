"""Demo availability: a reception site per demo caisse and its counselors' weekly hours;
and a few interviews just past, waiting for their outcome."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.scheduling.models import (
    Channel,
    Counselor,
    Interview,
    InterviewEvent,
    InterviewStatus,
    OpeningHours,
    Site,
)

DEMO_COUNSELORS = (
    ("conseiller.alpes", "Claire Conseillère", "ALPES", "Accueil de Chambéry", "Chambéry"),
    ("conseiller2.alpes", "Paul Conseiller", "ALPES", "Accueil de Chambéry", "Chambéry"),
    ("conseiller.bretagne", "Bruno Conseiller", "BRETAGNE", "Accueil de Rennes", "Rennes"),
)
WEEK = range(5)  # Monday to Friday
MORNING = (time(9), time(12))
AFTERNOON = (time(14), time(17))


async def seed_demo_availability(session: AsyncSession) -> None:
    """Creates what is missing: running it again changes nothing."""
    sites: dict[str, Site] = {}
    for username, full_name, caisse, site_name, city in DEMO_COUNSELORS:
        site = sites.get(caisse) or await session.scalar(
            select(Site).where(Site.caisse_code == caisse, Site.name == site_name)
        )
        if site is None:
            site = Site(caisse_code=caisse, name=site_name, address=f"1 place de la Mairie, {city}")
            session.add(site)
            await session.flush()
        sites[caisse] = site
        if await session.scalar(select(Counselor).where(Counselor.username == username)):
            continue
        counselor = Counselor(username=username, full_name=full_name, caisse_code=caisse)
        session.add(counselor)
        await session.flush()
        for weekday in WEEK:
            session.add(
                OpeningHours(
                    counselor_id=counselor.id,
                    site_id=site.id,
                    channel=Channel.IN_PERSON.value,
                    weekday=weekday,
                    starts_at=MORNING[0],
                    ends_at=MORNING[1],
                )
            )
            session.add(
                OpeningHours(
                    counselor_id=counselor.id,
                    site_id=None,
                    channel=Channel.PHONE.value,
                    weekday=weekday,
                    starts_at=AFTERNOON[0],
                    ends_at=AFTERNOON[1],
                )
            )
    await session.flush()


PAST_INTERVIEW = timedelta(minutes=45)
PAST_INTERVIEW_BUFFER = timedelta(minutes=15)
SEED_ACTOR = "system:seed"


async def seed_past_interviews(
    session: AsyncSession,
    *,
    username: str,
    action_id: int,
    person_ids: Sequence[int],
    now: datetime | None = None,
) -> int:
    """Books phone interviews for the counselor in the hours just before ``now``, one per
    person, so the demo has interviews to hold. Those of the last day still waiting for
    their outcome count (the platform started again): only the missing ones are booked,
    at hours still free. Returns how many were booked."""
    counselor = await session.scalar(select(Counselor).where(Counselor.username == username))
    if counselor is None:
        return 0
    now = now or datetime.now(UTC)
    waiting = await session.scalar(
        select(func.count())
        .select_from(Interview)
        .where(
            Interview.counselor_id == counselor.id,
            Interview.status == InterviewStatus.BOOKED.value,
            Interview.during.overlaps(Range(now - timedelta(days=1), now)),
        )
    )
    person_ids = person_ids[: max(0, len(person_ids) - (waiting or 0))]
    hour = now.replace(minute=(now.minute // 15) * 15, second=0, microsecond=0)
    booked = 0
    for step in range(1, 49):
        if booked == len(person_ids):
            break
        start = hour - step * (PAST_INTERVIEW + PAST_INTERVIEW_BUFFER)
        interview = Interview(
            id=uuid.uuid4(),
            caisse_code=counselor.caisse_code,
            counselor_id=counselor.id,
            person_id=person_ids[booked],
            action_id=action_id,
            channel=Channel.PHONE.value,
            site_id=None,
            during=Range(start, start + PAST_INTERVIEW),
            blocked=Range(start, start + PAST_INTERVIEW + PAST_INTERVIEW_BUFFER),
            created_by=SEED_ACTOR,
        )
        try:
            async with session.begin_nested():
                session.add(interview)
                await session.flush()
        except IntegrityError:
            continue  # the counselor already has an interview then
        session.add(
            InterviewEvent(
                interview_id=interview.id,
                actor=SEED_ACTOR,
                kind="booked",
                detail={"start": start.isoformat(), "counselor_id": counselor.id},
            )
        )
        booked += 1
    await session.flush()
    return booked
