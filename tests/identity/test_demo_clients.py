"""Each demo machine client reads what its purpose needs and nothing more (issue 19): the
surveys service a person's contact details without NIR or career, the interviews service the
members of the lists its letters go to, sirius-batch (which feeds the registry) no person at
all. Tokens come from identity's client-credentials grant, with the scopes the seed gives."""

import uuid

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.seed import DEMO_CLIENTS, DemoClient
from services.shared.audit import AuditEvent
from services.shared.auth import Role
from services.targeting.registry.models import InsuredPerson
from tests.factories import TokenFactory, create_caisses, create_machine_client, person_row

CLIENTS = {client.client_id: client for client in DEMO_CLIENTS}
CAREER = {"nir", "validated_quarters", "required_quarters", "incomplete_career", "status"}
LIST = uuid.uuid4()
# (method, path, body) of each kind of read, ``{id}`` being a person of the registry.
READS = {
    "search": ("POST", "/persons/search", {"name": "Nom"}),
    "file": ("GET", "/persons/{id}", None),
    "contact-details": ("GET", "/persons/{id}/contact-details", None),
    "list-members": ("GET", f"/target-lists/{LIST}/members", None),
    "list-person-ids": ("GET", f"/target-lists/{LIST}/person-ids", None),
    "list-export": ("GET", f"/target-lists/{LIST}/export.csv", None),
    "caisses": ("GET", "/caisses", None),
}
# What each client may read; every other read of READS is a 403.
MAY_READ = {
    "sirius-batch": {"caisses"},
    "surveys": {"contact-details", "caisses"},
    "interviews": {"list-members", "list-person-ids", "caisses"},
}


async def _token(identity_client: httpx.AsyncClient, client: DemoClient) -> dict[str, str]:
    response = await identity_client.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": client.client_id,
            "client_secret": client.secret,
        },
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.mark.parametrize("client_id", sorted(CLIENTS))
async def test_a_demo_client_reads_only_what_its_purpose_needs(
    client_id: str,
    identity_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    session: AsyncSession,
    tokens: TokenFactory,
) -> None:
    assert set(MAY_READ) == set(CLIENTS)
    client = CLIENTS[client_id]
    await create_machine_client(session, client.client_id, client.secret, list(client.scopes))
    await create_caisses(session)
    created = await targeting_client.post(
        "/persons/batch", json={"persons": [person_row()]}, headers=tokens.headers(Role.ADMIN)
    )
    assert created.status_code == 200 and created.json()["inserted"] == 1, created.text
    person_id = await session.scalar(select(func.max(InsuredPerson.id)))
    headers = await _token(identity_client, client)

    answers = {}
    for read, (method, path, body) in READS.items():
        answers[read] = await targeting_client.request(
            method, path.format(id=person_id), json=body, headers=headers
        )
    refused = {read for read, answer in answers.items() if answer.status_code == 403}
    assert refused == set(READS) - MAY_READ[client_id], {
        read: answer.status_code for read, answer in answers.items()
    }
    for read in MAY_READ[client_id]:
        # Admitted: 200, or 404 for the list that does not exist.
        expected = 404 if read.startswith("list-") else 200
        assert answers[read].status_code == expected, (read, answers[read].text)

    if "contact-details" in MAY_READ[client_id]:
        details = answers["contact-details"].json()
        assert set(details) == {
            "id", "sex", "last_name", "first_name", "address_line", "postcode", "city",
            "email", "phone", "caisse_code", "contact_opt_out",
        }  # fmt: skip
        assert not CAREER & set(details)
        audited = await session.scalar(
            select(AuditEvent).where(
                AuditEvent.resource_type == "insured_person",
                AuditEvent.resource_id == str(person_id),
                AuditEvent.actor == f"client:{client_id}",
            )
        )
        assert audited is not None and audited.actor_role == "service"
