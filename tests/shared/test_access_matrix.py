"""The access matrix: who may call what, for every route of every service.

Each route has a rule below; a route without one (a new endpoint) fails the test, so adding
an endpoint means deciding who may use it. Letters: M caisse manager, C counselor,
N national office, A administrator; ``service:<scope>`` admits machine clients holding that
scope (``service:a|b``: either); ``public`` needs no token (health probes, login, personal
links); ``any`` admits every signed-in caller. Every other role must get 403 — checked by
calling each route with a token of each role (the authorization runs before the body or the
path is even looked at).
"""

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.platform.stack import SERVICES
from services.shared.auth import Role
from tests.factories import TokenFactory
from tests.routes import api_routes, service_app

# targeting's scopes by purpose, each beside the broad targeting:read (services/targeting/deps.py)
REFERENCE = "service:targeting:read|targeting:reference"
LIST_MEMBERS = "service:targeting:read|targeting:list-members"
CONTACT_DETAILS = "service:targeting:read|targeting:contact-details"

RULES: dict[tuple[str, str, str], str] = {
    ("identity", "GET", "/healthz"): "public",
    ("identity", "GET", "/readyz"): "public",
    ("identity", "POST", "/auth/login"): "public",
    ("identity", "POST", "/oauth/token"): "public",
    ("identity", "GET", "/.well-known/jwks.json"): "public",
    ("identity", "POST", "/auth/refresh"): "public",
    ("identity", "POST", "/auth/logout"): "public",
    ("identity", "GET", "/auth/sign-in-options"): "public",
    ("identity", "GET", "/oidc/login"): "public",
    ("identity", "GET", "/oidc/callback"): "public",
    ("identity", "GET", "/auth/me"): "any",
    ("identity", "POST", "/auth/password-links/inspect"): "public",
    ("identity", "POST", "/auth/password-links/redeem"): "public",
    ("identity", "POST", "/auth/password-reset"): "public",
    ("identity", "POST", "/auth/password"): "any",
    ("identity", "GET", "/accounts"): "MNA",
    ("identity", "POST", "/accounts"): "MNA",
    ("identity", "GET", "/accounts/{account_id}"): "MNA",
    ("identity", "PATCH", "/accounts/{account_id}"): "MNA",
    ("identity", "POST", "/accounts/{account_id}/deactivate"): "MNA",
    ("identity", "POST", "/accounts/{account_id}/reactivate"): "MNA",
    ("identity", "POST", "/accounts/{account_id}/invitation"): "MNA",
    ("identity", "GET", "/machine-clients"): "A",
    ("identity", "POST", "/machine-clients"): "A",
    ("identity", "GET", "/machine-clients/{client_id}"): "A",
    ("identity", "PATCH", "/machine-clients/{client_id}"): "A",
    ("identity", "POST", "/machine-clients/{client_id}/secret"): "A",
    ("identity", "POST", "/machine-clients/{client_id}/revoke"): "A",
    ("targeting", "GET", "/healthz"): "public",
    ("targeting", "GET", "/readyz"): "public",
    ("targeting", "GET", "/caisses"): f"MCNA {REFERENCE}",
    ("targeting", "GET", "/caisses/{code}"): f"MCNA {REFERENCE}",
    ("targeting", "POST", "/persons/search"): "MCA service:targeting:read",
    ("targeting", "GET", "/persons/{person_id}"): "MCA service:targeting:read",
    ("targeting", "GET", "/persons/{person_id}/contact-details"): f"MCA {CONTACT_DETAILS}",
    ("targeting", "PUT", "/persons/{person_id}/opposition"): "MCA service:targeting:write",
    ("targeting", "POST", "/persons/names"): "MCA service:targeting:read",
    ("targeting", "POST", "/persons/batch"): "MA service:targeting:write",
    ("targeting", "POST", "/contacts/recency"): "A service:contacts:write",
    ("targeting", "POST", "/imports"): "MA service:targeting:write",
    ("targeting", "GET", "/jobs/{job_id}"): f"MCNA {REFERENCE}",
    ("targeting", "GET", "/imports/{job_id}/errors"): "MA service:targeting:write",
    ("targeting", "GET", "/imports/{job_id}/errors.{format}"): "MA service:targeting:write",
    ("targeting", "GET", "/professional-categories"): f"MCNA {REFERENCE}",
    ("targeting", "GET", "/policy/{year}/actions"): f"MCNA {REFERENCE}",
    ("targeting", "POST", "/policy/{year}/actions"): "MNA",
    ("targeting", "GET", "/policy/years"): f"MCNA {REFERENCE}",
    ("targeting", "POST", "/policy/{year}/preparation"): "NA",
    ("targeting", "PUT", "/policy/{year}/publication"): "NA",
    ("targeting", "POST", "/policy/{year}/carry-over"): "M",
    ("targeting", "GET", "/kit/documents"): f"MCNA {REFERENCE}",
    ("targeting", "POST", "/kit/documents"): "NA",
    ("targeting", "GET", "/kit/documents/{document_id}"): f"MCNA {REFERENCE}",
    ("targeting", "POST", "/kit/documents/{document_id}/versions"): "NA",
    (
        "targeting",
        "GET",
        "/kit/documents/{document_id}/versions/{version}/file",
    ): f"MCNA {REFERENCE}",
    ("targeting", "PUT", "/kit/documents/{document_id}/actions"): "NA",
    ("targeting", "GET", "/actions/{action_id}/tools"): f"MCNA {REFERENCE}",
    ("targeting", "PUT", "/kit/documents/{document_id}/adaptation"): "M",
    (
        "targeting",
        "GET",
        "/kit/documents/{document_id}/adaptations/{caisse_code}/file",
    ): f"MCNA {REFERENCE}",
    ("targeting", "GET", "/kit/news"): f"MCNA {REFERENCE}",
    ("targeting", "GET", "/actions/{action_id}"): f"MCNA {REFERENCE}",
    ("targeting", "PATCH", "/actions/{action_id}"): "MNA",
    ("targeting", "POST", "/volumetry"): f"MNA {REFERENCE}",
    ("targeting", "GET", "/actions/{action_id}/volumetry"): f"MNA {REFERENCE}",
    ("targeting", "POST", "/actions/{action_id}/target-lists"): "MA service:targeting:write",
    ("targeting", "GET", "/target-lists"): f"MCNA {REFERENCE}",
    ("targeting", "GET", "/target-lists/{list_id}"): f"MCNA {REFERENCE}",
    ("targeting", "GET", "/target-lists/{list_id}/members"): f"MCA {LIST_MEMBERS}",
    ("targeting", "GET", "/target-lists/{list_id}/person-ids"): f"MCA {LIST_MEMBERS}",
    ("targeting", "GET", "/target-lists/{list_id}/export.{format}"): "MCA service:targeting:read",
    ("targeting", "GET", "/stats"): "MCNA service:stats:read",
    ("interviews", "GET", "/healthz"): "public",
    ("interviews", "GET", "/readyz"): "public",
    ("interviews", "POST", "/counselors"): "MA",
    ("interviews", "GET", "/counselors"): "MCA",
    ("interviews", "GET", "/counselors/me"): "MCA",
    ("interviews", "POST", "/sites"): "MA",
    ("interviews", "GET", "/sites"): "MCA service:interviews:write",
    ("interviews", "GET", "/counselors/{counselor_id}/opening-hours"): "MCA",
    ("interviews", "PUT", "/counselors/{counselor_id}/opening-hours"): "MA",
    ("interviews", "POST", "/counselors/{counselor_id}/absences"): "MA",
    ("interviews", "GET", "/counselors/{counselor_id}/absences"): "MCA",
    ("interviews", "PATCH", "/counselors/{counselor_id}/absences/{absence_id}"): "MA",
    ("interviews", "DELETE", "/counselors/{counselor_id}/absences/{absence_id}"): "MA",
    ("interviews", "GET", "/counselors/{counselor_id}/agenda-feed"): "MCA",
    ("interviews", "PUT", "/counselors/{counselor_id}/agenda-feed"): "MCA",
    ("interviews", "DELETE", "/counselors/{counselor_id}/agenda-feed"): "MCA",
    ("interviews", "GET", "/agenda-feeds/{token}.ics"): "public",
    ("interviews", "GET", "/follow-ups"): "MCA",
    ("interviews", "PATCH", "/follow-ups/{follow_up_id}"): "MCA",
    ("interviews", "POST", "/interviews"): "MCA service:interviews:write",
    ("interviews", "GET", "/slots"): "MCA service:interviews:write",
    ("interviews", "GET", "/interviews/{interview_id}"): "MCA service:interviews:write",
    ("interviews", "GET", "/interviews/{interview_id}/history"): "MCA service:interviews:write",
    ("interviews", "POST", "/interviews/{interview_id}/cancel"): "MCA service:interviews:write",
    ("interviews", "POST", "/interviews/{interview_id}/reschedule"): "MCA service:interviews:write",
    ("interviews", "POST", "/interviews/{interview_id}/outcome"): "MCA service:interviews:write",
    ("interviews", "GET", "/counselors/{counselor_id}/agenda.ics"): "MCA",
    ("interviews", "GET", "/counselors/{counselor_id}/interviews"): "MCA",
    ("interviews", "GET", "/guide/versions"): "MCNA",
    ("interviews", "GET", "/guide/current"): "MCNA",
    ("interviews", "GET", "/guide/versions/{number}"): "MCNA",
    ("interviews", "POST", "/guide/versions"): "NA",
    ("interviews", "PUT", "/guide/versions/{number}/sections"): "NA",
    ("interviews", "POST", "/guide/versions/{number}/publish"): "NA",
    ("interviews", "GET", "/interviews/{interview_id}/guide"): "MCA service:interviews:write",
    ("interviews", "PUT", "/interviews/{interview_id}/record"): "MCA service:interviews:write",
    ("interviews", "GET", "/interviews/{interview_id}/record"): "MCA service:interviews:write",
    ("interviews", "GET", "/letter-templates/fields"): "MCNA",
    ("interviews", "GET", "/letter-templates"): "MCNA",
    ("interviews", "POST", "/letter-templates"): "MNA",
    ("interviews", "PUT", "/letter-templates/{template_id}"): "MNA",
    ("interviews", "POST", "/campaigns"): "MC",
    ("interviews", "POST", "/campaigns/preview"): "MC",
    ("interviews", "GET", "/campaigns"): "MCA",
    ("interviews", "GET", "/campaigns/{campaign_id}"): "MCA",
    ("interviews", "GET", "/campaigns/{campaign_id}/letters.pdf"): "MCA",
    ("interviews", "GET", "/campaigns/{campaign_id}/letters.zip"): "MCA",
    ("interviews", "GET", "/campaigns/{campaign_id}/reminders.pdf"): "MCA",
    ("interviews", "POST", "/campaigns/{campaign_id}/reminders"): "MC",
    ("interviews", "POST", "/campaigns/{campaign_id}/close"): "MC",
    ("interviews", "GET", "/campaigns/{campaign_id}/invitations"): "MCA",
    ("interviews", "GET", "/campaigns/{campaign_id}/messages"): "MCA",
    ("interviews", "PATCH", "/invitations/{invitation_id}"): "MC",
    ("interviews", "GET", "/invitations/{invitation_id}/letter.pdf"): "MCA",
    ("interviews", "POST", "/letter-contacts"): "MC",
    ("interviews", "POST", "/meetings"): "MC",
    ("interviews", "GET", "/meetings"): "MCA",
    ("interviews", "GET", "/meetings/{meeting_id}"): "MCA",
    ("interviews", "PATCH", "/meetings/{meeting_id}"): "MC",
    ("interviews", "GET", "/meetings/{meeting_id}/registrations"): "MCA",
    ("interviews", "POST", "/meetings/{meeting_id}/registrations"): "MC",
    ("interviews", "POST", "/meetings/{meeting_id}/registrations/{registration_id}/cancel"): "MC",
    ("interviews", "POST", "/meetings/{meeting_id}/registrations/{registration_id}/check-in"): "MC",
    ("interviews", "GET", "/contact-events"): "MNA service:contacts:read",
    ("interviews", "GET", "/persons/{person_id}/contacts"): "MCA service:contacts:read",
    ("interviews", "GET", "/stats"): "MCNA service:stats:read",
    ("interviews", "GET", "/capacity"): "MC",
    ("interviews", "GET", "/capacity/alerts"): "MCA",
    ("interviews", "GET", "/planning"): "MC",
    ("interviews", "GET", "/public/invitations/{token}"): "public",
    ("interviews", "GET", "/public/invitations/{token}/slots"): "public",
    ("interviews", "POST", "/public/invitations/{token}/booking"): "public",
    ("interviews", "POST", "/public/invitations/{token}/booking/cancel"): "public",
    ("interviews", "POST", "/public/invitations/{token}/booking/reschedule"): "public",
    ("interviews", "GET", "/jobs/{job_id}"): "MCA",
    ("surveys", "GET", "/healthz"): "public",
    ("surveys", "GET", "/readyz"): "public",
    ("surveys", "GET", "/questionnaires"): "MCNA",
    ("surveys", "POST", "/questionnaires"): "MNA",
    ("surveys", "GET", "/questionnaires/{version_id}"): "MCNA",
    ("surveys", "PATCH", "/questionnaires/{version_id}"): "MNA",
    ("surveys", "POST", "/questionnaires/{version_id}/questions"): "MNA",
    ("surveys", "PUT", "/questionnaires/{version_id}/questions/{question_id}"): "MNA",
    ("surveys", "DELETE", "/questionnaires/{version_id}/questions/{question_id}"): "MNA",
    ("surveys", "POST", "/questionnaires/{version_id}/publish"): "MNA",
    ("surveys", "POST", "/questionnaires/{version_id}/retire"): "MNA",
    ("surveys", "GET", "/campaigns"): "MCNA",
    ("surveys", "POST", "/campaigns"): "MNA",
    ("surveys", "GET", "/campaigns/{campaign_id}"): "MCNA",
    ("surveys", "POST", "/campaigns/{campaign_id}/close"): "MNA",
    ("surveys", "GET", "/campaigns/{campaign_id}/links"): "MCA",
    ("surveys", "POST", "/campaigns/{campaign_id}/links"): "MCA",
    ("surveys", "GET", "/campaigns/{campaign_id}/messages"): "MCA",
    ("surveys", "POST", "/links/{link_id}/reissue"): "MCA",
    ("surveys", "POST", "/draws/run"): "MNA",
    ("surveys", "GET", "/answer/{token}"): "public",
    ("surveys", "POST", "/answer/{token}"): "public",
    ("surveys", "GET", "/results"): "MCNA",
    ("surveys", "GET", "/results/caisses"): "MCNA",
    ("surveys", "GET", "/results/comments"): "MCNA",
    ("surveys", "GET", "/results/answers.{format}"): "MCNA",
    ("surveys", "GET", "/stats"): "MCNA service:stats:read",
    ("reporting", "GET", "/healthz"): "public",
    ("reporting", "GET", "/readyz"): "public",
    ("reporting", "GET", "/v1/bilans/{year}/{caisse_code}"): "MCNA service:reports:read",
    ("reporting", "PUT", "/v1/bilans/{year}/{caisse_code}/qualitative"): "MA",
    ("reporting", "POST", "/v1/bilans/{year}/{caisse_code}/submit"): "MA",
    ("reporting", "POST", "/v1/bilans/{year}/{caisse_code}/reopen"): "NA",
    ("reporting", "GET", "/v1/bilans/{year}/{caisse_code}/versions"): "MCNA service:reports:read",
    ("reporting", "GET", "/v1/bilans/{year}/{caisse_code}/versions/{version}"): (
        "MCNA service:reports:read"
    ),
    ("reporting", "GET", "/v1/bilans/{year}/{caisse_code}/export.{format}"): (
        "MCNA service:reports:read"
    ),
    ("reporting", "GET", "/v1/bilans/{year}/{caisse_code}/bilan.pdf"): "MCNA service:reports:read",
    ("reporting", "GET", "/v1/national/{year}"): "NA service:reports:read",
    ("reporting", "GET", "/v1/national/{year}/live"): "NA service:reports:read",
    ("reporting", "GET", "/v1/national/{year}/export.{format}"): "NA service:reports:read",
}
LETTERS = {
    "M": Role.CAISSE_MANAGER,
    "C": Role.COUNSELOR,
    "N": Role.NATIONAL,
    "A": Role.ADMIN,
}
PERSON_ROLES = {Role.COUNSELOR, Role.CAISSE_MANAGER}


