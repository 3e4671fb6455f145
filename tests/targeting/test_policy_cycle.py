"""The yearly cycle: next year's socle prepared from this one, published on a date, and each
caisse's regional actions carried over."""

from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Role
from services.targeting.policy.seed import seed_socle_2011
from services.targeting.policy.service import shift_date
from tests.factories import TokenFactory, create_caisses
from tests.targeting.test_policy import regional_action


@pytest.fixture(autouse=True)
async def socle(session: AsyncSession) -> None:
    await create_caisses(session)
    await seed_socle_2011(session)


@pytest.fixture
def national(tokens: TokenFactory) -> dict[str, str]:
    return tokens.headers(Role.NATIONAL)


async def _prepare(
    client: httpx.AsyncClient, headers: dict[str, str], **body: Any
) -> httpx.Response:
    return await client.post(
        "/policy/2012/preparation", json={"from_year": 2011, **body}, headers=headers
    )


async def _socle(
    client: httpx.AsyncClient, headers: dict[str, str], year: int = 2012
) -> dict[str, Any]:
    listed = await client.get(f"/policy/{year}/actions", headers=headers)
    assert listed.status_code == 200, listed.text
    return {action["code"]: action for action in listed.json() if action["national"]}


async def test_next_years_socle_is_a_copy_a_year_later_with_the_age_criteria_moved(
    targeting_client: httpx.AsyncClient, national: dict[str, str]
) -> None:
    prepared = await _prepare(targeting_client, national)
    assert prepared.status_code == 201, prepared.text
    assert prepared.json() == {
        "year": 2012,
        "national_actions": 4,
        "prepared_from": 2011,
        "criteria_shifted": True,
        "published_on": None,
        "published": False,
    }
    before, after = (
        await _socle(targeting_client, national, 2011),
        await _socle(targeting_client, national),
    )
    assert set(after) == set(before) == {"EIG", "CREATEURS", "RENCONTRE_CS", "RENCONTRE_AE"}
    eig = after["EIG"]
    assert eig["target_definition"]["filter"]["birth_years"] == [1953, 1958]
    assert (
        eig["target_definition"]["priorities"] == before["EIG"]["target_definition"]["priorities"]
    )
    assert (eig["calendar_start"], eig["calendar_end"]) == ("2012-07-01", "2013-03-31")
    assert eig["id"] != before["EIG"]["id"] and eig["year"] == 2012
    for code, action in after.items():  # everything else is the same text
        for field in ("title", "content", "tools", "contact_type", "interview_minutes"):
            assert action[field] == before[code][field], (code, field)
    # The copy is the national office's to edit; 2011 stays as it was.
    edited = await targeting_client.patch(
        f"/actions/{eig['id']}", json={"title": "EIG 2013"}, headers=national
    )
    assert edited.status_code == 200, edited.text
    assert (await _socle(targeting_client, national, 2011))["EIG"]["title"] == before["EIG"][
        "title"
    ]


async def test_without_the_shift_the_same_generations_are_targeted(
    targeting_client: httpx.AsyncClient, national: dict[str, str]
) -> None:
    prepared = await _prepare(targeting_client, national, shift_age_criteria=False)
    assert prepared.json()["criteria_shifted"] is False
    eig = (await _socle(targeting_client, national))["EIG"]
    assert eig["target_definition"]["filter"]["birth_years"] == [1952, 1957]
    assert eig["calendar_start"] == "2012-07-01"  # the calendar moves in any case


async def test_caisses_see_the_prepared_socle_only_once_it_is_published(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, national: dict[str, str]
) -> None:
    await _prepare(targeting_client, national)
    eig_id = (await _socle(targeting_client, national))["EIG"]["id"]
    for role in (Role.COUNSELOR, Role.CAISSE_MANAGER):
        caisse = tokens.headers(role, "ALPES")
        assert await _socle(targeting_client, caisse) == {}
        assert (await targeting_client.get(f"/actions/{eig_id}", headers=caisse)).status_code == 404
        years = await targeting_client.get("/policy/years", headers=caisse)
        assert [y["year"] for y in years.json()] == [2011]
    assert [
        y["year"] for y in (await targeting_client.get("/policy/years", headers=national)).json()
    ] == [2012, 2011]

    caisse = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    later = await targeting_client.put(
        "/policy/2012/publication", json={"published_on": tomorrow}, headers=national
    )
    assert later.status_code == 200 and later.json()["published"] is False, later.text
    assert await _socle(targeting_client, caisse) == {}

    today = (date.today() - timedelta(days=1)).isoformat()
    now = await targeting_client.put(
        "/policy/2012/publication", json={"published_on": today}, headers=national
    )
    assert now.json()["published"] is True
    assert set(await _socle(targeting_client, caisse)) == {
        "EIG",
        "CREATEURS",
        "RENCONTRE_CS",
        "RENCONTRE_AE",
    }
    assert (await targeting_client.get(f"/actions/{eig_id}", headers=caisse)).status_code == 200

    withdrawn = await targeting_client.put(
        "/policy/2012/publication", json={"published_on": None}, headers=national
    )
    assert withdrawn.json()["published"] is False
    assert await _socle(targeting_client, caisse) == {}


