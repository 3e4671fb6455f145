"""Another caisse's objects are not found: for every route that names an object, ALPES's
counselor and manager get 404 for BRETAGNE's (403 where their role may not call the route at
all), never the object. Generated from the routes: a new route whose path names an object
must map it below, or the test fails.
"""

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.audit import AuditEvent
from services.shared.auth import Role
from tests.factories import TokenFactory
from tests.routes import api_routes
from tests.shared.conftest import CaisseObjects
from tests.shared.test_access_matrix import RULES, allowed

# Path parameters that name no caisse's object: the year of a policy, a national guide version,
# a national kit document and its versions, an export's file format.
NOT_OBJECTS = {"year", "number", "token", "document_id", "version", "format"}
# What such a parameter is set to (else the year 2011).
NOT_OBJECT_VALUES = {"format": "csv"}
LATER = "2030-01-07T10:00:00+01:00"
# Valid input for the routes that validate a body or a query before looking the object up, so
# that they too must answer 404 (a 422 would not show that the lookup is scoped). A new route
# of that kind fails the test until it is listed here.
VALID_INPUT: dict[tuple[str, str, str], dict[str, Any]] = {
    ("targeting", "PUT", "/persons/{person_id}/opposition"): {"json": {"contact_opt_out": True}},
    ("interviews", "PUT", "/counselors/{counselor_id}/opening-hours"): {"json": {"periods": []}},
    ("interviews", "POST", "/counselors/{counselor_id}/absences"): {
        "json": {"starts": LATER, "ends": "2030-01-07T12:00:00+01:00"}
    },
    ("interviews", "POST", "/interviews/{interview_id}/cancel"): {"json": {"reason": "test"}},
    ("interviews", "POST", "/interviews/{interview_id}/reschedule"): {"json": {"start": LATER}},
    ("interviews", "POST", "/interviews/{interview_id}/outcome"): {"params": {"outcome": "done"}},
    ("interviews", "GET", "/counselors/{counselor_id}/agenda.ics"): {
        "params": {"start": LATER, "end": "2030-01-14T10:00:00+01:00"}
    },
    ("interviews", "GET", "/counselors/{counselor_id}/interviews"): {
        "params": {"start": LATER, "end": "2030-01-14T10:00:00+01:00"}
    },
    ("interviews", "PUT", "/interviews/{interview_id}/record"): {"json": {"outcome": "done"}},
    ("interviews", "PUT", "/letter-templates/{template_id}"): {
        "json": {"name": "x", "subject": "x", "body": "x"}
    },
    ("interviews", "POST", "/meetings/{meeting_id}/registrations"): {"json": {"person_id": 1}},
    ("surveys", "POST", "/questionnaires/{version_id}/questions"): {
        "json": {"type": "yes_no", "label": "x"}
    },
    ("surveys", "PUT", "/questionnaires/{version_id}/questions/{question_id}"): {
        "json": {"type": "yes_no", "label": "x"}
    },
    ("surveys", "POST", "/campaigns/{campaign_id}/links"): {"json": {"contact_event_id": 1}},
    ("reporting", "PUT", "/v1/bilans/{year}/{caisse_code}/qualitative"): {
        "json": {"difficulties": "x"}
    },
}


@pytest.mark.parametrize("service", ["targeting", "interviews", "surveys", "reporting"])
async def test_another_caisses_objects_are_not_found(
    service: str,
    bretagne: CaisseObjects,
    tokens: TokenFactory,
    targeting_app: FastAPI,
    interviews_app: FastAPI,
    surveys_app: FastAPI,
    reporting_app: FastAPI,
    session: AsyncSession,
) -> None:
    app = {
        "targeting": targeting_app,
        "interviews": interviews_app,
        "surveys": surveys_app,
        "reporting": reporting_app,
    }[service]
    ids = bretagne.ids[service]
    callers = {
        Role.COUNSELOR: tokens.headers(Role.COUNSELOR, "ALPES"),
        Role.CAISSE_MANAGER: tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
    }
    unmapped, leaks, checked = [], [], 0
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        for path, route in api_routes(app):
            # A path parameter by the name in the path (its alias, if it has one).
            names = [p.alias for p in route.dependant.path_params if p.alias not in NOT_OBJECTS]
            if not names:
                continue
            if any(name not in ids for name in names):
                unmapped.append(path)
                continue
            url = path
            for param in route.dependant.path_params:
                value = ids.get(param.alias, NOT_OBJECT_VALUES.get(param.alias, "2011"))
                url = url.replace("{" + param.alias + "}", value)
            for method in route.methods or ():
                rule = RULES[(service, method, path)]
                if rule == "public":
                    continue
                humans, _ = allowed(rule)
                valid = VALID_INPUT.get((service, method, path))
                body: dict[str, Any] | None = {} if method in ("POST", "PUT", "PATCH") else None
                request: dict[str, Any] = valid if valid is not None else {"json": body}
                for role, headers in callers.items():
                    response = await client.request(method, url, headers=headers, **request)
                    expected = {404} if role in humans else {403}
                    checked += 1
                    if response.status_code not in expected:
                        leaks.append(f"{method} {path} as {role.value}: {response.status_code}")
    assert unmapped == []
    assert leaks == []
    assert checked > 10
    # Each refusal is in the audit log: who, what route, and that it was another caisse's
    # (by the service that refused: interviews leaves a person's scope to targeting).
    denied = (
        await session.scalars(select(AuditEvent).where(AuditEvent.operation == "denied"))
    ).all()
    assert len(denied) >= checked
    assert {e.actor_caisse for e in denied} == {"ALPES"}
    assert any(e.purpose == "other caisse: BRETAGNE" for e in denied)
