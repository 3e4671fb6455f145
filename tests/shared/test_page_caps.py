"""No route returns an unbounded list: every list is paged with a page size its contract caps
(and the server refuses one page more), bounded by a time window the server checks, or bounded
by what it holds — reviewed below, one reason each. Generated from the contracts: a new route
returning a list fails the test until it is paged or reviewed.

Files (CSV, PDF, ICS) are exports of what the caller asked for, streamed, and not walked here.
"""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.platform.stack import SERVICES
from services.shared.auth import Role
from services.targeting.kit.service import NEWS_LIMIT
from tests.factories import TokenFactory
from tests.routes import api_routes, service_app
from tests.shared.test_access_matrix import RULES, allowed, placeholder_url

Route = tuple[str, str]  # (service, path) of a GET

# Bounded by what they hold.
BOUNDED: dict[Route, str] = {
    ("identity", "/.well-known/jwks.json"): "the signing keys in rotation",
    ("identity", "/machine-clients/{client_id}"): "one client's scopes",
    ("targeting", "/professional-categories"): "the national list of categories",
    ("targeting", "/policy/{year}/actions"): "one year's policy: a few actions",
    ("targeting", "/actions/{action_id}/volumetry"): "one row per priority and per caisse",
    ("targeting", "/stats"): "one row per caisse and action of a year",
    ("targeting", "/policy/years"): "one row per year of the policy",
    ("targeting", "/kit/documents"): "the national kit: a few dozen documents",
    ("targeting", "/kit/documents/{document_id}"): "one kit document's versions",
    ("targeting", "/actions/{action_id}/tools"): "one action's kit documents",
    ("targeting", "/kit/news"): f"the {NEWS_LIMIT} newest kit versions since a date",
    ("interviews", "/counselors"): "a caisse's counselors",
    ("interviews", "/sites"): "a caisse's sites",
    ("interviews", "/counselors/{counselor_id}/opening-hours"): "a weekly pattern",
    ("interviews", "/counselors/{counselor_id}/absences"): "one counselor's, at most 500",
    ("interviews", "/interviews/{interview_id}/history"): "one interview's changes",
    ("interviews", "/guide/versions"): "the national guide's versions",
    ("interviews", "/guide/current"): "one guide version's sections",
    ("interviews", "/guide/versions/{number}"): "one guide version's sections",
    ("interviews", "/interviews/{interview_id}/guide"): "one guide version's sections",
    ("interviews", "/interviews/{interview_id}/record"): "one interview's record",
    ("interviews", "/letter-templates/fields"): "the merge fields",
    ("interviews", "/letter-templates"): "a caisse's templates and the national ones",
    ("interviews", "/campaigns"): "a caisse's letter campaigns: a few per action and year",
    ("interviews", "/meetings"): "a caisse's collective meetings: a few per action and year",
    ("interviews", "/meetings/{meeting_id}"): "one meeting's topics",
    ("interviews", "/meetings/{meeting_id}/registrations"): "one meeting's seats and waiting list",
    ("interviews", "/persons/{person_id}/contacts"): "one person's contacts",
    ("interviews", "/stats"): "one row per caisse and action of a year",
    ("interviews", "/capacity/alerts"): "one row per action of the caller's caisse",
    ("interviews", "/planning"): "one row per action and month of a year",
    ("surveys", "/questionnaires"): "the national questionnaire's versions and a caisse's",
    ("surveys", "/questionnaires/{version_id}"): "one questionnaire's questions",
    ("surveys", "/campaigns"): "a caisse's survey campaigns: one per action and year",
    ("surveys", "/answer/{token}"): "one questionnaire's questions",
    ("surveys", "/results"): "one questionnaire's questions (counts, not answers)",
    ("surveys", "/results/caisses"): "one row per caisse",
    ("surveys", "/stats"): "one row per caisse and action of a year",
    ("reporting", "/v1/bilans/{year}/{caisse_code}"): "one bilan's actions",
    ("reporting", "/v1/bilans/{year}/{caisse_code}/versions"): "one bilan's submitted versions",
    ("reporting", "/v1/bilans/{year}/{caisse_code}/versions/{version}"): "one bilan's actions",
    ("reporting", "/v1/national/{year}"): "one row per caisse",
    ("reporting", "/v1/national/{year}/live"): "one row per caisse",
}

