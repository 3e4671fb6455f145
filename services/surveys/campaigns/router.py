from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, status

from services.shared.audit import AuditOperation, record_audit
from services.shared.auth import CurrentCaisseScope
from services.shared.db import DbSession
from services.shared.errors import NotFound, problem_responses
from services.shared.messaging.outbox import MessageStatus
from services.shared.messaging.schemas import MessagePage
from services.shared.pagination import Page, Pagination
from services.surveys.campaigns import draw, service
from services.surveys.campaigns.schemas import (
    CampaignCreate,
    CampaignRead,
    DrawReport,
    IssuedLink,
    LinkRead,
    StaffLinkRequest,
    SurveyMessage,
)
from services.surveys.deps import (
    Editor,
    Id,
    Interviews,
    LinkHandler,
    Reader,
    ServiceTokens,
    Targeting,
)

router = APIRouter(tags=["campaigns"], responses=problem_responses(401, 403))
SERVICE = "surveys"


@router.get("/campaigns")
async def list_campaigns(
    _: Reader, scope: CurrentCaisseScope, session: DbSession
) -> list[CampaignRead]:
    """The caller's caisse's campaigns and the national ones (all for the national office)."""
    return [CampaignRead.model_validate(c) for c in await service.list_campaigns(session, scope)]


@router.post(
    "/campaigns", status_code=status.HTTP_201_CREATED, responses=problem_responses(404, 409)
)
async def create_campaign(
    body: CampaignCreate, principal: Editor, session: DbSession, targeting: Targeting
) -> CampaignRead:
    """A manager surveys an action in its caisse; the national office in every caisse. The
    action is checked with targeting under the caller's rights (another caisse's is a 404)."""
    if body.action_id is not None:
        await targeting.action(principal, body.action_id)
    return CampaignRead.model_validate(await service.create_campaign(session, principal, body))


@router.get("/campaigns/{campaign_id}", responses=problem_responses(404))
async def get_campaign(
    campaign_id: Id, _: Reader, scope: CurrentCaisseScope, session: DbSession
) -> CampaignRead:
    return CampaignRead.model_validate(await service.get_campaign(session, scope, campaign_id))


@router.post("/campaigns/{campaign_id}/close", responses=problem_responses(404))
async def close_campaign(
    campaign_id: Id, principal: Editor, scope: CurrentCaisseScope, session: DbSession
) -> CampaignRead:
    """No more draws for this campaign; its links stay valid until they expire."""
    campaign = await service.get_campaign(session, scope, campaign_id)
    return CampaignRead.model_validate(await service.close_campaign(session, principal, campaign))


@router.get("/campaigns/{campaign_id}/links", responses=problem_responses(404))
async def list_links(
    campaign_id: Id,
    principal: LinkHandler,
    scope: CurrentCaisseScope,
    session: DbSession,
    page: Pagination,
) -> Page[LinkRead]:
    """Who was drawn (personal data, audited): to print and send their links."""
    campaign = await service.get_campaign(session, scope, campaign_id)
    links, total = await service.list_links(session, scope, campaign, page)
    await record_audit(
        session,
        SERVICE,
        principal,
        AuditOperation.SEARCH,
        "survey_links",
        campaign.id,
        purpose="envoi des questionnaires",
    )
    return Page.of([service.link_read(link) for link in links], total, page)


@router.get("/campaigns/{campaign_id}/messages", responses=problem_responses(404))
async def list_messages(
    campaign_id: Id,
    principal: LinkHandler,
    scope: CurrentCaisseScope,
    session: DbSession,
    page: Pagination,
    status_filter: Annotated[MessageStatus | None, Query(alias="status")] = None,
) -> MessagePage[SurveyMessage]:
    """The emails and SMS carrying the campaign's links in the caller's caisse, latest first
    (``status=failed``: those given up on, with the reason), and the counts of each status.
    About drawn people: audited."""
    campaign = await service.get_campaign(session, scope, campaign_id)
    messages = await service.list_messages(session, scope, campaign, status_filter, page)
    await record_audit(
        session,
        SERVICE,
        principal,
        AuditOperation.SEARCH,
        "survey_messages",
        campaign.id,
        purpose="envoi des questionnaires",
    )
    return messages


@router.post(
    "/campaigns/{campaign_id}/links",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(404, 409, 503),
)
async def issue_link(
    campaign_id: Id,
    body: StaffLinkRequest,
    principal: LinkHandler,
    scope: CurrentCaisseScope,
    session: DbSession,
    request: Request,
    interviews: Interviews,
    tokens: ServiceTokens,
) -> IssuedLink:
    """A link for one completed contact of the campaign's action, outside the sampling (e.g.
    handed over at the end of the interview). The token is shown this once."""
    campaign = await service.get_campaign(session, scope, campaign_id)
    feed = await interviews.contact_events(
        await tokens.current(), after=body.contact_event_id - 1, limit=1
    )
    events = feed.items
    if not events or events[0].id != body.contact_event_id:
        raise NotFound("Contact introuvable.", code="contact.not_found")
    issued = await service.staff_link(
        session, request.app.state.settings, scope, campaign, events[0], datetime.now(UTC)
    )
    await record_audit(
        session,
        SERVICE,
        principal,
        AuditOperation.CREATE,
        "survey_link",
        issued.link.id,
        purpose="lien de questionnaire remis",
    )
    return issued


@router.post("/links/{link_id}/reissue", responses=problem_responses(404, 409))
async def reissue_link(
    link_id: Id,
    principal: LinkHandler,
    scope: CurrentCaisseScope,
    session: DbSession,
    request: Request,
) -> IssuedLink:
    """A new token for the link (the previous one stops working) with its URL and QR code
    to print: tokens are kept hashed, so a link is shown only when (re)issued."""
    link = await service.get_link(session, scope, link_id)
    issued = await service.reissue(session, request.app.state.settings, link, datetime.now(UTC))
    await record_audit(
        session,
        SERVICE,
        principal,
        AuditOperation.UPDATE,
        "survey_link",
        link.id,
        purpose="lien de questionnaire remis",
    )
    return issued


@router.post("/draws/run", responses=problem_responses(409, 503))
async def run_draw(
    _: Editor,
    session: DbSession,
    request: Request,
    interviews: Interviews,
    targeting: Targeting,
    tokens: ServiceTokens,
) -> DrawReport:
    """Draws now (it also runs periodically): reads the contacts completed since the last
    draw, with surveys' own machine client so that every caisse's contacts are read, and
    queues the emails and SMS that send the drawn people their links (their addresses read
    from targeting). Someone opposed to contact is not surveyed."""
    return await draw.run_draw(
        session, request.app.state.settings, interviews, targeting, await tokens.current()
    )
