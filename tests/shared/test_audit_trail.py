"""Every read of a person's data is in the audit log, with who, what and the request's id.

Generated from the access rules: every GET route closed to the national office is either a
personal read — walked here: the owning caisse's manager reads it, and the service that holds
the data has logged the read — or reviewed below as holding no person's data. A new route
closed to the national office fails the test until it is classified.
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
from tests.shared.conftest import CaisseObjects
from tests.shared.test_access_matrix import RULES

WEEK = {"start": "2030-01-07T00:00:00+01:00", "end": "2030-01-14T00:00:00+01:00"}
# (service, path) → query parameters the read needs.
PERSONAL_READS: dict[tuple[str, str], dict[str, Any]] = {
    ("targeting", "/persons/{person_id}"): {},
    ("targeting", "/persons/{person_id}/contact-details"): {},
    ("targeting", "/target-lists/{list_id}/members"): {},
    ("targeting", "/target-lists/{list_id}/person-ids"): {},
    ("targeting", "/target-lists/{list_id}/export.{format}"): {},
    ("interviews", "/interviews/{interview_id}"): {},
    ("interviews", "/interviews/{interview_id}/history"): {},
    ("interviews", "/interviews/{interview_id}/guide"): {},
    ("interviews", "/interviews/{interview_id}/record"): {},
    ("interviews", "/counselors/{counselor_id}/agenda.ics"): WEEK,
    ("interviews", "/counselors/{counselor_id}/interviews"): WEEK,
    ("interviews", "/campaigns/{campaign_id}/letters.pdf"): {},
    ("interviews", "/campaigns/{campaign_id}/letters.zip"): {},
    ("interviews", "/campaigns/{campaign_id}/reminders.pdf"): {},
    ("interviews", "/campaigns/{campaign_id}/invitations"): {},
    ("interviews", "/campaigns/{campaign_id}/messages"): {},
    ("interviews", "/invitations/{invitation_id}/letter.pdf"): {},
    ("interviews", "/meetings/{meeting_id}/registrations"): {},
    ("interviews", "/persons/{person_id}/contacts"): {},
    ("interviews", "/follow-ups"): {},
    ("surveys", "/campaigns/{campaign_id}/links"): {},
    ("surveys", "/campaigns/{campaign_id}/messages"): {},
}
NOT_PERSONAL: dict[tuple[str, str], str] = {
    ("targeting", "/imports/{job_id}/errors"): "line numbers, field names and messages",
    ("targeting", "/imports/{job_id}/errors.{format}"): "line numbers, field names and messages",
    ("interviews", "/counselors"): "the caisse's staff directory",
    ("interviews", "/counselors/me"): "the caller's own staff record",
    ("identity", "/machine-clients"): "machine clients: no person",
    ("identity", "/machine-clients/{client_id}"): "a machine client: no person",
    ("interviews", "/sites"): "the caisse's reception sites",
    ("interviews", "/counselors/{counselor_id}/opening-hours"): "a counselor's weekly hours",
    ("interviews", "/counselors/{counselor_id}/absences"): "a counselor's absences",
    ("interviews", "/counselors/{counselor_id}/agenda-feed"): "a calendar address, no one named",
    ("interviews", "/slots"): "free times: nobody is named",
    ("interviews", "/campaigns"): "campaigns and their counts",
    ("interviews", "/campaigns/{campaign_id}"): "a campaign and its counts",
    ("interviews", "/meetings"): "meetings and their seat counts",
    ("interviews", "/meetings/{meeting_id}"): "a meeting and its seat counts",
    ("interviews", "/capacity"): "hours offered against hours needed",
    ("interviews", "/capacity/alerts"): "hours offered against hours needed",
    ("interviews", "/planning"): "counts per action and month",
    ("interviews", "/jobs/{job_id}"): "a job's progress",
}


def test_every_route_closed_to_the_national_office_is_classified() -> None:
    closed = {
        (service, path)
        for (service, method, path), rule in RULES.items()
        if method == "GET" and rule not in ("public", "any") and "N" not in rule.split(" ")[0]
    }
    classified = set(PERSONAL_READS) | set(NOT_PERSONAL)
    assert closed - classified == set(), "routes to classify"
    assert classified - closed == set(), "classified routes that are gone or open to N"


@pytest.mark.parametrize("service", ["targeting", "interviews", "surveys"])
async def test_the_owning_caisses_reads_of_personal_data_are_audited(
    service: str,
    bretagne: CaisseObjects,
    wired_apps: dict[str, FastAPI],
    tokens: TokenFactory,
    session: AsyncSession,
) -> None:
    ids = bretagne.ids[service]
    unaudited, checked = [], 0
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=wired_apps[service]), base_url="http://test"
    ) as client:
        for (owner, path), params in PERSONAL_READS.items():
            if owner != service:
                continue
            url = path.format(**ids, format="csv")
            response = await client.get(
                url, params=params, headers=tokens.headers(Role.CAISSE_MANAGER, "BRETAGNE")
            )
            assert response.status_code == 200, f"{path}: {response.text}"
            events = (
                await session.scalars(
                    select(AuditEvent).where(
                        AuditEvent.request_id == response.headers["x-request-id"],
                        AuditEvent.service == service,
                    )
                )
            ).all()
            if not [
                event
                for event in events
                if event.actor_caisse == "BRETAGNE"
                and event.actor_role == "caisse_manager"
                and event.operation in ("read", "search", "export")
                and event.resource_id
            ]:
                unaudited.append(path)
            checked += 1
    assert unaudited == []
    assert checked == len([key for key in PERSONAL_READS if key[0] == service])
