"""Campaigns and their personal answer links."""

import hashlib
import secrets
from datetime import datetime, timedelta

import segno
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import CaisseScope, Principal
from services.shared.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from services.shared.messaging.outbox import MessageStatus
from services.shared.messaging.schemas import MessageCounts, MessagePage, MessageRead
from services.shared.pagination import PageParams
from services.shared.settings import Settings
from services.surveys.campaigns.models import Campaign, Link
from services.surveys.campaigns.sampling import DrawReason
from services.surveys.campaigns.schemas import (
    CampaignCreate,
    ContactEvent,
    IssuedLink,
    LinkRead,
    SurveyMessage,
)
from services.surveys.messaging.models import SurveyOutboxMessage
from services.surveys.questionnaires.models import QuestionnaireVersion, VersionStatus


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
        raise NotFound("Campagne introuvable.", code="survey.campaign_not_found")
    return campaign


async def create_campaign(
    session: AsyncSession, principal: Principal, body: CampaignCreate
) -> Campaign:
    caisse = _owner(principal)
    version = await session.get(QuestionnaireVersion, body.questionnaire_version_id)
    if version is None or version.caisse_code not in (None, caisse):
        raise Unprocessable(
            "Version de questionnaire inconnue.",
            code="questionnaire.version_not_found",
            errors=_field("questionnaire_version_id"),
        )
    if version.status != VersionStatus.PUBLISHED:
        raise Unprocessable(
            "La version du questionnaire doit être publiée.",
            code="questionnaire.not_published",
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
        raise Conflict(
            f"La campagne {duplicate} interroge déjà cette action ; clôturez-la d'abord.",
            code="survey.duplicate_campaign",
        )
    campaign = Campaign(**body.model_dump(), caisse_code=caisse, created_by=principal.subject)
    session.add(campaign)
    await session.flush()
    await session.refresh(campaign)
    return campaign


def _field(name: str) -> list[FieldError]:
    return [FieldError(field=name, location="body", message="invalide")]


async def close_campaign(
    session: AsyncSession, principal: Principal, campaign: Campaign
) -> Campaign:
    if campaign.caisse_code != _owner(principal):
        raise Forbidden("Seul le propriétaire de la campagne la clôture.", code="survey.owner_only")
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


async def list_messages(
    session: AsyncSession,
    scope: CaisseScope,
    campaign: Campaign,
    status: MessageStatus | None,
    page: PageParams,
) -> MessagePage[SurveyMessage]:
    """The emails and SMS of the campaign's links in the caller's caisses, latest first
    (``status`` filters them), with the counts of each status."""
    of_campaign = (
        select(SurveyOutboxMessage)
        .join(Link, Link.id == SurveyOutboxMessage.link_id)
        .where(Link.campaign_id == campaign.id)
    )
    if scope.caisse_codes is not None:
        of_campaign = of_campaign.where(Link.caisse_code.in_(scope.caisse_codes))
    per_status = of_campaign.with_only_columns(SurveyOutboxMessage.status, func.count())
    counts = MessageCounts.of(
        await session.execute(per_status.group_by(SurveyOutboxMessage.status))
    )
    query = of_campaign.add_columns(Link)
    if status is not None:
        query = query.where(SurveyOutboxMessage.status == status.value)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.execute(
        query.order_by(SurveyOutboxMessage.id.desc()).limit(page.limit).offset(page.offset)
    )
    items = [
        SurveyMessage(
            **MessageRead.fields_of(message),
            link_id=link.id,
            person_id=link.person_id,
            caisse_code=link.caisse_code,
        )
        for message, link in rows
    ]
    return MessagePage[SurveyMessage].of_messages(items, total, page, counts)


async def get_link(session: AsyncSession, scope: CaisseScope, link_id: int) -> Link:
    link = await session.get(Link, link_id)
    if link is None or not scope.allows(link.caisse_code):
        raise NotFound("Lien introuvable.", code="survey.link_not_found")
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
        raise Conflict("Cette personne a déjà répondu.", code="survey.already_answered")
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
        raise NotFound("Contact introuvable.", code="contact.not_found")
    if not matches(campaign, event):
        raise Unprocessable(
            "Ce contact ne relève pas de l'action et de la caisse de la campagne.",
            code="survey.contact_out_of_campaign",
        )
    existing = await session.scalar(
        select(Link.id).where(Link.campaign_id == campaign.id, Link.person_id == event.person_id)
    )
    if existing is not None:
        raise Conflict(
            f"Cette personne a déjà un lien pour cette campagne (lien {existing}).",
            code="survey.link_exists",
        )
    link, token = new_link(campaign, event, DrawReason.STAFF, settings, now)
    session.add(link)
    await session.flush()
    url = answer_url(settings, token)
    return IssuedLink(link=link_read(link), token=token, url=url, qr_svg=qr_svg(url))


def matches(campaign: Campaign, event: ContactEvent) -> bool:
    return campaign.action_id == event.action_id and campaign.caisse_code in (
        None,
        event.caisse_code,
    )
