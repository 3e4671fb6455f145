"""Objects of one caisse (BRETAGNE), of every kind a route can name, for the tests that walk
every route: another caisse's staff must not find them; their own staff's reads are audited."""

from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.followups.models import FollowUpTask
from services.interviews.guide.seed import seed_national_guide
from services.interviews.invitations.models import Invitation
from services.interviews.letters.seed import seed_national_templates
from services.shared.auth import Role
from services.shared.settings import Settings
from services.surveys.campaigns.models import Link
from services.surveys.questionnaires.seed import seed_national_questionnaire
from services.targeting.policy.models import PolicyAction
from services.targeting.policy.seed import seed_socle_2011
from services.targeting.registry.models import InsuredPerson
from tests.conftest import RunJobs
from tests.factories import TokenFactory, create_caisses, import_persons, person_row
from tests.interviews.conftest import held_interview_slot
from tests.surveys.conftest import add_link, create_campaign


@dataclass
class CaisseObjects:
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
    run_jobs: RunJobs,
) -> CaisseObjects:
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
    await run_jobs()
    target_list = started.json()["list"]

    counselor_row = await interviews_client.post(
        "/counselors", json={"username": "yann.bretagne", "full_name": "Yann"}, headers=manager
    )
    absence = await interviews_client.post(
        f"/counselors/{counselor_row.json()['id']}/absences",
        json={"starts": "2030-01-07T09:00:00+01:00", "ends": "2030-01-07T12:00:00+01:00"},
        headers=manager,
    )
    assert absence.status_code == 201, absence.text
    interview = await held_interview_slot(session, person, action_id, caisse="BRETAGNE")
    recorded = await interviews_client.put(
        f"/interviews/{interview}/record",
        json={"outcome": "done", "follow_ups": ["ris_request"]},
        headers=counselor,
    )
    assert recorded.status_code == 200, recorded.text
    follow_up = await session.scalar(select(FollowUpTask.id))
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
    await run_jobs()
    reminders = await interviews_client.post(
        f"/campaigns/{campaign.json()['id']}/reminders", headers=manager
    )
    assert reminders.status_code == 202, reminders.text
    await run_jobs()
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
        json={"person_id": person, "outside_target_reason": "invité par le conseiller"},
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
    return CaisseObjects(
        {
            "targeting": {
                "code": "BRETAGNE",
                "person_id": str(person),
                "job_id": str(started.json()["job"]["id"]),
                "action_id": str(action_id),
                "list_id": str(target_list["id"]),
                "caisse_code": "BRETAGNE",  # a caisse's adaptation of a kit document
            },
            "interviews": {
                "counselor_id": str(counselor_row.json()["id"]),
                "absence_id": str(absence.json()["id"]),
                "follow_up_id": str(follow_up),
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
