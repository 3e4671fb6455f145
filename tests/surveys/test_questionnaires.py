"""Questionnaire versions: the national model, regional questions, immutability once published."""

import httpx

from services.shared.auth import Role
from tests.factories import TokenFactory
from tests.surveys.conftest import SurveyWorld

SCALE = {"type": "scale_1_5", "label": "Le délai de rendez-vous vous a-t-il convenu ?"}


async def test_the_seeded_national_model_is_published_with_the_overall_satisfaction_question(
    surveys_client: httpx.AsyncClient, tokens: TokenFactory, world: SurveyWorld
) -> None:
    response = await surveys_client.get(
        f"/questionnaires/{world.national_v1}", headers=tokens.headers(Role.COUNSELOR)
    )
    assert response.status_code == 200, response.text
    version = response.json()
    assert (version["status"], version["caisse_code"], version["number"]) == ("published", None, 1)
    by_key = {q["key"]: q for q in version["questions"]}
    assert by_key["overall_satisfaction"]["type"] == "scale_1_5"
    assert by_key["commentaire"] == {
        **by_key["commentaire"],
        "type": "free_text",
        "required": False,
    }
    assert {q["type"] for q in version["questions"]} == {
        "scale_1_5",
        "single_choice",
        "multiple_choice",
        "yes_no",
        "free_text",
    }
    assert all(q["national"] for q in version["questions"])


async def test_a_published_version_never_changes_and_publishing_retires_the_previous(
    surveys_client: httpx.AsyncClient, tokens: TokenFactory, world: SurveyWorld
) -> None:
    national = tokens.headers(Role.NATIONAL)
    v1_url = f"/questionnaires/{world.national_v1}"
    refused = await surveys_client.post(f"{v1_url}/questions", json=SCALE, headers=national)
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    first_question = (await surveys_client.get(v1_url, headers=national)).json()["questions"][0]
    edit = await surveys_client.put(
        f"{v1_url}/questions/{first_question['id']}", json=SCALE, headers=national
    )
    assert edit.status_code == 409
    assert (
        await surveys_client.patch(v1_url, json={"title": "x"}, headers=national)
    ).status_code == 409

    draft = await surveys_client.post("/questionnaires", json={}, headers=national)
    assert draft.status_code == 201, draft.text
    v2 = draft.json()
    assert (v2["number"], v2["status"]) == (2, "draft")
    assert [q["key"] for q in v2["questions"]][-2:] == ["overall_satisfaction", "commentaire"]
    second = await surveys_client.post("/questionnaires", json={}, headers=national)
    assert second.status_code == 409  # one draft at a time

    added = await surveys_client.post(
        f"/questionnaires/{v2['id']}/questions", json={**SCALE, "key": "delai"}, headers=national
    )
    assert added.status_code == 201, added.text
    assert added.json()["questions"][-1]["key"] == "delai"
    published = await surveys_client.post(f"/questionnaires/{v2['id']}/publish", headers=national)
    assert published.json()["status"] == "published"
    v1 = (await surveys_client.get(v1_url, headers=national)).json()
    assert v1["status"] == "retired"
    assert len(v1["questions"]) == 7  # the retired version kept its questions
    frozen = await surveys_client.post(
        f"/questionnaires/{v2['id']}/questions", json=SCALE, headers=national
    )
    assert frozen.status_code == 409


async def test_a_caisse_adds_regional_questions_after_the_national_ones_and_cannot_edit_those(
    surveys_client: httpx.AsyncClient, tokens: TokenFactory, world: SurveyWorld
) -> None:
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    national_draft = await surveys_client.post(
        "/questionnaires", json={}, headers=tokens.headers(Role.NATIONAL)
    )
    forbidden = await surveys_client.post(
        f"/questionnaires/{national_draft.json()['id']}/questions", json=SCALE, headers=manager
    )
    assert forbidden.status_code == 403

    regional = await surveys_client.post("/questionnaires", json={}, headers=manager)
    assert regional.status_code == 201, regional.text
    draft = regional.json()
    assert (draft["caisse_code"], draft["base_version_id"]) == ("ALPES", world.national_v1)
    clash = await surveys_client.post(
        f"/questionnaires/{draft['id']}/questions",
        json={**SCALE, "key": "overall_satisfaction"},
        headers=manager,
    )
    assert clash.status_code == 422
    assert clash.json()["errors"][0]["field"] == "key"
    await surveys_client.post(
        f"/questionnaires/{draft['id']}/questions", json=SCALE, headers=manager
    )
    published = await surveys_client.post(f"/questionnaires/{draft['id']}/publish", headers=manager)
    questions = published.json()["questions"]
    assert [q["national"] for q in questions] == [True] * 7 + [False]
    assert questions[-1]["label"] == SCALE["label"]

    other_caisse = tokens.headers(Role.CAISSE_MANAGER, "BRETAGNE")
    foreign = await surveys_client.get(f"/questionnaires/{draft['id']}", headers=other_caisse)
    assert foreign.status_code == 404
    listed = await surveys_client.get("/questionnaires", headers=other_caisse)
    assert draft["id"] not in [v["id"] for v in listed.json()]


async def test_bad_questions_are_422_naming_the_field_and_counselors_cannot_edit(
    surveys_client: httpx.AsyncClient, tokens: TokenFactory, world: SurveyWorld
) -> None:
    national = tokens.headers(Role.NATIONAL)
    draft = (await surveys_client.post("/questionnaires", json={}, headers=national)).json()
    url = f"/questionnaires/{draft['id']}/questions"
    one_option = {"type": "single_choice", "label": "Choix", "options": ["Seul"]}
    response = await surveys_client.post(url, json=one_option, headers=national)
    assert response.status_code == 422
    assert "deux options" in response.json()["detail"]
    unknown_type = await surveys_client.post(
        url, json={"type": "slider", "label": "x"}, headers=national
    )
    assert unknown_type.json()["errors"][0]["field"] == "type"
    mass_assignment = await surveys_client.post(
        url, json={**SCALE, "version_id": world.national_v1}, headers=national
    )
    assert mass_assignment.status_code == 422
    counselor = await surveys_client.post(url, json=SCALE, headers=tokens.headers(Role.COUNSELOR))
    assert counselor.status_code == 403
