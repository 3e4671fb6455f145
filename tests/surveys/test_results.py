"""Results against hand-computed figures: distributions, means, response rates, filters,
the national consolidation, comments, the CSV export and the /stats contract."""

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Role
from services.shared.settings import Settings
from tests.exports import csv_table
from tests.factories import TokenFactory
from tests.surveys.conftest import SurveyWorld, add_link, create_campaign

ALPES_ANSWERS: list[tuple[str, dict[str, Any]]] = [
    (
        "in_person",
        {
            "accueil": 5, "clarte": 4, "utilite": "Très utiles", "canal": True,
            "sujets": ["Retraite", "Prévention"], "overall_satisfaction": 5,
            "commentaire": "Parfait", "delai": 3,
        },
    ),
    (
        "in_person",
        {
            "accueil": 3, "clarte": 2, "utilite": "Plutôt utiles", "canal": False,
            "sujets": [], "overall_satisfaction": 4, "commentaire": "", "delai": 5,
        },
    ),
    (
        "phone",
        {
            "accueil": 4, "clarte": 4, "utilite": "Très utiles", "canal": True,
            "sujets": ["Retraite"], "overall_satisfaction": 2, "commentaire": "Trop long",
            "delai": 4,
        },
    ),
]  # fmt: skip
BRETAGNE_ANSWERS = {
    "accueil": 1, "clarte": 1, "utilite": "Pas utiles du tout", "canal": False,
    "overall_satisfaction": 1,
}  # fmt: skip


@pytest.fixture
def min_answers(surveys_app: FastAPI) -> Iterator[Callable[[int], None]]:
    """Sets the national minimum of answers per cell for the surveys app."""
    original: Settings = surveys_app.state.settings

    def set_minimum(minimum: int) -> None:
        changed = original.model_copy(update={"survey_min_answers_per_cell": minimum})
        surveys_app.state.settings = changed

    yield set_minimum
    surveys_app.state.settings = original


@pytest.fixture(autouse=True)
def every_answer_shown(min_answers: Callable[[int], None]) -> None:
    """The figures below are computed by hand over a handful of answers: no minimum."""
    min_answers(1)


@pytest.fixture
async def answered(
    surveys_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    session: AsyncSession,
    settings: Settings,
) -> dict[str, int]:
    """ALPES (regional question 'delai'): 4 links, 3 answers; BRETAGNE: 1 link, 1 answer."""
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    regional = (await surveys_client.post("/questionnaires", json={}, headers=manager)).json()
    await surveys_client.post(
        f"/questionnaires/{regional['id']}/questions",
        json={"type": "scale_1_5", "label": "Délai de rendez-vous", "key": "delai"},
        headers=manager,
    )
    await surveys_client.post(f"/questionnaires/{regional['id']}/publish", headers=manager)
    alpes = await create_campaign(surveys_client, tokens, regional["id"], world.eig)
    bretagne = await create_campaign(
        surveys_client, tokens, world.national_v1, world.eig, caisse="BRETAGNE"
    )
    for person, (channel, answers) in enumerate(ALPES_ANSWERS, start=1):
        token = await add_link(session, settings, int(str(alpes["id"])), person, channel=channel)
        response = await surveys_client.post(f"/answer/{token}", json={"answers": answers})
        assert response.status_code == 200, response.text
    await add_link(session, settings, int(str(alpes["id"])), 99)  # never answered
    token = await add_link(session, settings, int(str(bretagne["id"])), 50, caisse="BRETAGNE")
    assert (
        await surveys_client.post(f"/answer/{token}", json={"answers": BRETAGNE_ANSWERS})
    ).status_code == 200
    return {"alpes": int(str(alpes["id"])), "bretagne": int(str(bretagne["id"]))}


def by_key(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q["key"]: q for q in results["questions"]}


def counts(question: dict[str, Any]) -> dict[str, int]:
    return {d["value"]: d["count"] for d in question["distribution"]}


async def test_a_caisse_results_match_the_hand_computed_figures(
    surveys_client: httpx.AsyncClient, tokens: TokenFactory, answered: dict[str, int]
) -> None:
    response = await surveys_client.get("/results", headers=tokens.headers(Role.COUNSELOR, "ALPES"))
    assert response.status_code == 200, response.text
    results = response.json()
    assert (results["links_issued"], results["responses"]) == (4, 3)
    assert results["response_rate"] == pytest.approx(0.75)
    questions = by_key(results)
    overall = questions["overall_satisfaction"]
    assert overall["answered"] == 3
    assert overall["mean"] == pytest.approx(11 / 3)
    assert counts(overall) == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}
    assert [d["share"] for d in overall["distribution"]] == pytest.approx(
        [0, 1 / 3, 0, 1 / 3, 1 / 3]
    )
    assert questions["clarte"]["mean"] == pytest.approx(10 / 3)
    assert counts(questions["canal"]) == {"yes": 2, "no": 1}
    assert questions["canal"]["mean"] is None
    assert counts(questions["utilite"]) == {
        "Très utiles": 2, "Plutôt utiles": 1, "Peu utiles": 0, "Pas utiles du tout": 0
    }  # fmt: skip
    sujets = questions["sujets"]
    assert sujets["answered"] == 2  # the empty answer is no answer
    assert counts(sujets)["Retraite"] == 2 and counts(sujets)["Prévention"] == 1
    assert next(d for d in sujets["distribution"] if d["value"] == "Retraite")["share"] == 1.0
    assert questions["commentaire"]["answered"] == 2
    assert questions["delai"]["national"] is False
    assert questions["delai"]["mean"] == pytest.approx(4.0)
    assert [q["key"] for q in results["questions"]][-1] == "delai"  # regional after national


