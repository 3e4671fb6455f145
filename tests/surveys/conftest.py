"""Surveys fixtures: the caisses, the 2011 socle and the national questionnaire (v1)."""

from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Role
from services.shared.settings import Settings
from services.surveys.campaigns.models import Campaign
from services.surveys.campaigns.sampling import DrawReason
from services.surveys.campaigns.schemas import ContactEvent
from services.surveys.campaigns.service import new_link
from services.surveys.questionnaires.seed import seed_national_questionnaire
from services.targeting.policy.models import PolicyAction
from services.targeting.policy.seed import seed_socle_2011
from tests.factories import TokenFactory, create_caisses


@dataclass(frozen=True)
class SurveyWorld:
    eig: int  # the socle's interview action
    createurs: int  # the socle's letter action
    national_v1: int


@pytest.fixture
async def world(session: AsyncSession) -> SurveyWorld:
    await create_caisses(session)
    await seed_socle_2011(session)
    await seed_national_questionnaire(session)
    rows = await session.execute(select(PolicyAction.code, PolicyAction.id))
    actions = {code: action_id for code, action_id in rows}
    from services.surveys.questionnaires.models import QuestionnaireVersion

    v1 = await session.scalar(select(QuestionnaireVersion.id))
    assert v1 is not None
    return SurveyWorld(eig=actions["EIG"], createurs=actions["CREATEURS"], national_v1=v1)


async def create_campaign(
    client: httpx.AsyncClient,
    tokens: TokenFactory,
    version_id: int,
    action_id: int | None,
    role: Role = Role.CAISSE_MANAGER,
    caisse: str | None = "ALPES",
    **rule: object,
) -> dict[str, object]:
    body = {
        "title": "Satisfaction EIG",
        "action_id": action_id,
        "questionnaire_version_id": version_id,
        **(rule or {"sample_share": 0.5, "minimum_per_caisse": 2}),
    }
    response = await client.post("/campaigns", json=body, headers=tokens.headers(role, caisse))
    assert response.status_code == 201, response.text
    return dict(response.json())


_events = iter(range(1, 1_000_000))


async def add_link(
    session: AsyncSession,
    settings: Settings,
    campaign_id: int,
    person_id: int,
    caisse: str = "ALPES",
    channel: str = "in_person",
    now: datetime | None = None,
) -> str:
    """A link as the draw issues it, for a contact of the campaign's action; its token."""
    campaign = await session.get(Campaign, campaign_id)
    assert campaign is not None
    event = ContactEvent(
        id=next(_events),
        kind="interview",
        caisse_code=caisse,
        person_id=person_id,
        action_id=campaign.action_id,
        channel=channel,
        occurred_at=datetime(2011, 10, 3, 9, tzinfo=UTC),
    )
    link, token = new_link(campaign, event, DrawReason.SAMPLED, settings, now or datetime.now(UTC))
    session.add(link)
    await session.flush()
    return token
