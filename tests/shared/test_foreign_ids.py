"""Another caisse's objects are not found: for every route that names an object, ALPES's
counselor and manager get 404 for BRETAGNE's (403 where their role may not call the route at
all), never the object. Generated from the routes: a new route whose path names an object
must map it below, or the test fails.
"""

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.guide.seed import seed_national_guide
from services.interviews.letters.models import Invitation
from services.interviews.letters.seed import seed_national_templates
from services.shared.audit import AuditEvent
from services.shared.auth import Role
from services.shared.settings import Settings
from services.surveys.campaigns.models import Link
from services.surveys.questionnaires.seed import seed_national_questionnaire
from services.targeting.policy.models import PolicyAction
from services.targeting.policy.seed import seed_socle_2011
from services.targeting.registry.models import InsuredPerson
from tests.factories import TokenFactory, create_caisses, import_persons, person_row
from tests.interviews.conftest import held_interview_slot
from tests.routes import api_routes
from tests.shared.test_access_matrix import RULES, allowed
from tests.surveys.conftest import add_link, create_campaign

# Path parameters that name no caisse's object: the year of a policy, a national guide version.
NOT_OBJECTS = {"year", "number", "token"}
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


@dataclass
class Foreign:
    ids: dict[str, dict[str, str]]  # service → path parameter → a BRETAGNE object's id


@pytest.fixture
async def bretagne(
    session: AsyncSession,
    settings: Settings,
    tokens: TokenFactory,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    surveys_client: httpx.AsyncClient,
) -> Foreign:
    """One object of each kind, all in BRETAGNE."""
    await create_caisses(session)
    await seed_socle_2011(session)
    await seed_national_guide(session)
    await seed_national_templates(session)
    await seed_national_questionnaire(session)
    manager = tokens.headers(Role.CAISSE_MANAGER, "BRETAGNE")
    counselor = tokens.headers(Role.COUNSELOR, "BRETAGNE")
    await import_persons(
        targeting_client, tokens, [person_row(last_name="Breton", caisse_code="BRETAGNE")]
    )
    person = await session.scalar(select(InsuredPerson.id))
    assert person is not None
    action = await targeting_client.post(
        "/policy/2011/actions",
        json={
            "code": "BRET-EIG",
            "title": "Entretiens bretons",
            "contact_type": "individual_interview",
            "target_description": "",
            "specific_objective": "",
            "content": "",
            "calendar_start": "2011-01-01",
            "calendar_end": "2011-12-31",
            "modalities": "",
            "tools": "",
            "target_definition": {"filter": {}},
        },
        headers=manager,
    )
    assert action.status_code == 201, action.text
    action_id = action.json()["id"]
    started = await targeting_client.post(
        f"/actions/{action_id}/target-lists", json={}, headers=manager
    )
    await targeting_app.state.job_runner.wait_idle()
    target_list = started.json()["list"]

    counselor_row = await interviews_client.post(
        "/counselors", json={"username": "yann.bretagne", "full_name": "Yann"}, headers=manager
    )
    interview = await held_interview_slot(session, person, action_id, caisse="BRETAGNE")
    template = await interviews_client.post(
        "/letter-templates",
        json={"name": "Breton", "subject": "Objet", "body": "Bonjour ${person.last_name}"},
        headers=manager,
    )
    campaign = await interviews_client.post(
        "/campaigns",
        json={
            "target_list_id": target_list["id"],
            "template_id": template.json()["id"],
            "contact_phone": "0299000000",
            "capacity_check": "off",
        },
        headers=manager,
    )
    assert campaign.status_code == 202, campaign.text
    await interviews_app.state.job_runner.wait_idle()
    invitation = await session.scalar(select(Invitation.id))
    socle = dict((await session.execute(select(PolicyAction.code, PolicyAction.id))).all())
    meeting = await interviews_client.post(
        "/meetings",
        json={
            "action_id": socle["RENCONTRE_AE"],
            "kind": "auto_entrepreneurs",
            "title": "Rencontre",
            "place": "Rennes",
            "starts_at": "2030-01-10T09:00:00+01:00",
            "ends_at": "2030-01-10T11:00:00+01:00",
            "capacity": 10,
        },
        headers=counselor,
    )
    registration = await interviews_client.post(
        f"/meetings/{meeting.json()['id']}/registrations",
        json={"person_id": person},
        headers=counselor,
    )

    questionnaire = await surveys_client.post("/questionnaires", json={}, headers=manager)
    assert questionnaire.status_code == 201, questionnaire.text
    question = await surveys_client.post(
        f"/questionnaires/{questionnaire.json()['id']}/questions",
        json={"type": "yes_no", "label": "Question bretonne ?"},
        headers=manager,
    )
    assert question.status_code == 201, question.text
    published = await surveys_client.get("/questionnaires", headers=manager)
    national_v1 = next(v["id"] for v in published.json() if v["status"] == "published")
    survey = await create_campaign(
        surveys_client, tokens, national_v1, socle["EIG"], caisse="BRETAGNE"
    )
    await add_link(session, settings, int(str(survey["id"])), person, caisse="BRETAGNE")
    link = await session.scalar(select(Link.id))
    return Foreign(
        {
            "targeting": {
                "code": "BRETAGNE",
                "person_id": str(person),
                "job_id": str(started.json()["job"]["id"]),
                "action_id": str(action_id),
                "list_id": str(target_list["id"]),
            },
            "interviews": {
                "counselor_id": str(counselor_row.json()["id"]),
                "interview_id": str(interview),
                "template_id": str(template.json()["id"]),
                "campaign_id": str(campaign.json()["id"]),
                "invitation_id": str(invitation),
                "meeting_id": str(meeting.json()["id"]),
                "registration_id": str(registration.json()["id"]),
                "person_id": str(person),
                "job_id": str(campaign.json()["job"]["id"]),
            },
            # A caisse's bilan is named by the caisse's code (and the year).
            "reporting": {"caisse_code": "BRETAGNE", "version": "1"},
            "surveys": {
                "version_id": str(questionnaire.json()["id"]),
                "question_id": str(question.json()["id"]),
                "campaign_id": str(survey["id"]),
                "link_id": str(link),
            },
        }
    )


@pytest.mark.parametrize("service", ["targeting", "interviews", "surveys", "reporting"])
async def test_another_caisses_objects_are_not_found(
    service: str,
    bretagne: Foreign,
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
            names = [p.name for p in route.dependant.path_params if p.name not in NOT_OBJECTS]
            if not names:
                continue
            if any(name not in ids for name in names):
                unmapped.append(path)
                continue
            url = path
            for param in route.dependant.path_params:
                url = url.replace("{" + param.name + "}", ids.get(param.name, "2011"))
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
