"""Mass assignment: no request body accepts fields its model does not declare (an ``id``, a
``caisse_code``, a ``role`` slipped into a body is a 422, never applied), and the few bodies that
do carry such a field are listed here with the rule that guards them."""

from typing import Any

import httpx
import pytest

from services.platform.stack import SERVICES
from services.shared.auth import Role
from tests.factories import TokenFactory
from tests.routes import service_app

SENSITIVE = {"id", "caisse", "caisse_code", "role", "scope", "status", "created_by", "national"}
REVIEWED = {
    # A national user picks the caisse of a list; caisse staff are held to their own.
    ("targeting", "TargetListCreate", "caisse_code"),
    # A national or admin search may narrow to a caisse; staff search only theirs.
    ("targeting", "PersonSearch", "caisse_code"),
    # Only declined / no_answer / returned / sent; booked and after come from the interview.
    ("interviews", "InvitationUpdate", "status"),
    # planned / held / cancelled of the caller's own caisse's meeting.
    ("interviews", "MeetingUpdate", "status"),
    # National templates are written by the national office only (403 otherwise).
    ("interviews", "TemplateWrite", "national"),
    # Account administration sets a role and a caisse by nature: only those the caller
    # manages (identity/accounts/rules.py: 403 otherwise, tests/identity/test_accounts.py).
    ("identity", "AccountCreate", "role"),
    ("identity", "AccountCreate", "caisse_code"),
    ("identity", "AccountUpdate", "role"),
    ("identity", "AccountUpdate", "caisse_code"),
}


def _bodies(service: str) -> list[tuple[str, dict[str, Any]]]:
    document = service_app(service).openapi()
    schemas = document.get("components", {}).get("schemas", {})

    def resolve(schema: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        name = "inline"
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = schemas[name]
        return name, schema

    return [
        resolve(content["schema"])
        for operations in document["paths"].values()
        for operation in operations.values()
        if (content := operation.get("requestBody", {}).get("content", {}).get("application/json"))
    ]


@pytest.mark.parametrize("service", SERVICES)
def test_every_json_body_refuses_undeclared_fields(service: str) -> None:
    open_bodies = [
        name for name, schema in _bodies(service) if schema.get("additionalProperties") is not False
    ]
    assert open_bodies == []


@pytest.mark.parametrize("service", SERVICES)
def test_bodies_carry_sensitive_fields_only_where_reviewed(service: str) -> None:
    found = {
        (service, name, field)
        for name, schema in _bodies(service)
        for field in schema.get("properties", {})
        if field in SENSITIVE
    }
    assert found <= REVIEWED, found - REVIEWED


async def test_a_caisse_slipped_into_a_body_is_refused_not_applied(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    response = await interviews_client.post(
        "/counselors",
        json={"username": "intrus", "full_name": "Intrus", "caisse_code": "BRETAGNE", "id": 1},
        headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"caisse_code", "id"}
    listed = await interviews_client.get(
        "/counselors", headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    )
    assert "intrus" not in listed.text
