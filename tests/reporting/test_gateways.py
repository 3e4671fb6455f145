"""The peers' answers as reporting reads them: one without a field a bilan uses is a 502
naming the peer and the field, not a KeyError (a 500) while the figures are summed. A peer
that is down still only leaves its figure group missing (test_bilan_figures)."""

import httpx
import pytest

from services.reporting.gateways import TargetingGateway
from services.shared.auth import Role
from services.shared.peers import PeerContractError
from tests.factories import TokenFactory
from tests.peers import machine_caller, peer_answering
from tests.reporting.conftest import YEAR, StatsData


@pytest.mark.usefixtures("fixture_stats")
async def test_contact_stats_without_a_figure_are_a_502_naming_interviews_and_the_field(
    reporting_client: httpx.AsyncClient, tokens: TokenFactory, stats_data: StatsData
) -> None:
    for item in stats_data.interviews:
        del item["letters_sent"]
    response = await reporting_client.get(
        f"/v1/bilans/{YEAR}/ALPES", headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    )
    assert response.status_code == 502, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == (
        "Le service interviews a répondu à GET /stats hors de son contrat : "
        "items.*.letters_sent (champ obligatoire)."
    )


async def test_caisses_without_their_names_name_the_field() -> None:
    targeting = TargetingGateway(peer_answering("targeting", {"items": [{"code": "ALPES"}]}))
    with pytest.raises(PeerContractError, match=r"GET /caisses .*items\.\*\.name"):
        await targeting.caisses(machine_caller())
