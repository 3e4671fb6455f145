"""Answering through a personal link: the form, validation, single use, expiry, re-issue."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.audit import AuditEvent
from services.shared.auth import Role
from services.shared.settings import Settings
from services.surveys.answers.models import Answer, Response
from services.surveys.campaigns.models import Link
from services.surveys.campaigns.service import hash_token
from tests.factories import TokenFactory
from tests.surveys.conftest import SurveyWorld, add_link, create_campaign

VALID: dict[str, Any] = {
    "accueil": 5,
    "clarte": 4,
    "utilite": "Plutôt utiles",
    "canal": True,
    "sujets": ["Retraite", "Prévention"],
    "overall_satisfaction": 4,
    "commentaire": "Conseillère très à l'écoute.",
}


@pytest.fixture
async def token(
    surveys_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    session: AsyncSession,
    settings: Settings,
) -> str:
    campaign = await create_campaign(surveys_client, tokens, world.national_v1, world.eig)
    return await add_link(session, settings, int(str(campaign["id"])), person_id=42)


async def test_the_form_shows_the_questionnaire_and_nothing_personal(
    surveys_client: httpx.AsyncClient, token: str
) -> None:
    response = await surveys_client.get(f"/answer/{token}")
    assert response.status_code == 200, response.text
    form = response.json()
    assert set(form) == {"title", "introduction", "caisse_code", "expires_at", "questions"}
    assert form["caisse_code"] == "ALPES"
    assert [q["key"] for q in form["questions"]] == list(VALID)
    assert "42" not in response.text.replace(form["expires_at"], "")


async def test_a_link_is_single_use(
    surveys_client: httpx.AsyncClient, token: str, session: AsyncSession
) -> None:
    first = await surveys_client.post(f"/answer/{token}", json={"answers": VALID})
    assert first.status_code == 200, first.text
    again = await surveys_client.post(f"/answer/{token}", json={"answers": VALID})
    assert again.status_code == 410
    assert again.headers["content-type"] == "application/problem+json"
    assert again.json()["detail"].startswith("Ce questionnaire a déjà été rempli")
    assert (await surveys_client.get(f"/answer/{token}")).status_code == 410
    assert await session.scalar(select(func.count()).select_from(Response)) == 1
    scores = set(await session.scalars(select(Answer.score).where(Answer.score.is_not(None))))
    assert scores == {5, 4, 1}  # accueil, clarte/overall, canal=yes


async def test_an_expired_link_is_gone_and_an_unknown_one_is_404(
    surveys_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    session: AsyncSession,
    settings: Settings,
) -> None:
    campaign = await create_campaign(surveys_client, tokens, world.national_v1, world.eig)
    issued_long_ago = datetime.now(UTC) - timedelta(days=settings.survey_link_ttl_days, minutes=1)
    old = await add_link(session, settings, int(str(campaign["id"])), 7, now=issued_long_ago)
    expired = await surveys_client.post(f"/answer/{old}", json={"answers": VALID})
    assert expired.status_code == 410
    assert "expiré" in expired.json()["detail"]
    fresh = await add_link(
        session, settings, int(str(campaign["id"])), 8, now=issued_long_ago + timedelta(minutes=2)
    )
    assert (await surveys_client.get(f"/answer/{fresh}")).status_code == 200
    unknown = await surveys_client.get("/answer/" + "x" * 43)
    assert unknown.status_code == 404
    assert "n'existe pas" in unknown.json()["detail"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"accueil": 6}, "answers.accueil"),
        ({"accueil": "5"}, "answers.accueil"),
        ({"accueil": True}, "answers.accueil"),
        ({"canal": "oui"}, "answers.canal"),
        ({"utilite": "Indispensable"}, "answers.utilite"),
        ({"sujets": ["Retraite", "Retraite"]}, "answers.sujets"),
        ({"sujets": ["Fiscalité"]}, "answers.sujets"),
        ({"commentaire": "x" * 2001}, "answers.commentaire"),
        ({"overall_satisfaction": None}, "answers.overall_satisfaction"),
        ({"inconnue": 3}, "answers.inconnue"),
    ],
)
async def test_a_wrong_or_missing_answer_is_422_naming_the_question_and_spends_nothing(
    surveys_client: httpx.AsyncClient,
    token: str,
    session: AsyncSession,
    change: dict[str, Any],
    field: str,
) -> None:
    response = await surveys_client.post(f"/answer/{token}", json={"answers": {**VALID, **change}})
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert field in response.json()["detail"]
    link = await session.scalar(select(Link).where(Link.token_hash == hash_token(token)))
    assert link is not None and link.answered_at is None
    assert (
        await surveys_client.post(f"/answer/{token}", json={"answers": VALID})
    ).status_code == 200


async def test_optional_questions_may_be_left_blank(
    surveys_client: httpx.AsyncClient, token: str
) -> None:
    answers = {**VALID, "sujets": [], "commentaire": "  "}
    assert (
        await surveys_client.post(f"/answer/{token}", json={"answers": answers})
    ).status_code == 200


async def test_staff_reissue_a_link_with_a_qr_code_the_old_token_stops_working(
    surveys_client: httpx.AsyncClient, tokens: TokenFactory, token: str, session: AsyncSession
) -> None:
    link = await session.scalar(select(Link).where(Link.token_hash == hash_token(token)))
    assert link is not None
    reissued = await surveys_client.post(
        f"/links/{link.id}/reissue", headers=tokens.headers(Role.COUNSELOR, "ALPES")
    )
    assert reissued.status_code == 200, reissued.text
    body = reissued.json()
    assert body["url"].endswith(f"/questionnaire/{body['token']}")
    assert body["qr_svg"].startswith("<svg") and "</svg>" in body["qr_svg"]
    assert (await surveys_client.get(f"/answer/{token}")).status_code == 404
    assert (await surveys_client.get(f"/answer/{body['token']}")).status_code == 200
    audited = await session.scalar(
        select(func.count()).where(
            AuditEvent.resource_type == "survey_link", AuditEvent.resource_id == str(link.id)
        )
    )
    assert audited == 1
    foreign = await surveys_client.post(
        f"/links/{link.id}/reissue", headers=tokens.headers(Role.COUNSELOR, "BRETAGNE")
    )
    assert foreign.status_code == 404
    national = await surveys_client.post(
        f"/links/{link.id}/reissue", headers=tokens.headers(Role.NATIONAL)
    )
    assert national.status_code == 403
