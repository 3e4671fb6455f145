"""Targeting's answers as interviews reads them: one without a field interviews uses is a
502 naming targeting and the field, not a KeyError (a 500) deep inside a route or a job."""

import uuid

import httpx
import pytest
from fastapi import FastAPI

from services.interviews.deps import get_targeting
from services.interviews.gateways import TargetingGateway
from services.shared.auth import Role
from services.shared.peers import PeerContractError
from tests.factories import TokenFactory
from tests.peers import machine_caller, peer_answering

LIST_ID = uuid.UUID("0b8f7c52-6a43-4a4e-9a53-5bb0f0f3a001")


def targeting_answering(body: object) -> TargetingGateway:
    return TargetingGateway(peer_answering("targeting", body))


async def test_a_target_list_without_its_size_is_a_502_naming_targeting_and_the_field(
    interviews_app: FastAPI, interviews_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    drifted = {"id": str(LIST_ID), "status": "ready", "caisse_code": "ALPES", "action_id": 1}
    interviews_app.dependency_overrides[get_targeting] = lambda: targeting_answering(drifted)
    response = await interviews_client.get(
        "/capacity",
        params={"target_list_id": str(LIST_ID)},
        headers=tokens.headers(Role.CAISSE_MANAGER),
    )
    assert response.status_code == 502, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == (
        f"The targeting service answered GET /target-lists/{LIST_ID} outside its contract: "
        "size (field required)."
    )


async def test_a_members_page_whose_people_lack_a_field_names_it_once() -> None:
    page = {"items": [{"rank": 1}, {"rank": 2}], "next_after_rank": None}
    with pytest.raises(PeerContractError, match=r"items\.\*\.person_id \(field required\)"):
        await targeting_answering(page).members(machine_caller(), LIST_ID, 0, 500)