async def test_preparing_refuses_what_does_not_make_sense(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, national: dict[str, str]
) -> None:
    manager = await _prepare(targeting_client, tokens.headers(Role.CAISSE_MANAGER, "ALPES"))
    assert manager.status_code == 403
    backwards = await targeting_client.post(
        "/policy/2010/preparation", json={"from_year": 2011}, headers=national
    )
    assert backwards.status_code == 422 and backwards.json()["errors"][0]["field"] == "from_year"
    nothing = await targeting_client.post(
        "/policy/2012/preparation", json={"from_year": 2005}, headers=national
    )
    assert nothing.status_code == 404, nothing.text
    assert (await _prepare(targeting_client, national)).status_code == 201
    again = await _prepare(targeting_client, national)
    assert again.status_code == 409 and "2012" in again.json()["detail"]
    assert len(await _socle(targeting_client, national)) == 4  # nothing copied twice
    unprepared = await targeting_client.put(
        "/policy/2011/publication", json={"published_on": None}, headers=national
    )
    assert unprepared.status_code == 404


async def test_a_caisse_carries_over_its_regional_actions(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, national: dict[str, str]
) -> None:
    alpes = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    seniors = {
        **regional_action("SENIORS73"),
        "target_definition": {
            "filter": {
                "birth_year_range": {"start": 1940, "end": 1951},
                "created_between": {"start": "2008-02-29", "end": "2010-12-31"},
            }
        },
    }
    for body in (seniors, regional_action("FORUM")):
        created = await targeting_client.post("/policy/2011/actions", json=body, headers=alpes)
        assert created.status_code == 201, created.text
    await _prepare(targeting_client, national)
    body = {"from_year": 2011}
    unpublished = await targeting_client.post("/policy/2012/carry-over", json=body, headers=alpes)
    assert unpublished.status_code == 404
    await targeting_client.put(
        "/policy/2012/publication",
        json={"published_on": date.today().isoformat()},
        headers=national,
    )

    carried = await targeting_client.post(
        "/policy/2012/carry-over", json={**body, "codes": ["SENIORS73"]}, headers=alpes
    )
    assert carried.status_code == 201, carried.text
    (action,) = carried.json()["created"]
    assert (action["code"], action["caisse_code"], action["year"]) == ("SENIORS73", "ALPES", 2012)
    assert action["target_definition"]["filter"] == {
        "birth_year_range": {"start": 1941, "end": 1952},
        "created_between": {"start": "2009-02-28", "end": "2011-12-31"},
    }
    assert (action["calendar_start"], action["calendar_end"]) == ("2012-09-01", "2012-12-15")

    rest = await targeting_client.post("/policy/2012/carry-over", json=body, headers=alpes)
    assert [a["code"] for a in rest.json()["created"]] == ["FORUM"]
    assert rest.json()["skipped"] == ["SENIORS73"]
    listed = await targeting_client.get("/policy/2012/actions", headers=alpes)
    assert sorted(a["code"] for a in listed.json() if not a["national"]) == ["FORUM", "SENIORS73"]

    bretagne = tokens.headers(Role.CAISSE_MANAGER, "BRETAGNE")
    theirs = await targeting_client.post("/policy/2012/carry-over", json=body, headers=bretagne)
    assert theirs.json() == {"created": [], "skipped": []}
    unknown = await targeting_client.post(
        "/policy/2012/carry-over", json={**body, "codes": ["SENIORS73"]}, headers=bretagne
    )
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "codes"
    counselor = await targeting_client.post(
        "/policy/2012/carry-over", json=body, headers=tokens.headers(Role.COUNSELOR, "ALPES")
    )
    assert counselor.status_code == 403


def test_a_29_february_moves_to_the_28th_in_a_common_year() -> None:
    assert shift_date(date(2012, 2, 29), 1) == date(2013, 2, 28)
    assert shift_date(date(2012, 2, 29), 4) == date(2016, 2, 29)
    assert shift_date(date(2011, 7, 1), 1) == date(2012, 7, 1)
