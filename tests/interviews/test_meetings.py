"""Collective meetings: the trade-show rule, capacity and waiting list, check-in."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.contacts.models import Contact
from services.interviews.meetings.models import Meeting
from services.shared.audit import AuditEvent
from tests.factories import TokenFactory
from tests.interviews.conftest import counselor, manager

STARTS = datetime.now(UTC) + timedelta(days=20)
# The tests' meetings are for auto-entrepreneurs; only Bernard is one.
INVITED = {"outside_target_reason": "invité par le conseiller"}


def meeting(alpes: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    return {
        "action_id": alpes["actions"]["RENCONTRE_AE"],
        "kind": "auto_entrepreneurs",
        "title": "Auto-entrepreneurs : bien déclarer",
        "place": "Maison de l'entreprise, Chambéry",
        "starts_at": STARTS.isoformat(),
        "ends_at": (STARTS + timedelta(hours=2)).isoformat(),
        "capacity": 2,
        "topics": ["déclaration du chiffre d'affaires"],
        **overrides,
    }


async def test_trade_show_meetings_need_an_event_and_a_category_with_risk_information(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, alpes: dict[str, Any]
) -> None:
    headers = counselor(tokens)
    trade_show = meeting(
        alpes,
        action_id=alpes["actions"]["RENCONTRE_CS"],
        kind="trade_show",
        partner_event="Salon de l'artisanat",
    )
    cases = [
        ({**trade_show, "professional_category": "nettoyage"}, "professional_category"),
        (
            {**trade_show, "professional_category": "coiffure", "partner_event": None},
            "partner_event",
        ),
        (
            {
                **trade_show,
                "professional_category": "coiffure",
                "action_id": alpes["actions"]["EIG"],
            },
            "action_id",
        ),
    ]
    for body, field in cases:
        response = await interviews_client.post("/meetings", json=body, headers=headers)
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == field
    ok = await interviews_client.post(
        "/meetings", json={**trade_show, "professional_category": "coiffure"}, headers=headers
    )
    assert ok.status_code == 201, ok.text
    assert ok.json()["caisse_code"] == "ALPES" and ok.json()["status"] == "planned"


async def test_capacity_waiting_list_and_check_in(
    interviews_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
) -> None:
    headers = counselor(tokens)
    created = await interviews_client.post("/meetings", json=meeting(alpes), headers=headers)
    meeting_id = created.json()["id"]
    people = alpes["people"]
    registrations = {}
    for name in ("Arnaud", "Bernard", "Createur"):
        response = await interviews_client.post(
            f"/meetings/{meeting_id}/registrations",
            json={"person_id": people[name], **INVITED},
            headers=headers,
        )
        assert response.status_code == 201, response.text
        registrations[name] = response.json()
    assert [(r["status"], r["waitlist_position"]) for r in registrations.values()] == [
        ("registered", None),
        ("registered", None),
        ("waitlisted", 1),
    ]
    assert [r["outside_target_reason"] for r in registrations.values()] == [
        "invité par le conseiller",
        None,  # Bernard is an auto-entrepreneur: no exception to record
        "invité par le conseiller",
    ]
    twice = await interviews_client.post(
        f"/meetings/{meeting_id}/registrations",
        json={"person_id": people["Arnaud"]},
        headers=headers,
    )
    assert twice.status_code == 409
    foreign = await interviews_client.post(
        f"/meetings/{meeting_id}/registrations",
        json={"person_id": people["Breton"]},
        headers=headers,
    )
    assert foreign.status_code == 404

    waitlisted = registrations["Createur"]["id"]
    refused = await interviews_client.post(
        f"/meetings/{meeting_id}/registrations/{waitlisted}/check-in", headers=headers
    )
    assert refused.status_code == 409
    # Bernard cancels: his seat goes to the waiting list.
    cancelled = await interviews_client.post(
        f"/meetings/{meeting_id}/registrations/{registrations['Bernard']['id']}/cancel",
        headers=headers,
    )
    assert cancelled.json()["status"] == "cancelled"
    listed = (
        await interviews_client.get(f"/meetings/{meeting_id}/registrations", headers=headers)
    ).json()
    assert {r["person_id"]: r["status"] for r in listed} == {
        people["Arnaud"]: "registered",
        people["Bernard"]: "cancelled",
        people["Createur"]: "registered",
    }

    too_early = await interviews_client.post(
        f"/meetings/{meeting_id}/registrations/{registrations['Arnaud']['id']}/check-in",
        headers=headers,
    )
    assert too_early.status_code == 409 and too_early.json()["reason"] == "not_the_day"
    # The day of the meeting (Paris): check-in opens.
    row = await session.get(Meeting, meeting_id)
    assert row is not None
    row.starts_at, row.ends_at = datetime.now(UTC), datetime.now(UTC) + timedelta(minutes=1)
    await session.flush()
    for name in ("Arnaud", "Createur"):
        checked = await interviews_client.post(
            f"/meetings/{meeting_id}/registrations/{registrations[name]['id']}/check-in",
            headers=headers,
        )
        assert checked.status_code == 200 and checked.json()["checked_in_at"]
    again = await interviews_client.post(
        f"/meetings/{meeting_id}/registrations/{registrations['Arnaud']['id']}/check-in",
        headers=headers,
    )
    assert again.status_code == 409
    read = (await interviews_client.get(f"/meetings/{meeting_id}", headers=headers)).json()
    assert (read["status"], read["registered"], read["waitlisted"], read["attended"]) == (
        "held",
        2,
        0,
        2,
    )
    contacts = (await session.scalars(select(Contact).order_by(Contact.id))).all()
    assert [(c.kind, c.channel, c.person_id) for c in contacts] == [
        ("meeting", "collective", people["Arnaud"]),
        ("meeting", "collective", people["Createur"]),
    ]
    # Each change is in the audit log; the refused ones (409) are not.
    audited = await session.execute(
        select(AuditEvent.operation, AuditEvent.purpose)
        .where(AuditEvent.resource_type == "meeting_registration")
        .order_by(AuditEvent.id)
    )
    assert audited.all() == [
        ("create", f"meeting {meeting_id}, registered, outside the target"),
        ("create", f"meeting {meeting_id}, registered"),
        ("create", f"meeting {meeting_id}, waitlisted, outside the target"),
        ("update", "cancel"),
        ("update", "check-in"),
        ("update", "check-in"),
    ]
    # Registrations are closed once the meeting is held; another caisse sees nothing.
    late = await interviews_client.post(
        f"/meetings/{meeting_id}/registrations",
        json={"person_id": people["Bernard"]},
        headers=headers,
    )
    assert late.status_code == 409
    other = counselor(tokens, "BRETAGNE")
    assert (
        await interviews_client.get(f"/meetings/{meeting_id}", headers=other)
    ).status_code == 404
    assert (
        await interviews_client.get(f"/meetings/{meeting_id}/registrations", headers=other)
    ).status_code == 404


async def test_a_larger_capacity_seats_the_waiting_list(
    interviews_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    alpes: dict[str, Any],
) -> None:
    headers = counselor(tokens)
    meeting_id = (
        await interviews_client.post("/meetings", json=meeting(alpes, capacity=1), headers=headers)
    ).json()["id"]
    for name in ("Arnaud", "Bernard"):
        await interviews_client.post(
            f"/meetings/{meeting_id}/registrations",
            json={"person_id": alpes["people"][name], **INVITED},
            headers=headers,
        )
    smaller = await interviews_client.patch(
        f"/meetings/{meeting_id}", json={"capacity": 1}, headers=headers
    )
    assert smaller.json()["waitlisted"] == 1
    larger = await interviews_client.patch(
        f"/meetings/{meeting_id}",
        json={"capacity": 3, "topics": ["déclaration", "protection sociale"]},
        headers=manager(tokens),
    )
    assert (larger.json()["registered"], larger.json()["waitlisted"]) == (2, 0)
    assert larger.json()["topics"] == ["déclaration", "protection sociale"]
    below = await interviews_client.patch(
        f"/meetings/{meeting_id}", json={"capacity": 1}, headers=headers
    )
    assert below.status_code == 422 and below.json()["errors"][0]["field"] == "capacity"


async def test_a_person_outside_the_meetings_target_needs_a_reason(
    interviews_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    alpes: dict[str, Any],
) -> None:
    headers = counselor(tokens)
    meeting_id = (
        await interviews_client.post("/meetings", json=meeting(alpes), headers=headers)
    ).json()["id"]
    url = f"/meetings/{meeting_id}/registrations"
    refused = await interviews_client.post(
        url, json={"person_id": alpes["people"]["Arnaud"]}, headers=headers
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == "outside_target_reason"
    assert "auto-entrepreneur" in refused.json()["detail"]
    target = await interviews_client.post(
        url, json={"person_id": alpes["people"]["Bernard"]}, headers=headers
    )
    assert target.status_code == 201 and target.json()["outside_target_reason"] is None
    forced = await interviews_client.post(
        url,
        json={"person_id": alpes["people"]["Arnaud"], "outside_target_reason": "conjoint associé"},
        headers=headers,
    )
    assert (
        forced.status_code == 201 and forced.json()["outside_target_reason"] == "conjoint associé"
    )
    listed = (await interviews_client.get(url, headers=headers)).json()
    assert {r["person_id"]: r["outside_target_reason"] for r in listed} == {
        alpes["people"]["Bernard"]: None,
        alpes["people"]["Arnaud"]: "conjoint associé",
    }
