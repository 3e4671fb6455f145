"""Every figure of a regional bilan against the hand-counted fixture (tests/reporting/conftest),
and partial results when a peer is down."""

import httpx
import pytest

from services.shared.auth import Role
from tests.exports import csv_dicts
from tests.factories import TokenFactory
from tests.reporting.conftest import YEAR, PeerSwitch

pytestmark = pytest.mark.usefixtures("fixture_stats")


async def _bilan(client: httpx.AsyncClient, tokens: TokenFactory, caisse: str = "ALPES") -> dict:  # type: ignore[type-arg]
    response = await client.get(
        f"/v1/bilans/{YEAR}/{caisse}", headers=tokens.headers(Role.CAISSE_MANAGER, caisse)
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_every_figure_of_the_regional_bilan(
    reporting_client: httpx.AsyncClient, tokens: TokenFactory, fixture_stats: dict[str, int]
) -> None:
    bilan = await _bilan(reporting_client, tokens)
    assert (bilan["status"], bilan["version"], bilan["missing"]) == ("draft", None, [])
    assert (bilan["deadline"], bilan["late"], bilan["previous_versions"]) == (
        "2012-01-31",
        False,
        0,
    )
    actions = {a["action_code"]: a for a in bilan["actions"]}
    assert list(actions) == ["CREATEURS", "EIG", "RENCONTRE_AE", "RENCONTRE_CS"]

    eig = actions["EIG"]
    assert eig["action_id"] == fixture_stats["EIG"]
    assert (eig["contact_type"], eig["national"]) == ("individual_interview", True)
    assert (eig["targeted"], eig["listed"], eig["invited"]) == (4, 4, 10)
    assert eig["channels"] == [
        {"channel": "in_person", "booked": 3, "held": 2, "no_show": 1, "cancelled": 1},
        {"channel": "phone", "booked": 1, "held": 1, "no_show": 0, "cancelled": 0},
    ]
    assert (eig["booked"], eig["held"], eig["no_show"]) == (4, 3, 1)
    assert (eig["realised"], eig["realisation_rate"]) == (3, 0.75)
    assert eig["satisfaction"] == {
        "links_issued": 4,
        "responses": 3,
        "response_rate": 0.75,
        "overall_satisfaction_mean": 4.0,
        "satisfied_share": pytest.approx(2 / 3),
    }

    letters = actions["CREATEURS"]
    assert (letters["targeted"], letters["listed"], letters["letters_sent"]) == (2, 0, 1)
    assert (letters["realised"], letters["realisation_rate"]) == (1, 0.5)
    assert letters["channels"] == [] and letters["satisfaction"] is None

    meetings = actions["RENCONTRE_CS"]
    assert meetings["targeted"] == 4
    assert (meetings["meetings_held"], meetings["meeting_registrations"]) == (1, 5)
    assert (meetings["meeting_attendance"], meetings["realisation_rate"]) == (3, 0.75)
    assert meetings["satisfaction"]["satisfied_share"] == 1.0

    idle = actions["RENCONTRE_AE"]  # no activity at all: zeros, not nulls
    assert (idle["targeted"], idle["meeting_attendance"], idle["realisation_rate"]) == (1, 0, 0.0)
    assert (idle["held"], idle["invited"], idle["satisfaction"]) == (0, 0, None)

    totals = bilan["totals"]
    assert {k: v for k, v in totals.items() if k not in ("satisfaction", "realisation_rate")} == {
        "targeted": 11,
        "invited": 10,
        "booked": 4,
        "held": 3,
        "no_show": 1,
        "meetings_held": 1,
        "meeting_attendance": 3,
        "letters_sent": 1,
        "realised": 7,
    }
    assert totals["realisation_rate"] == pytest.approx(7 / 11)
    assert totals["satisfaction"] == {
        "links_issued": 6,
        "responses": 4,
        "response_rate": pytest.approx(4 / 6),
        "overall_satisfaction_mean": pytest.approx((4.0 * 3 + 5.0) / 4),
        "satisfied_share": pytest.approx(0.75),
    }
    assert bilan["qualitative"] == {"difficulties": "", "local_actions": "", "priorities": ""}


async def test_another_caisse_gets_only_its_own_figures(
    reporting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    bilan = await _bilan(reporting_client, tokens, "BRETAGNE")
    eig = next(a for a in bilan["actions"] if a["action_code"] == "EIG")
    assert (eig["targeted"], eig["held"], eig["no_show"], eig["realisation_rate"]) == (1, 1, 1, 1.0)
    assert bilan["totals"]["satisfaction"]["overall_satisfaction_mean"] == 3.0


async def test_a_peer_down_leaves_its_figures_missing_not_the_report(
    reporting_client: httpx.AsyncClient, tokens: TokenFactory, peer_switch: PeerSwitch
) -> None:
    peer_switch.surveys_up = False
    bilan = await _bilan(reporting_client, tokens)
    assert bilan["missing"] == ["satisfaction"]
    assert all(a["satisfaction"] is None for a in bilan["actions"])
    assert bilan["totals"]["satisfaction"] is None
    assert bilan["totals"]["held"] == 3 and bilan["totals"]["targeted"] == 11

    peer_switch.surveys_up, peer_switch.interviews_up = True, False
    bilan = await _bilan(reporting_client, tokens)
    assert bilan["missing"] == ["contacts"]
    eig = next(a for a in bilan["actions"] if a["action_code"] == "EIG")
    assert (eig["targeted"], eig["held"], eig["channels"], eig["realisation_rate"]) == (
        4, None, None, None,
    )  # fmt: skip
    assert eig["satisfaction"]["responses"] == 3
    assert bilan["totals"]["held"] is None and bilan["totals"]["targeted"] == 11

    peer_switch.interviews_up, peer_switch.targeting_up = True, False
    bilan = await _bilan(reporting_client, tokens)
    assert bilan["missing"] == ["targets", "contacts", "satisfaction"]
    assert bilan["actions"] == [] and bilan["totals"]["targeted"] is None


async def test_csv_and_pdf_exports(
    reporting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    headers = tokens.headers(Role.COUNSELOR, "ALPES")
    csv_response = await reporting_client.get(
        f"/v1/bilans/{YEAR}/ALPES/export.csv", headers=headers
    )
    rows = csv_dicts(csv_response)
    eig = next(row for row in rows if row["Code de l'action"] == "EIG")
    assert (
        eig["Ciblés"], eig["Entretiens tenus"], eig["Taux de réalisation"],
        eig["Réponses à l'enquête"], eig["Action du socle"],
    ) == ("4", "3", "0,7500", "3", "oui")  # fmt: skip
    assert len(rows) == 4

    pdf = await reporting_client.get(f"/v1/bilans/{YEAR}/ALPES/bilan.pdf", headers=headers)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and pdf.content.rstrip().endswith(b"%%EOF")
    assert len(pdf.content) > 2000


async def test_a_machine_client_without_stats_scope_gets_the_figures_missing(
    reporting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    response = await reporting_client.get(
        f"/v1/bilans/{YEAR}/ALPES", headers=tokens.headers(Role.SERVICE, scope="reports:read")
    )
    assert response.status_code == 200
    assert response.json()["missing"] == ["targets", "contacts", "satisfaction"]
