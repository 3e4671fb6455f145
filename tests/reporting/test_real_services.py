"""Reporting against the real services over ASGI (no stand-ins): targeting's figures flow
through; services that do not publish ``/stats`` yet are reported missing, not fatal."""

import httpx
import pytest
from fastapi import FastAPI

from services.shared.auth import Role
from tests.factories import TokenFactory
from tests.reporting.conftest import YEAR


@pytest.mark.usefixtures("action_ids")
async def test_bilan_from_the_real_services(
    reporting_client: httpx.AsyncClient, reporting_app: FastAPI, tokens: TokenFactory
) -> None:
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    response = await reporting_client.get(f"/v1/bilans/{YEAR}/ALPES", headers=manager)
    assert response.status_code == 200, response.text
    bilan = response.json()
    targeted = {a["action_code"]: (a["targeted"], a["listed"]) for a in bilan["actions"]}
    assert targeted == {
        "CREATEURS": (2, 0), "EIG": (4, 4), "RENCONTRE_AE": (1, 0), "RENCONTRE_CS": (4, 0),
    }  # fmt: skip
    assert bilan["missing"] == ["contacts", "satisfaction"]
    refused = await reporting_client.post(f"/v1/bilans/{YEAR}/ALPES/submit", headers=manager)
    assert refused.status_code == 409
