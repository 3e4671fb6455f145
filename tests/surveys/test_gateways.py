"""Interviews' and targeting's answers as surveys reads them: one without a field surveys uses
is a 502 naming the peer and the field, not a KeyError (a 500) in the middle of a draw."""

import httpx
import pytest
from fastapi import FastAPI

from services.shared.auth import Role
from services.shared.peers import PeerContractError
from services.surveys.deps import get_interviews
from services.surveys.gateways import InterviewsGateway, TargetingGateway
from services.surveys.messaging.service import PURPOSE
from tests.factories import TokenFactory
from tests.peers import machine_caller, peer_answering


async def test_a_contact_feed_without_its_cursor_is_a_502_naming_interviews_and_the_field(
    surveys_app: FastAPI, surveys_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    drifted = InterviewsGateway(peer_answering("interviews", {"items": []}))
    surveys_app.dependency_overrides[get_interviews] = lambda: drifted
    response = await surveys_client.post("/draws/run", headers=tokens.headers(Role.NATIONAL))
    assert response.status_code == 502, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == (
        "Le service interviews a répondu à GET /contact-events hors de son contrat : "
        "next_after (champ obligatoire)."
    )


async def test_a_person_without_their_opposition_to_contact_names_the_field() -> None:
    person = {"sex": 2, "last_name": "Martin", "email": None, "phone": None}
    targeting = TargetingGateway(peer_answering("targeting", person))
    expected = r"/persons/7/contact-details .*contact_opt_out \(champ obligatoire\)"
    with pytest.raises(PeerContractError, match=expected):
        await targeting.person(machine_caller(), 7, PURPOSE)
