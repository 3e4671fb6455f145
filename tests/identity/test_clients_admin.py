"""Machine clients administration: the admin registers a client, grants its scopes, rotates
its secret (shown once) and revokes it; every change in the audit log."""

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.clients.schemas import KNOWN_SCOPES
from services.identity.models import MachineClient
from services.shared.audit import AuditEvent
from services.shared.auth import Role
from tests.factories import TokenFactory
from tests.shared.test_access_matrix import RULES, allowed


async def client_token(client: httpx.AsyncClient, client_id: str, secret: str) -> httpx.Response:
    return await client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )


async def register(client: httpx.AsyncClient, tokens: TokenFactory, **body: Any) -> dict[str, Any]:
    response = await client.post(
        "/machine-clients",
        json={"client_id": "caf-batch", "name": "Échanges CAF", "scopes": ["stats:read"], **body},
        headers=tokens.headers(Role.ADMIN),
    )
    assert response.status_code == 201, response.text
    answer: dict[str, Any] = response.json()
    return answer


def test_every_scope_the_routes_ask_for_can_be_granted() -> None:
    # A rule may admit either of several scopes (``a|b``: a scope by purpose or the broad one).
    asked = {allowed(rule)[1] for rule in RULES.values() if rule != "public"} - {None, ""}
    assert {scope for either in asked for scope in str(either).split("|")} <= set(KNOWN_SCOPES)


async def test_a_registered_client_gets_tokens_with_its_scopes(
    identity_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    created = await register(identity_client, tokens, scopes=["targeting:read", "stats:read"])
    secret = created["client_secret"]
    assert created["client"]["scopes"] == ["stats:read", "targeting:read"]
    stored = await session.scalar(
        select(MachineClient).where(MachineClient.client_id == "caf-batch")
    )
    assert stored is not None and secret not in stored.secret_hash
    token = await client_token(identity_client, "caf-batch", secret)
    assert token.status_code == 200
    assert token.json()["scope"] == "stats:read targeting:read"
    listed = await identity_client.get("/machine-clients", headers=tokens.headers(Role.ADMIN))
    assert listed.json()["total"] == 1
    assert "client_secret" not in listed.text and secret not in listed.text

    granted = await identity_client.patch(
        f"/machine-clients/{created['client']['id']}",
        json={"scopes": ["reports:read"]},
        headers=tokens.headers(Role.ADMIN),
    )
    assert granted.json()["scopes"] == ["reports:read"]
    renewed = await client_token(identity_client, "caf-batch", secret)
    assert renewed.json()["scope"] == "reports:read"


async def test_rotation_shows_a_new_secret_once_and_the_old_one_stops(
    identity_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    created = await register(identity_client, tokens)
    url = f"/machine-clients/{created['client']['id']}"
    rotated = await identity_client.post(f"{url}/secret", headers=tokens.headers(Role.ADMIN))
    assert rotated.status_code == 200
    new_secret = rotated.json()["client_secret"]
    assert new_secret != created["client_secret"]
    old = await client_token(identity_client, "caf-batch", created["client_secret"])
    assert old.status_code == 401
    assert (await client_token(identity_client, "caf-batch", new_secret)).status_code == 200
    read = await identity_client.get(url, headers=tokens.headers(Role.ADMIN))
    assert "client_secret" not in read.json()

    revoked = await identity_client.post(f"{url}/revoke", headers=tokens.headers(Role.ADMIN))
    assert revoked.json()["active"] is False
    assert (await client_token(identity_client, "caf-batch", new_secret)).status_code == 401
    again = await identity_client.post(f"{url}/secret", headers=tokens.headers(Role.ADMIN))
    assert again.status_code == 409
    assert again.json()["code"] == "client_revoked"
    audited = await session.scalars(
        select(AuditEvent.purpose)
        .where(AuditEvent.resource_type == "machine_client")
        .order_by(AuditEvent.id)
    )
    assert list(audited) == ["registered", "secret rotated", "revoked"]


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"scopes": ["targeting:admin"]}, 422, "scopes.0"),
        ({"client_id": "Caf Batch"}, 422, "client_id"),
        ({"role": "admin"}, 422, "role"),
    ],
)
async def test_bad_registrations_are_refused(
    identity_client: httpx.AsyncClient,
    tokens: TokenFactory,
    body: dict[str, Any],
    status: int,
    field: str,
) -> None:
    response = await identity_client.post(
        "/machine-clients",
        json={"client_id": "caf-batch", "name": "CAF", **body},
        headers=tokens.headers(Role.ADMIN),
    )
    assert response.status_code == status
    assert response.json()["errors"][0]["field"] == field


async def test_a_taken_client_id_is_a_409(
    identity_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    await register(identity_client, tokens)
    response = await identity_client.post(
        "/machine-clients",
        json={"client_id": "caf-batch", "name": "Autre"},
        headers=tokens.headers(Role.ADMIN),
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "client_id"


@pytest.mark.parametrize("role", [Role.NATIONAL, Role.CAISSE_MANAGER, Role.SERVICE])
async def test_only_the_admin_manages_machine_clients(
    identity_client: httpx.AsyncClient, tokens: TokenFactory, role: Role
) -> None:
    response = await identity_client.post(
        "/machine-clients", json={"client_id": "x1", "name": "X"}, headers=tokens.headers(role)
    )
    assert response.status_code == 403
