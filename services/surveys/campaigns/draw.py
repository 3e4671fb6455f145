"""The draw: who is surveyed among the contacts completed since the last draw.

It reads the interviews service's feed of completed contacts from a stored cursor, applies
each matching campaign's sampling rule (:mod:`.sampling`) and issues one link per person and
campaign. It runs periodically in the background and on demand (``POST /draws/run``).

Each drawn person is read from targeting: someone opposed to contact is not surveyed (no link;
the sampling goes on to the next person), the others are sent their link by email and SMS
(:mod:`services.surveys.messaging`), queued in the same transaction as the links. Any failure
(interviews or targeting unavailable) fails the whole draw: nothing written, cursor unmoved.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Principal
from services.shared.errors import Conflict
from services.shared.settings import Settings
from services.surveys.campaigns.models import Campaign, DrawCursor, Link
from services.surveys.campaigns.sampling import SamplingRule, draw
from services.surveys.campaigns.schemas import ContactEvent, DrawReport
from services.surveys.campaigns.service import answer_url, new_link
from services.surveys.gateways import InterviewsGateway, TargetingGateway
from services.surveys.messaging.service import (
    Directory,
    LinkDelivery,
    link_messages,
    queue_messages,
)

FEED = "contact-events"
FEED_PAGE = 1000
MAX_PAGES_PER_RUN = 20


@dataclass
class _Tally:
    links_issued: int = 0
    messages_queued: int = 0
    links_without_address: int = 0
    opted_out: int = 0


@dataclass
class _Campaigns:
    """The active campaigns, found by (caisse, action): a caisse's own campaign for an action
    takes precedence over the national one."""

    by_key: dict[tuple[str | None, int | None], Campaign]

    def for_event(self, event: ContactEvent) -> Campaign | None:
        return self.by_key.get((event.caisse_code, event.action_id)) or self.by_key.get(
            (None, event.action_id)
        )


async def _lock_cursor(session: AsyncSession) -> DrawCursor:
    await session.execute(
        insert(DrawCursor)
        .values(name=FEED, after=0)
        .on_conflict_do_nothing(index_elements=["name"])
    )
    cursor = await session.scalar(
        select(DrawCursor).where(DrawCursor.name == FEED).with_for_update(skip_locked=True)
    )
    if cursor is None:
        raise Conflict(
            "Un tirage est déjà en cours ; réessayez dans un instant.", code="survey.draw_running"
        )
    return cursor


async def _drawn_counts(
    session: AsyncSession, keys: Sequence[tuple[int, str]]
) -> dict[tuple[int, str], int]:
    if not keys:
        return {}
    rows = await session.execute(
        select(Link.campaign_id, Link.caisse_code, func.count())
        .where(tuple_(Link.campaign_id, Link.caisse_code).in_(keys))
        .group_by(Link.campaign_id, Link.caisse_code)
    )
    return {(campaign, caisse): count for campaign, caisse, count in rows.all()}


async def _already_linked(
    session: AsyncSession, pairs: Sequence[tuple[int, int]]
) -> set[tuple[int, int]]:
    if not pairs:
        return set()
    rows = await session.execute(
        select(Link.campaign_id, Link.person_id).where(
            tuple_(Link.campaign_id, Link.person_id).in_(pairs)
        )
    )
    return set(rows.all())


async def run_draw(
    session: AsyncSession,
    settings: Settings,
    interviews: InterviewsGateway,
    targeting: TargetingGateway,
    caller: Principal,
    now: datetime | None = None,
) -> DrawReport:
    """Reads the completed contacts since the stored cursor and draws, for each matching
    active campaign, who is surveyed (one link per person and campaign), queuing the messages
    that carry the links. The cursor row is locked: two draws never run at once, and a failed
    draw moves nothing."""
    now = now or datetime.now(UTC)
    directory = Directory(targeting, caller)
    tally = _Tally()
    cursor = await _lock_cursor(session)
    campaigns = _Campaigns(
        {
            (c.caisse_code, c.action_id): c
            for c in await session.scalars(select(Campaign).where(Campaign.active))
        }
    )
    events_read = 0
    for _ in range(MAX_PAGES_PER_RUN):
        feed = await interviews.contact_events(caller, cursor.after, FEED_PAGE)
        events = feed.items
        events_read += len(events)
        await _draw_page(session, settings, campaigns, directory, events, now, tally)
        cursor.after = feed.next_after
        if len(events) < FEED_PAGE:
            break
    cursor.updated_at = now
    await session.flush()
    return DrawReport(
        events_read=events_read,
        links_issued=tally.links_issued,
        messages_queued=tally.messages_queued,
        links_without_address=tally.links_without_address,
        opted_out=tally.opted_out,
        next_after=cursor.after,
    )


async def _draw_page(
    session: AsyncSession,
    settings: Settings,
    campaigns: _Campaigns,
    directory: Directory,
    events: list[ContactEvent],
    now: datetime,
    tally: _Tally,
) -> None:
    matched = [(e, c) for e in events if (c := campaigns.for_event(e)) is not None]
    linked = await _already_linked(session, [(c.id, e.person_id) for e, c in matched])
    drawn = await _drawn_counts(session, sorted({(c.id, e.caisse_code) for e, c in matched}))
    deliveries: list[LinkDelivery] = []
    for event, campaign in matched:
        if (campaign.id, event.person_id) in linked:
            continue
        rule = SamplingRule(
            campaign.sample_share, campaign.sample_count, campaign.minimum_per_caisse
        )
        key = (campaign.id, event.caisse_code)
        reason = draw(rule, campaign.id, event.person_id, drawn.get(key, 0))
        if reason is None:
            continue
        recipient = await directory.recipient(event.person_id)
        if recipient is not None and recipient.opted_out:
            # Not surveyed, and not counted as drawn: the next person takes the place.
            tally.opted_out += 1
            linked.add((campaign.id, event.person_id))  # once per page
            continue
        link, token = new_link(campaign, event, reason, settings, now)
        session.add(link)
        deliveries.append(LinkDelivery(link, answer_url(settings, token), recipient))
        linked.add((campaign.id, event.person_id))
        drawn[key] = drawn.get(key, 0) + 1
    await session.flush()  # the links' ids, for the messages
    messages = []
    for delivery in deliveries:
        carried = await link_messages(directory, delivery)
        if not carried:
            tally.links_without_address += 1
        messages.extend(carried)
    tally.links_issued += len(deliveries)
    tally.messages_queued += await queue_messages(session, messages)
