"""Demo availability: a reception site per demo caisse and its counselors' weekly hours."""

from datetime import time

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.scheduling.models import Channel, Counselor, OpeningHours, Site

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
