"""Campaigns, the draw over completed contacts, and the answer links it issues."""

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import segno
from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import CaisseScope, Principal
from services.shared.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from services.shared.pagination import PageParams
from services.shared.peers import PeerClient
from services.shared.settings import Settings
from services.surveys.campaigns.models import Campaign, DrawCursor, Link
from services.surveys.campaigns.sampling import DrawReason, SamplingRule, draw
from services.surveys.campaigns.schemas import (
    CampaignCreate,
    DrawReport,
    IssuedLink,
    LinkRead,
)
from services.surveys.questionnaires.models import QuestionnaireVersion, VersionStatus

FEED = "contact-events"
FEED_PAGE = 1000
MAX_PAGES_PER_RUN = 20


class ContactEvent(BaseModel):
    """An item of interviews' ``GET /contact-events`` (a completed contact)."""

    model_config = ConfigDict(extra="ignore")

    id: int
    kind: str
    caisse_code: str
    person_id: int
    action_id: int | None
    channel: str | None
    occurred_at: datetime


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh unguessable token (256 bits) and the hash that is stored."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def _owner(principal: Principal) -> str | None:
    return principal.caisse_code if principal.is_caisse_bound else None


def _visible(scope: CaisseScope, campaign: Campaign) -> bool:
    return campaign.caisse_code is None or scope.allows(campaign.caisse_code)


async def list_campaigns(session: AsyncSession, scope: CaisseScope) -> list[Campaign]:
    query = select(Campaign)
    if scope.caisse_codes is not None:
        query = query.where(
            Campaign.caisse_code.is_(None) | Campaign.caisse_code.in_(scope.caisse_codes)
        )
    return list(await session.scalars(query.order_by(Campaign.active.desc(), Campaign.id.desc())))


async def get_campaign(session: AsyncSession, scope: CaisseScope, campaign_id: int) -> Campaign:
    campaign = await session.get(Campaign, campaign_id)
    if campaign is None or not _visible(scope, campaign):
        raise NotFound("Campaign not found.")
    return campaign


async def create_campaign(
    session: AsyncSession, principal: Principal, body: CampaignCreate
) -> Campaign:
    caisse = _owner(principal)
    version = await session.get(QuestionnaireVersion, body.questionnaire_version_id)
    if version is None or version.caisse_code not in (None, caisse):
        raise Unprocessable(
            "Unknown questionnaire version.", errors=_field("questionnaire_version_id")
        )
    if version.status != VersionStatus.PUBLISHED:
        raise Unprocessable(
            "The questionnaire version must be published.",
            errors=_field("questionnaire_version_id"),
        )
    duplicate = await session.scalar(
        select(Campaign.id).where(
            Campaign.active,
            Campaign.caisse_code.is_(None) if caisse is None else Campaign.caisse_code == caisse,
            Campaign.action_id.is_(None)
            if body.action_id is None
            else Campaign.action_id == body.action_id,
        )
    )
    if duplicate is not None:
        raise Conflict(f"Campaign {duplicate} already surveys this action; close it first.")
    campaign = Campaign(**body.model_dump(), caisse_code=caisse, created_by=principal.subject)
    session.add(campaign)
    await session.flush()
    await session.refresh(campaign)
    return campaign


def _field(name: str) -> list[FieldError]:
    return [FieldError(field=name, location="body", message="invalid")]


async def close_campaign(
    session: AsyncSession, principal: Principal, campaign: Campaign
) -> Campaign:
    if campaign.caisse_code != _owner(principal):
        raise Forbidden("Only the campaign's owner closes it.")
    campaign.active = False
    await session.flush()
    return campaign


def link_read(link: Link) -> LinkRead:
    return LinkRead.model_validate(
        {
            **{k: getattr(link, k) for k in LinkRead.model_fields if k != "answered"},
            "answered": link.answered_at is not None,
        }
    )


async def list_links(
    session: AsyncSession, scope: CaisseScope, campaign: Campaign, page: PageParams
) -> tuple[list[Link], int]:
    query = select(Link).where(Link.campaign_id == campaign.id)
    if scope.caisse_codes is not None:
        query = query.where(Link.caisse_code.in_(scope.caisse_codes))
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(Link.id.desc()).limit(page.limit).offset(page.offset)
    )
    return list(rows), total


async def get_link(session: AsyncSession, scope: CaisseScope, link_id: int) -> Link:
    link = await session.get(Link, link_id)
    if link is None or not scope.allows(link.caisse_code):
        raise NotFound("Link not found.")
    return link


def answer_url(settings: Settings, token: str) -> str:
    return f"{settings.public_answer_url}{token}"


