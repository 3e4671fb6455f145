"""Setting up campaigns: who may, on what, and what each caisse sees."""

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.audit import AuditEvent
from services.shared.auth import Role
from services.shared.settings import Settings
from tests.factories import TokenFactory
from tests.surveys.conftest import SurveyWorld, add_link, create_campaign


async def test_a_manager_surveys_an_action_of_its_caisse_once(
    surveys_client: httpx.AsyncClient, tokens: TokenFactory, world: SurveyWorld
) -> None:
    campaign = await create_campaign(surveys_client, tokens, world.national_v1, world.eig)
    assert (campaign["caisse_code"], campaign["action_id"], campaign["active"]) == (
        "ALPES", world.eig, True
    )  # fmt: skip
    duplicate = await surveys_client.post(
        "/campaigns",
        json={
            "title": "Bis", "action_id": world.eig, "questionnaire_version_id": world.national_v1,
            "sample_count": 10,
        },
        headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
    )  # fmt: skip
    assert duplicate.status_code == 409
    closed = await surveys_client.post(
        f"/campaigns/{campaign['id']}/close", headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    )
    assert closed.json()["active"] is False
    # The national office's campaign for the same action is another one (every caisse).
    national = await create_campaign(
        surveys_client, tokens, world.national_v1, world.eig, role=Role.NATIONAL, caisse=None
    )
    assert national["caisse_code"] is None
    seen_in_bretagne = await surveys_client.get(
        "/campaigns", headers=tokens.headers(Role.COUNSELOR, "BRETAGNE")
    )
    assert [c["id"] for c in seen_in_bretagne.json()] == [national["id"]]


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"sample_share": 0.2, "sample_count": 5}, 422, None),
        ({"sample_share": 1.5}, 422, "sample_share"),
        ({"minimum_per_caisse": -1}, 422, "minimum_per_caisse"),
        ({"caisse_code": "BRETAGNE"}, 422, "caisse_code"),
        ({"action_id": 999_999}, 404, None),
        ({"questionnaire_version_id": 999_999}, 422, "questionnaire_version_id"),
    ],
)
async def test_bad_campaigns_are_refused(
    surveys_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    change: dict[str, object],
    status: int,
    field: str | None,
) -> None:
    body = {
        "title": "Satisfaction", "action_id": world.eig,
        "questionnaire_version_id": world.national_v1, "sample_share": 0.2, **change,
    }  # fmt: skip
    response = await surveys_client.post(
        "/campaigns", json=body, headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    )
    assert response.status_code == status, response.text
    if field:
        assert field in [e["field"] for e in response.json()["errors"]]


async def test_a_draft_version_cannot_be_surveyed_nor_counselors_set_up_campaigns(
    surveys_client: httpx.AsyncClient, tokens: TokenFactory, world: SurveyWorld
) -> None:
    draft = await surveys_client.post(
        "/questionnaires", json={}, headers=tokens.headers(Role.NATIONAL)
    )
    response = await surveys_client.post(
        "/campaigns",
        json={"title": "x", "questionnaire_version_id": draft.json()["id"], "sample_count": 3},
        headers=tokens.headers(Role.NATIONAL),
    )
    assert response.status_code == 422
    assert response.json()["code"] == "questionnaire.not_published"
    counselor = await surveys_client.post(
        "/campaigns",
        json={"title": "x", "questionnaire_version_id": world.national_v1, "sample_count": 3},
        headers=tokens.headers(Role.COUNSELOR, "ALPES"),
    )
    assert counselor.status_code == 403


async def test_the_links_list_is_audited_and_national_users_never_see_it(
    surveys_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    session: AsyncSession,
    settings: Settings,
) -> None:
    national = await create_campaign(
        surveys_client, tokens, world.national_v1, None, role=Role.NATIONAL, caisse=None
    )
    campaign_id = int(str(national["id"]))
    await add_link(session, settings, campaign_id, 1, caisse="ALPES")
    await add_link(session, settings, campaign_id, 2, caisse="BRETAGNE")
    alpes = await surveys_client.get(
        f"/campaigns/{campaign_id}/links", headers=tokens.headers(Role.COUNSELOR, "ALPES")
    )
    assert alpes.status_code == 200
    assert [(i["caisse_code"], i["person_id"]) for i in alpes.json()["items"]] == [("ALPES", 1)]
    assert alpes.json()["total"] == 1
    audited = await session.scalar(
        select(func.count()).where(
            AuditEvent.resource_type == "survey_links", AuditEvent.resource_id == str(campaign_id)
        )
    )
    assert audited == 1
    refused = await surveys_client.get(
        f"/campaigns/{campaign_id}/links", headers=tokens.headers(Role.NATIONAL)
    )
    assert refused.status_code == 403