def allowed(rule: str) -> tuple[set[Role], str | None]:
    """The human roles a rule admits, and the scope a machine client needs (None: no machine
    client may; "": any may)."""
    if rule == "any":
        return set(LETTERS.values()), ""
    letters, _, service = rule.partition(" service:")
    return {LETTERS[letter] for letter in letters}, (service or None)


def _placeholder(annotation: Any) -> str:
    if annotation is uuid.UUID:
        return str(uuid.uuid4())
    if annotation is int:
        return "2011"
    return "ZZZ"


def placeholder_url(path: str, route: Any) -> str:
    """The path with a well-typed value in each parameter (naming no object)."""
    for param in route.dependant.path_params:
        path = path.replace("{" + param.name + "}", _placeholder(param.field_info.annotation))
    return path


@pytest.mark.parametrize("service", SERVICES)
def test_every_route_has_a_rule(service: str) -> None:
    app = service_app(service)
    routes = {
        (service, method, path) for path, route in api_routes(app) for method in route.methods or ()
    }
    rules = {key for key in RULES if key[0] == service}
    assert routes - rules == set(), "routes without a rule"
    assert rules - routes == set(), "rules of routes that no longer exist"


def test_national_users_never_read_a_personal_file() -> None:
    """Routes that return named people are closed to the national office."""
    personal = [
        key
        for key in RULES
        if any(
            part in key[2]
            for part in (
                "/persons",
                "/members",
                "/invitations",
                "/registrations",
                "/links",
                "/messages",
            )
        )
        and not key[2].startswith("/public")
    ]
    assert personal
    assert [key for key in personal if "N" in RULES[key].split(" ")[0]] == []


