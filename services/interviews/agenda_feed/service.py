"""Calendar subscriptions: ``GET <agenda_feed_url><token>.ics`` answers the counselor's
interviews from 30 days ago to 180 days ahead, without any personal data (place, channel,
times), so a calendar application can poll it with no account."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.agenda_feed.models import AgendaFeed
from services.interviews.agenda_feed.schemas import AgendaFeedRead
from services.interviews.scheduling import service as scheduling
from services.interviews.scheduling.models import Counselor
from services.interviews.selfservice.links import LinkKeys, token_hash
from services.shared.errors import NotFound

PAST = timedelta(days=30)
AHEAD = timedelta(days=180)


def _token(keys: LinkKeys, feed: AgendaFeed) -> str:
    return keys.derive(f"agenda:{feed.counselor_id}:{feed.generation}")


def feed_read(feed: AgendaFeed | None, keys: LinkKeys, base_url: str) -> AgendaFeedRead:
    if feed is None or feed.token_hash is None:
        return AgendaFeedRead(url=None, updated_at=feed.updated_at if feed else None)
    return AgendaFeedRead(url=f"{base_url}{_token(keys, feed)}.ics", updated_at=feed.updated_at)


async def current(session: AsyncSession, counselor: Counselor) -> AgendaFeed | None:
    return await session.get(AgendaFeed, counselor.id)


async def renew(session: AsyncSession, keys: LinkKeys, counselor: Counselor) -> AgendaFeed:
    """A new address; the previous one (if any) stops working."""
    feed = await session.get(AgendaFeed, counselor.id, with_for_update=True)
    if feed is None:
        feed = AgendaFeed(counselor_id=counselor.id, generation=0)
        session.add(feed)
    feed.generation += 1
    feed.token_hash = token_hash(_token(keys, feed))
    await session.flush()
    await session.refresh(feed)
    return feed


async def revoke(session: AsyncSession, counselor: Counselor) -> AgendaFeed | None:
    feed = await session.get(AgendaFeed, counselor.id, with_for_update=True)
    if feed is not None:
        feed.token_hash = None
        await session.flush()
        await session.refresh(feed)
    return feed


async def calendar(session: AsyncSession, token: str, now: datetime) -> bytes:
    """The subscribed calendar; an unknown or revoked address is a 404."""
    counselor = await session.scalar(
        select(Counselor)
        .join(AgendaFeed, AgendaFeed.counselor_id == Counselor.id)
        .where(AgendaFeed.token_hash == token_hash(token))
    )
    if counselor is None:
        raise NotFound(
            "Cette adresse d'agenda n'existe pas ou a été révoquée.", code="agenda_feed.not_found"
        )
    now = now.astimezone(UTC)
    rows = await scheduling.counselor_interviews(session, counselor, now - PAST, now + AHEAD)
    return scheduling.agenda_ics(counselor, rows, await scheduling.sites_of(session, rows))
