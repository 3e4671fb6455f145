"""Values PostgreSQL cannot store (NUL, lone surrogates, integers beyond their column) are a
422 naming the field on every route, never a 500 or an unnamed error."""

import json
from functools import partial
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.stack import SERVICES
from services.shared.auth import CaisseScope, Role
from services.targeting.registry.importing import RowValidator
from services.targeting.registry.models import InsuredPerson
from tests.factories import TokenFactory, person_row
from tests.routes import service_app

NUL, SURROGATE, HUGE = "Du\u0000pont", "Du\ud800pont", 2**70


def _body_field(operation: dict[str, Any], components: dict[str, Any]) -> str:
    """A property of the operation's JSON body, its first one (any name would do: every value
    of a body is checked, whatever its schema)."""
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return str(next(iter(schema.get("properties", {"value": {}}))))


def _url(path: str, params: list[dict[str, Any]], bad: str = "", value: str = "") -> str:
    """``path`` with valid-looking path parameters, but ``bad`` set to ``value``."""
    for p in params:
        ok = "1" if p["schema"].get("type") == "integer" else "x"
        path = path.replace(f"{{{p['name']}}}", value if p["name"] == bad else ok)
    return path


def _requests(service: str) -> list[tuple[str, str, dict[str, Any], str, str]]:
    """(method, url, httpx options, location, field) of one refused value each."""
    document = service_app(service).openapi()
    components = document.get("components", {}).get("schemas", {})
    requests: list[tuple[str, str, dict[str, Any], str, str]] = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            params = operation.get("parameters", [])
            path_params = [p for p in params if p["in"] == "path"]

            url = partial(_url, path, path_params)
            for p in path_params:
                value = str(2**40) if p["schema"].get("type") == "integer" else "a%00b"
                requests.append((method, url(bad=p["name"], value=value), {}, "path", p["name"]))
            for p in (p for p in params if p["in"] == "query"):
                requests.append((method, url(), {"params": {p["name"]: NUL}}, "query", p["name"]))
                if "integer" in json.dumps(p["schema"]):
                    for number in (str(HUGE), "9" * 5000):  # int() refuses 4,300+ digits
                        huge = {"params": {p["name"]: number}}
                        requests.append((method, url(), huge, "query", p["name"]))
            content_types = operation.get("requestBody", {}).get("content", {})
            if "application/x-www-form-urlencoded" in content_types:
                form = {"data": {"grant_type": "client_credentials", "client_id": NUL}}
                requests.append((method, url(), form, "body", "client_id"))
            if "application/json" in content_types:
                name = _body_field(operation, components)
                for body, field in (
                    ({name: NUL}, name),
                    ({name: [{"nested": SURROGATE}]}, f"{name}.0.nested"),
                    ({name: HUGE}, name),
                    ({f"k\u0000{name}": 1}, f"k\\x00{name}"),
                ):
                    content = json.dumps(body).encode()
                    options: dict[str, Any] = {
                        "content": content,
                        "headers": {"content-type": "application/json"},
                    }
                    requests.append((method.upper(), url(), options, "body", field))
    return requests


@pytest.mark.parametrize("service", SERVICES)
async def test_every_route_names_the_unstorable_field(service: str) -> None:
    """Walks every operation of the service's OpenAPI document: each path parameter, query
    parameter and JSON body gets a value PostgreSQL cannot store."""
    transport = httpx.ASGITransport(app=service_app(service), raise_app_exceptions=False)
    requests = _requests(service)
    wrong = []
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        for method, url, options, location, field in requests:
            response = await client.request(method.upper(), url, **options)
            errors = response.json().get("errors", []) if response.status_code == 422 else []
            if {"field": field, "location": location} not in [
                {"field": e["field"], "location": e["location"]} for e in errors
            ]:
                wrong.append(f"{method} {url} {location} {field}: {response.status_code}")
    assert requests
    assert wrong == []


async def test_a_batch_with_a_nul_is_refused_naming_the_row_and_field(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, session: AsyncSession
) -> None:
    before = await session.scalar(select(func.count()).select_from(InsuredPerson))
    rows = [person_row(), person_row(last_name=NUL), person_row(validated_quarters=HUGE)]
    response = await targeting_client.post(
        "/persons/batch",
        json={"mode": "keep_valid", "persons": rows},
        headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    fields = [(e["field"], e["location"]) for e in response.json()["errors"]]
    assert fields == [("persons.1.last_name", "body"), ("persons.2.validated_quarters", "body")]
    assert "NUL" in response.json()["detail"]
    after = await session.scalar(select(func.count()).select_from(InsuredPerson))
    assert after == before


@pytest.mark.parametrize("value", [NUL, SURROGATE])
def test_an_import_row_with_an_unstorable_character_is_refused_naming_the_field(
    value: str,
) -> None:
    """The CSV import's rows go through the same validator as the JSON batch's."""
    validator = RowValidator(frozenset({"ALPES"}), CaisseScope(None))
    record, errors = validator.validate(2, {**person_row(), "city": value})
    assert record is None
    assert [(e.line, e.field) for e in errors] == [(2, "city")]
    assert validator.validate(3, person_row())[1] == []