@pytest.mark.parametrize("service", SERVICES)
async def test_each_role_is_admitted_or_refused_as_its_rule_says(
    service: str, wired_apps: dict[str, FastAPI], tokens: TokenFactory
) -> None:
    app = wired_apps[service]
    callers: dict[str, dict[str, str]] = {
        role.value: tokens.headers(role, "ALPES" if role in PERSON_ROLES else None)
        for role in LETTERS.values()
    }
    mistakes = []
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        for path, route in api_routes(app):
            for method in route.methods or ():
                rule = RULES[(service, method, path)]
                if rule == "public":
                    continue
                humans, scope = allowed(rule)
                url = placeholder_url(path, route)
                body: dict[str, Any] | None = {} if method in ("POST", "PUT", "PATCH") else None
                expectations = [
                    (role.value, callers[role.value], role in humans) for role in LETTERS.values()
                ]
                expectations.append(
                    ("service without scope", tokens.headers(Role.SERVICE, scope=""), scope == "")
                )
                for granted in scope.split("|") if scope else ():
                    expectations.append(
                        (f"service {granted}", tokens.headers(Role.SERVICE, scope=granted), True)
                    )
                for who, headers, admitted in expectations:
                    response = await client.request(method, url, json=body, headers=headers)
                    status = response.status_code
                    # "any" routes re-read the caller's account, which test tokens lack: 401.
                    unauthenticated = status == 401 and rule != "any"
                    if (status == 403) == admitted or unauthenticated:
                        mistakes.append(f"{method} {path} as {who}: {status}")
    assert mistakes == []