async def test_filters_by_channel_action_and_the_national_consolidation(
    surveys_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    answered: dict[str, int],
) -> None:
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    phone = (await surveys_client.get("/results?channel=phone", headers=manager)).json()
    assert (phone["links_issued"], phone["responses"]) == (1, 1)
    assert by_key(phone)["overall_satisfaction"]["mean"] == 2
    other_action = await surveys_client.get(
        "/results", params={"action_id": world.createurs}, headers=manager
    )
    assert other_action.json()["responses"] == 0

    national = tokens.headers(Role.NATIONAL)
    everything = (await surveys_client.get("/results?national_only=true", headers=national)).json()
    assert (everything["links_issued"], everything["responses"]) == (5, 4)
    assert "delai" not in by_key(everything)
    overall = by_key(everything)["overall_satisfaction"]
    assert overall["mean"] == pytest.approx((5 + 4 + 2 + 1) / 4)
    bretagne = await surveys_client.get("/results?caisse_code=BRETAGNE", headers=national)
    assert by_key(bretagne.json())["overall_satisfaction"]["mean"] == 1
    with_regional = (await surveys_client.get("/results", headers=national)).json()
    assert by_key(with_regional)["delai"]["answered"] == 3


async def test_a_caisse_cannot_read_another_caisse_results(
    surveys_client: httpx.AsyncClient, tokens: TokenFactory, answered: dict[str, int]
) -> None:
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    foreign = await surveys_client.get("/results?caisse_code=BRETAGNE", headers=manager)
    assert foreign.status_code == 404
    campaign = await surveys_client.get(f"/campaigns/{answered['bretagne']}", headers=manager)
    assert campaign.status_code == 404
    links = await surveys_client.get(f"/campaigns/{answered['bretagne']}/links", headers=manager)
    assert links.status_code == 404
    stats = await surveys_client.get("/stats?caisse_code=BRETAGNE", headers=manager)
    assert stats.status_code == 404


async def test_comments_are_listed_without_their_author(
    surveys_client: httpx.AsyncClient, tokens: TokenFactory, answered: dict[str, int]
) -> None:
    response = await surveys_client.get(
        "/results/comments", headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    )
    page = response.json()
    assert page["total"] == 2
    assert {c["text"] for c in page["items"]} == {"Parfait", "Trop long"}
    # Neither date nor channel: with few answers, they would tell who wrote what.
    assert set(page["items"][0]) == {
        "question_key", "question_label", "text", "caisse_code", "action_id"
    }  # fmt: skip


async def test_below_the_minimum_of_answers_results_and_comments_are_withheld(
    surveys_client: httpx.AsyncClient,
    tokens: TokenFactory,
    answered: dict[str, int],
    min_answers: Callable[[int], None],
) -> None:
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    min_answers(3)  # ALPES: 3 respondents, 2 of them to the comment, 1 by phone
    results = (await surveys_client.get("/results", headers=manager)).json()
    assert results["min_answers"] == 3
    overall = by_key(results)["overall_satisfaction"]
    assert (overall["masked"], overall["mean"], overall["answered"]) == (False, 11 / 3, 3)
    sujets = by_key(results)["sujets"]  # answered twice
    assert (sujets["masked"], sujets["mean"], sujets["distribution"]) == (True, None, [])
    comments = (await surveys_client.get("/results/comments", headers=manager)).json()
    assert (comments["total"], comments["items"]) == (0, [])  # 2 comments < 3
    phone = (await surveys_client.get("/results?channel=phone", headers=manager)).json()
    assert all(q["masked"] or q["answered"] == 0 for q in phone["questions"])

    min_answers(2)
    comments = (await surveys_client.get("/results/comments", headers=manager)).json()
    assert comments["total"] == 2