def qr_svg(url: str) -> str:
    return str(segno.make(url, error="m").svg_inline(scale=4, title="Lien du questionnaire"))


async def reissue(
    session: AsyncSession, settings: Settings, link: Link, now: datetime
) -> IssuedLink:
    """A new token (the previous one stops working) and a new expiry, shown this once."""
    if link.answered_at is not None:
        raise Conflict("This person has already answered.")
    token, link.token_hash = new_token()
    link.expires_at = now + timedelta(days=settings.survey_link_ttl_days)
    await session.flush()
    url = answer_url(settings, token)
    return IssuedLink(link=link_read(link), token=token, url=url, qr_svg=qr_svg(url))


def new_link(
    campaign: Campaign, event: ContactEvent, reason: DrawReason, settings: Settings, now: datetime
) -> tuple[Link, str]:
    """A link for the contact (to add to the session) and its token, to show at most once."""
    token, token_hash = new_token()
    link = Link(
        campaign_id=campaign.id,
        caisse_code=event.caisse_code,
        action_id=event.action_id,
        person_id=event.person_id,
        contact_event_id=event.id,
        contact_kind=event.kind,
        channel=event.channel,
        occurred_at=event.occurred_at,
        reason=reason.value,
        token_hash=token_hash,
        issued_at=now,
        expires_at=now + timedelta(days=settings.survey_link_ttl_days),
    )
    return link, token


async def staff_link(
    session: AsyncSession,
    settings: Settings,
    scope: CaisseScope,
    campaign: Campaign,
    event: ContactEvent,
    now: datetime,
) -> IssuedLink:
    """A link for one completed contact, issued by a staff member (outside the sampling)."""
    if not scope.allows(event.caisse_code):
        raise NotFound("Contact not found.")
    if not _matches(campaign, event):
        raise Unprocessable("This contact is not one of the campaign's action and caisse.")
    existing = await session.scalar(
        select(Link.id).where(Link.campaign_id == campaign.id, Link.person_id == event.person_id)
    )
    if existing is not None:
        raise Conflict(f"This person already has a link for this campaign (link {existing}).")
    link, token = new_link(campaign, event, DrawReason.STAFF, settings, now)
    session.add(link)
    await session.flush()
    url = answer_url(settings, token)
    return IssuedLink(link=link_read(link), token=token, url=url, qr_svg=qr_svg(url))


def _matches(campaign: Campaign, event: ContactEvent) -> bool:
    return campaign.action_id == event.action_id and campaign.caisse_code in (
        None,
        event.caisse_code,
    )


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
        raise Conflict("A draw is already running; try again in a moment.")
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
    interviews: PeerClient,
    caller: Principal,
    now: datetime | None = None,
) -> DrawReport:
    """Reads the completed contacts since the stored cursor and draws, for each matching
    active campaign, who is surveyed (one link per person and campaign). The cursor row is
    locked: two draws never run at once, and a failed draw moves nothing."""
    now = now or datetime.now(UTC)
    cursor = await _lock_cursor(session)
    campaigns = _Campaigns(
        {
            (c.caisse_code, c.action_id): c
            for c in await session.scalars(select(Campaign).where(Campaign.active))
        }
    )
    events_read = links_issued = 0
    for _ in range(MAX_PAGES_PER_RUN):
        feed = await interviews.get_json(
            "/contact-events", caller, params={"after": cursor.after, "limit": FEED_PAGE}
        )
        events = [ContactEvent.model_validate(item) for item in feed["items"]]
        events_read += len(events)
        links_issued += await _draw_page(session, settings, campaigns, events, now)
        cursor.after = int(feed["next_after"])
        if len(events) < FEED_PAGE:
            break
    cursor.updated_at = now
    await session.flush()
    return DrawReport(events_read=events_read, links_issued=links_issued, next_after=cursor.after)


async def _draw_page(
    session: AsyncSession,
    settings: Settings,
    campaigns: _Campaigns,
    events: list[ContactEvent],
    now: datetime,
) -> int:
    matched = [(e, c) for e in events if (c := campaigns.for_event(e)) is not None]
    linked = await _already_linked(session, [(c.id, e.person_id) for e, c in matched])
    drawn = await _drawn_counts(session, sorted({(c.id, e.caisse_code) for e, c in matched}))
    issued = 0
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
        link, _token = new_link(campaign, event, reason, settings, now)
        session.add(link)
        linked.add((campaign.id, event.person_id))
        drawn[key] = drawn.get(key, 0) + 1
        issued += 1
    await session.flush()
    return issued
