"""The national bilan: submission states, consolidation of the versions in force, comparison
of caisses, the live view, the CSV, and who may see it."""

import httpx
import pytest

from services.shared.auth import Role
from tests.exports import csv_dicts
from tests.factories import TokenFactory
from tests.reporting.conftest import LATE, ON_TIME, YEAR, Clock, PeerSwitch, StatsData

pytestmark = pytest.mark.usefixtures("fixture_stats")
NATIONAL = f"/v1/national/{YEAR}"


async def _submit(client: httpx.AsyncClient, tokens: TokenFactory, caisse: str) -> None:
    response = await client.post(
        f"/v1/bilans/{YEAR}/{caisse}/submit", headers=tokens.headers(Role.CAISSE_MANAGER, caisse)
    )
    assert response.status_code == 200, response.text


async def test_consolidates_submitted_bilans_and_flags_late_and_missing_caisses(
    reporting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    clock: Clock,
    stats_data: StatsData,
) -> None:
    national = tokens.headers(Role.NATIONAL)
    await _submit(reporting_client, tokens, "ALPES")
    clock.now = LATE
    await _submit(reporting_client, tokens, "BRETAGNE")
    stats_data.interviews[0]["invited"] = 1000  # after submission: not in the consolidation

    response = await reporting_client.get(NATIONAL, headers=national)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["deadline"], body["deadline_passed"], body["missing"]) == ("2012-01-31", True, [])
    states = {s["caisse_code"]: s for s in body["submissions"]}
    assert len(states) >= 30 and states["ALPES"]["name"]
    assert (states["ALPES"]["state"], states["ALPES"]["version"]) == ("submitted", 1)
    assert states["BRETAGNE"]["state"] == "late"
    assert {s["state"] for c, s in states.items() if c not in ("ALPES", "BRETAGNE")} == {"missing"}
    assert body["counts"] == {
        "submitted": 1, "late": 1, "missing": len(states) - 2, "pending": 0,
    }  # fmt: skip

    consolidated = body["consolidated"]
    assert consolidated["caisses"] == ["ALPES", "BRETAGNE"]
    socle = {row["action_code"]: row for row in consolidated["socle"]}
    eig = socle["EIG"]
    assert (eig["caisses"], eig["targeted"], eig["listed"], eig["invited"]) == (2, 5, 4, 10)
    assert (eig["booked"], eig["held"], eig["no_show"]) == (6, 4, 2)
    assert (eig["realised"], eig["realisation_rate"]) == (4, 0.8)
    assert eig["satisfaction"]["responses"] == 4
    assert eig["satisfaction"]["overall_satisfaction_mean"] == pytest.approx((4.0 * 3 + 3.0) / 4)
    assert (socle["RENCONTRE_CS"]["targeted"], socle["RENCONTRE_CS"]["realised"]) == (5, 3)
    comparison = {c["caisse_code"]: c for c in consolidated["comparison"]}
    assert comparison["ALPES"]["realisation_rates"] == {
        "CREATEURS": 0.5, "EIG": 0.75, "RENCONTRE_AE": 0.0, "RENCONTRE_CS": 0.75,
    }  # fmt: skip
    assert comparison["BRETAGNE"]["realisation_rates"]["EIG"] == 1.0
    assert comparison["BRETAGNE"]["realisation_rates"]["CREATEURS"] is None  # nobody targeted
    assert consolidated["totals"]["targeted"] == 11 + 2 and consolidated["totals"]["realised"] == 8

    live = (await reporting_client.get(f"{NATIONAL}/live", headers=national)).json()
    assert live["missing"] == []
    live_eig = next(r for r in live["consolidated"]["socle"] if r["action_code"] == "EIG")
    assert live_eig["invited"] == 1000 and live_eig["caisses"] >= 30

    exported = await reporting_client.get(f"{NATIONAL}/export.csv", headers=national)
    rows = {r["Caisse"]: r for r in csv_dicts(exported)}
    assert (rows["ALPES"]["État"], rows["ALPES"]["Taux de réalisation EIG"]) == (
        "submitted", "0,7500",
    )  # fmt: skip
    assert rows["BRETAGNE"]["État"] == "late" and rows["CORSE"]["Réalisés"] == ""
    assert rows["ALPES"]["Transmis le"] == "20/01/2012 11:00:00"  # Paris time


async def test_a_reopened_bilan_leaves_the_consolidation_and_etags_follow_changes(
    reporting_client: httpx.AsyncClient, tokens: TokenFactory, clock: Clock
) -> None:
    national = tokens.headers(Role.NATIONAL)
    clock.now = ON_TIME
    first = await reporting_client.get(NATIONAL, headers=national)
    assert {s["state"] for s in first.json()["submissions"]} == {"pending"}
    tag = first.headers["etag"]
    cached = await reporting_client.get(NATIONAL, headers={**national, "If-None-Match": tag})
    assert cached.status_code == 304

    await _submit(reporting_client, tokens, "ALPES")
    changed = await reporting_client.get(NATIONAL, headers={**national, "If-None-Match": tag})
    assert changed.status_code == 200 and changed.json()["consolidated"]["caisses"] == ["ALPES"]

    await reporting_client.post(
        f"/v1/bilans/{YEAR}/ALPES/reopen",
        json={"version": 1, "reason": "Les chiffres de décembre manquent."},
        headers=national,
    )
    reopened = (await reporting_client.get(NATIONAL, headers=national)).json()
    alpes = next(s for s in reopened["submissions"] if s["caisse_code"] == "ALPES")
    assert (alpes["state"], alpes["reopened"], alpes["version"]) == ("pending", True, None)
    assert reopened["consolidated"]["caisses"] == []

    clock.now = LATE  # nothing stored changed, but the deadline has passed
    overdue = await reporting_client.get(NATIONAL, headers=national)
    assert {s["state"] for s in overdue.json()["submissions"]} == {"missing"}
    assert overdue.headers["etag"] != first.headers["etag"]


async def test_partial_national_views_when_peers_are_down(
    reporting_client: httpx.AsyncClient, tokens: TokenFactory, peer_switch: PeerSwitch
) -> None:
    national = tokens.headers(Role.NATIONAL)
    await _submit(reporting_client, tokens, "ALPES")
    peer_switch.surveys_up = False
    live = (await reporting_client.get(f"{NATIONAL}/live", headers=national)).json()
    assert live["missing"] == ["satisfaction"] and live["consolidated"]["totals"]["held"] == 4
    peer_switch.targeting_up = False
    body = (await reporting_client.get(NATIONAL, headers=national)).json()
    assert body["missing"] == ["caisses"]
    assert [(s["caisse_code"], s["state"]) for s in body["submissions"]] == [("ALPES", "submitted")]
    assert body["consolidated"]["socle"][0]["targeted"] is not None  # from the frozen version


@pytest.mark.parametrize(
    ("role", "scope", "expected", "missing"),
    [
        (Role.COUNSELOR, None, 403, None),
        (Role.CAISSE_MANAGER, None, 403, None),
        (Role.NATIONAL, None, 200, []),
        (Role.ADMIN, None, 200, []),
        (Role.SERVICE, "reports:read targeting:read", 200, []),
        (Role.SERVICE, "reports:read", 200, ["caisses"]),
        (Role.SERVICE, "stats:read", 403, None),
    ],
)
async def test_national_bilan_access(
    reporting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    role: Role,
    scope: str | None,
    expected: int,
    missing: list[str] | None,
) -> None:
    response = await reporting_client.get(NATIONAL, headers=tokens.headers(role, scope=scope))
    assert response.status_code == expected, response.text
    if missing is not None:
        assert response.json()["missing"] == missing