async def test_caisses_compared_on_response_rate_and_scores_above_the_minimum(
    surveys_client: httpx.AsyncClient,
    tokens: TokenFactory,
    answered: dict[str, int],
    min_answers: Callable[[int], None],
) -> None:
    min_answers(2)
    response = await surveys_client.get("/results/caisses", headers=tokens.headers(Role.NATIONAL))
    assert response.status_code == 200, response.text
    page = response.json()
    rows = {row["caisse_code"]: row for row in page["items"]}
    assert page["min_answers"] == 2
    alpes, bretagne = rows["ALPES"], rows["BRETAGNE"]
    assert (alpes["links_issued"], alpes["responses"], alpes["masked"]) == (4, 3, False)
    assert alpes["response_rate"] == pytest.approx(0.75)
    assert alpes["overall_satisfaction_mean"] == pytest.approx(11 / 3)
    assert alpes["satisfied_share"] == pytest.approx(2 / 3)
    # One answer in BRETAGNE: its rate is shown, its scores are not.
    assert (bretagne["responses"], bretagne["response_rate"], bretagne["masked"]) == (1, 1.0, True)
    assert bretagne["overall_satisfaction_mean"] is bretagne["satisfied_share"] is None

    manager = await surveys_client.get(
        "/results/caisses", headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    )
    assert [row["caisse_code"] for row in manager.json()["items"]] == ["ALPES"]


async def test_the_csv_export_holds_every_answer_and_no_personal_data(
    surveys_client: httpx.AsyncClient, tokens: TokenFactory, answered: dict[str, int]
) -> None:
    response = await surveys_client.get(
        "/results/answers.csv", headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    )
    rows = csv_table(response)
    assert rows[0] == [
        "Réponse", "Date", "Caisse", "Action", "Canal", "Question", "Libellé", "Valeur"
    ]  # fmt: skip
    assert len(rows) - 1 == 8 + 6 + 8  # blank optional answers are not stored
    assert {r[2] for r in rows[1:]} == {"ALPES"}
    assert sorted(r[7] for r in rows[1:] if r[5] == "canal") == ["non", "oui", "oui"]
    assert "Retraite | Prévention" in [r[7] for r in rows[1:]]
    assert len({r[0] for r in rows[1:]}) == 3


async def test_stats_follow_the_contract(
    surveys_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    answered: dict[str, int],
) -> None:
    reporting = tokens.headers(Role.SERVICE, scope="stats:read")
    response = await surveys_client.get(
        "/stats", params={"action_id": world.eig}, headers=reporting
    )
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert items == [
        {
            "caisse_code": "ALPES", "action_id": world.eig, "links_issued": 4, "responses": 3,
            "response_rate": 0.75, "overall_satisfaction_mean": pytest.approx(11 / 3),
            "satisfied_share": pytest.approx(2 / 3),
        },
        {
            "caisse_code": "BRETAGNE", "action_id": world.eig, "links_issued": 1, "responses": 1,
            "response_rate": 1.0, "overall_satisfaction_mean": 1.0, "satisfied_share": 0.0,
        },
    ]  # fmt: skip
    counselor = await surveys_client.get("/stats", headers=tokens.headers(Role.COUNSELOR, "ALPES"))
    assert [i["caisse_code"] for i in counselor.json()["items"]] == ["ALPES"]
    none = await surveys_client.get(
        "/stats", params={"action_id": world.createurs}, headers=reporting
    )
    assert none.json() == {"items": []}
    unscoped = await surveys_client.get(
        "/stats", headers=tokens.headers(Role.SERVICE, scope="targeting:read")
    )
    assert unscoped.status_code == 403


async def test_spontaneous_interviews_are_surveyed_and_counted_apart(
    surveys_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: SurveyWorld,
    session: AsyncSession,
    settings: Settings,
    answered: dict[str, int],
) -> None:
    spontaneous = await create_campaign(surveys_client, tokens, world.national_v1, None)
    token = await add_link(session, settings, int(str(spontaneous["id"])), 77)
    answers = {**BRETAGNE_ANSWERS, "overall_satisfaction": 5}
    assert (
        await surveys_client.post(f"/answer/{token}", json={"answers": answers})
    ).status_code == 200
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    alone = (await surveys_client.get("/results?spontaneous=true", headers=manager)).json()
    assert (alone["links_issued"], alone["responses"]) == (1, 1)
    with_eig = await surveys_client.get(
        "/results", params={"action_id": world.eig, "spontaneous": "true"}, headers=manager
    )
    assert with_eig.json()["responses"] == 3 + 1
    stats = (await surveys_client.get("/stats", headers=manager)).json()["items"]
    assert [(i["action_id"], i["responses"]) for i in stats] == [(None, 1), (world.eig, 3)]
    assert stats[0]["overall_satisfaction_mean"] == 5.0


@pytest.mark.parametrize(
    "query", ["action_id=99999999999999999999", "campaign_id=9223372036854775808", "channel=fax"]
)
async def test_bad_filters_are_422_before_any_csv_is_streamed(
    surveys_client: httpx.AsyncClient, tokens: TokenFactory, world: SurveyWorld, query: str
) -> None:
    response = await surveys_client.get(
        f"/results/answers.csv?{query}", headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