# Bounded by a window of time the server checks: a query one day too wide, refused.
TOO_WIDE = "2030-01-01", "2030-03-15"
WINDOWED: dict[Route, dict[str, Any]] = {
    ("interviews", "/slots"): {
        "action_id": 1,
        "channel": "phone",
        "from": TOO_WIDE[0],
        "to": TOO_WIDE[1],
    },
    ("interviews", "/counselors/{counselor_id}/interviews"): {
        "start": f"{TOO_WIDE[0]}T00:00:00Z",
        "end": f"{TOO_WIDE[1]}T00:00:00Z",
    },
    ("interviews", "/public/invitations/{token}/slots"): {
        "channel": "phone",
        "from": TOO_WIDE[0],
        "to": TOO_WIDE[1],
    },
}


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def lists(app: FastAPI) -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, operation) of every GET whose JSON answer is a list or holds one."""
    spec = app.openapi()
    components = spec.get("components", {}).get("schemas", {})
    for path, operations in spec["paths"].items():
        operation = operations.get("get")
        content = (operation or {}).get("responses", {}).get("200", {}).get("content", {})
        if "application/json" not in content:
            continue
        body = _resolve(content["application/json"].get("schema", {}), components)
        fields = [_resolve(f, components) for f in body.get("properties", {}).values()]
        if body.get("type") == "array" or any(f.get("type") == "array" for f in fields):
            yield path, operation


def page_cap(operation: dict[str, Any]) -> int | None:
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "query" and parameter["name"] == "limit":
            maximum = parameter["schema"].get("maximum")
            return None if maximum is None else int(maximum)
    return None


@pytest.mark.parametrize("service", SERVICES)
def test_every_list_is_paged_windowed_or_reviewed(service: str) -> None:
    found = {path: operation for path, operation in lists(service_app(service))}
    unbounded = [
        path
        for path, operation in found.items()
        if page_cap(operation) is None
        and (service, path) not in BOUNDED
        and (service, path) not in WINDOWED
    ]
    assert unbounded == []
    reviewed = {path for (owner, path) in [*BOUNDED, *WINDOWED] if owner == service}
    assert reviewed - set(found) == set(), "reviews of routes that no longer return lists"


def _caller(service: str, path: str, tokens: TokenFactory) -> dict[str, str]:
    """A token the route admits: a human role of its rule, else a machine client's scope."""
    rule = RULES[(service, "GET", path)]
    if rule == "public":
        return {}
    humans, scope = allowed(rule)
    for role in (Role.CAISSE_MANAGER, Role.COUNSELOR, Role.ADMIN, Role.NATIONAL):
        if role in humans:
            caisse = "ALPES" if role in (Role.CAISSE_MANAGER, Role.COUNSELOR) else None
            return tokens.headers(role, caisse)
    return tokens.headers(Role.SERVICE, scope=scope or "")


def _url(path: str, app: FastAPI) -> str:
    return placeholder_url(path, next(route for full, route in api_routes(app) if full == path))


@pytest.mark.parametrize("service", SERVICES)
async def test_one_page_more_than_the_cap_is_refused_naming_limit(
    service: str, tokens: TokenFactory, wired_apps: dict[str, FastAPI]
) -> None:
    app = wired_apps[service]
    refused, accepted, checked = [], [], 0
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        for path, operation in lists(app):
            cap = page_cap(operation)
            if cap is None:
                continue
            headers, url = _caller(service, path, tokens), _url(path, app)
            over = await client.get(url, params={"limit": cap + 1}, headers=headers)
            fields = [error["field"] for error in over.json().get("errors", [])]
            if over.status_code != 422 or "limit" not in fields:
                refused.append(f"{path} limit={cap + 1}: {over.status_code} {fields}")
            at_cap = await client.get(url, params={"limit": cap}, headers=headers)
            if at_cap.status_code == 422:  # 404 is fine: the placeholder id names nothing
                accepted.append(f"{path} limit={cap}: {at_cap.text}")
            checked += 1
    assert refused == []
    assert accepted == []
    assert checked >= {"identity": 0, "targeting": 5, "interviews": 2, "surveys": 2}.get(service, 0)


async def test_windows_wider_than_allowed_are_refused_naming_the_field(
    tokens: TokenFactory, interviews_app: FastAPI
) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=interviews_app), base_url="http://test"
    ) as client:
        for (_, path), params in WINDOWED.items():
            url = _url(path, interviews_app).replace("{token}", "an-unknown-token")
            response = await client.get(
                url, params=params, headers=_caller("interviews", path, tokens)
            )
            assert response.status_code == 422, f"{path}: {response.text}"
            assert response.headers["content-type"] == "application/problem+json"
            assert [e["field"] for e in response.json()["errors"]] in (["to"], ["end"]), path
