"""Reporting against the real targeting, interviews and surveys apps over ASGI (no stand-ins):
their figures flow through, and a complete bilan can be submitted."""

from datetime import date

import httpx
from fastapi import FastAPI

from services.shared.auth import Role
from tests.conftest import RunJobs
from tests.factories import TokenFactory
from tests.reporting.conftest import YEAR


async def test_bilan_from_the_real_services(
    reporting_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    tokens: TokenFactory,
    action_ids: dict[str, int],
    run_jobs: RunJobs,
) -> None:
    """The creators' guide sent to the 2 ALPES creators: letters_sent 2 of 2 targeted."""
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    started = await targeting_client.post(
        f"/actions/{action_ids['CREATEURS']}/target-lists", json={}, headers=manager
    )
    await run_jobs()
    letters = await interviews_client.post(
        "/letter-contacts",
        json={"target_list_id": started.json()["list"]["id"], "sent_on": "2011-06-01"},
        headers=manager,
    )
    assert letters.status_code == 202, letters.text
    await run_jobs()

    response = await reporting_client.get(f"/v1/bilans/{YEAR}/ALPES", headers=manager)
    assert response.status_code == 200, response.text
    bilan = response.json()
    actions = {a["action_code"]: a for a in bilan["actions"]}
    assert {code: (a["targeted"], a["listed"]) for code, a in actions.items()} == {
        "CREATEURS": (2, 2), "EIG": (4, 4), "RENCONTRE_AE": (1, 0), "RENCONTRE_CS": (4, 0),
    }  # fmt: skip
    creators = actions["CREATEURS"]
    assert (creators["letters_sent"], creators["realisation_rate"]) == (2, 1.0)
    assert (actions["EIG"]["held"], actions["EIG"]["invited"]) == (0, 0)
    assert bilan["missing"] == []
    assert all(a["satisfaction"] is None for a in actions.values())  # no survey answers yet
    assert date.fromisoformat(bilan["deadline"]) == date(2012, 1, 31)
    submitted = await reporting_client.post(f"/v1/bilans/{YEAR}/ALPES/submit", headers=manager)
    assert submitted.status_code == 200, submitted.text
    assert (submitted.json()["version"], submitted.json()["totals"]["letters_sent"]) == (1, 2)
