"""Targeting's answers as interviews reads them: one without a field interviews uses is a
502 naming targeting and the field, not a KeyError (a 500) deep inside a route or a job."""

import uuid
from dataclasses import replace
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncConnection

from services.interviews.deps import get_targeting
from services.interviews.gateways import TargetingGateway
from services.shared.auth import Role
from services.shared.peers import PeerContractError
from services.shared.worker import WorkerResources
from tests.conftest import RunJobs
from tests.factories import TokenFactory
from tests.interviews.conftest import manager, materialise
from tests.peers import machine_caller, peer_answering
from tests.queue import run_until_empty

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
        f"Le service targeting a répondu à GET /target-lists/{LIST_ID} hors de son contrat : "
        "size (champ obligatoire)."
    )


async def test_a_members_page_whose_people_lack_a_field_names_it_once() -> None:
    page = {"items": [{"rank": 1}, {"rank": 2}], "next_after_rank": None}
    with pytest.raises(PeerContractError, match=r"items\.\*\.person_id \(champ obligatoire\)"):
        await targeting_answering(page).members(machine_caller(), LIST_ID, 0, 500)


async def test_a_job_reading_a_drifted_list_fails_at_once_with_the_reason(
    interviews_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    connection: AsyncConnection,
    worker_resources: WorkerResources,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    run_jobs: RunJobs,
) -> None:
    headers = manager(tokens)
    creators = await materialise(targeting_client, run_jobs, headers, alpes["actions"]["CREATEURS"])
    body = {"target_list_id": creators["id"], "sent_on": "2011-04-01"}
    started = await interviews_client.post("/letter-contacts", json=body, headers=headers)
    assert started.status_code == 202, started.text
    drifted = peer_answering("targeting", {"person_ids": [1]})
    await run_until_empty(connection, replace(worker_resources, peers={"targeting": drifted}))
    job = await interviews_client.get(f"/jobs/{started.json()['job']['id']}", headers=headers)
    assert (job.json()["status"], job.json()["attempts"]) == ("failed", 1)  # not retried
    assert job.json()["error"] == (
        f"Le service targeting a répondu à GET /target-lists/{creators['id']}/person-ids hors "
        "de son contrat : next_after_rank (champ obligatoire)."
    )
