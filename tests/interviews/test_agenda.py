"""The counselor's agenda: names in the entries, absences listed, changed and removed, and a
calendar subscription address (secret, revocable, no personal data in it)."""

import logging
from datetime import timedelta
from typing import Any

import httpx
import icalendar
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.audit import AuditEvent
from services.shared.auth import Role
from tests.factories import TokenFactory
from tests.interviews.test_booking import MONDAY, at, booking, instant, world  # noqa: F401

WEEK = {"start": at(0), "end": at(0, day=MONDAY + timedelta(days=7))}


async def test_agenda_entries_name_the_person_and_the_read_is_audited(
    interviews_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: dict[str, Any],  # noqa: F811
    session: AsyncSession,
) -> None:
    claire = world["counselors"][0]
    headers = tokens.headers(Role.COUNSELOR, "ALPES")
    booked = await interviews_client.post(
        "/interviews", json=booking(world, at(9), counselor_id=claire), headers=headers
    )
    assert booked.status_code == 201, booked.text
    agenda = await interviews_client.get(
        f"/counselors/{claire}/interviews", params=WEEK, headers=headers
    )
    assert agenda.status_code == 200, agenda.text
    [entry] = agenda.json()
    assert entry["person_last_name"] == "Alpin" and entry["person_first_name"]
    reads = await session.scalars(
        select(AuditEvent.purpose).where(
            AuditEvent.service == "targeting",
            AuditEvent.resource_type == "insured_person",
            AuditEvent.resource_id == str(world["people"]["Alpin"]),
        )
    )
    assert "agenda du conseiller" in list(reads)


async def test_names_are_read_in_batches_and_only_within_the_callers_caisse(
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: dict[str, Any],  # noqa: F811
) -> None:
    people = world["people"]
    asked = {"person_ids": [people["Alpin"], people["Breton"]], "purpose": "test"}
    alpes = await targeting_client.post(
        "/persons/names", json=asked, headers=tokens.headers(Role.COUNSELOR, "ALPES")
    )
    assert alpes.status_code == 200, alpes.text
    assert [p["last_name"] for p in alpes.json()] == ["Alpin"]
    too_many = {"person_ids": list(range(1, 502))}
    refused = await targeting_client.post(
        "/persons/names", json=too_many, headers=tokens.headers(Role.COUNSELOR, "ALPES")
    )
    assert refused.status_code == 422


async def test_absences_are_listed_changed_and_removed(
    interviews_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: dict[str, Any],  # noqa: F811
) -> None:
    claire = world["counselors"][0]
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    created = await interviews_client.post(
        f"/counselors/{claire}/absences",
        json={"starts": at(9), "ends": at(12), "reason": "formation"},
        headers=manager,
    )
    assert created.status_code == 201, created.text
    absence = created.json()
    listed = await interviews_client.get(f"/counselors/{claire}/absences", headers=manager)
    assert [(a["id"], a["reason"]) for a in listed.json()] == [(absence["id"], "formation")]

    moved = await interviews_client.patch(
        f"/counselors/{claire}/absences/{absence['id']}",
        json={"ends": at(10), "reason": "réunion"},
        headers=manager,
    )
    assert moved.status_code == 200, moved.text
    assert instant(moved.json()["ends"]) == instant(at(10)) and moved.json()["reason"] == "réunion"
    # Claire is free again from 10:00: an explicit booking at 10:00 passes.
    freed = await interviews_client.post(
        "/interviews", json=booking(world, at(10), counselor_id=claire), headers=manager
    )
    assert freed.status_code == 201, freed.text

    backwards = await interviews_client.patch(
        f"/counselors/{claire}/absences/{absence['id']}", json={"ends": at(8)}, headers=manager
    )
    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["field"] == "ends"

    bretagne = tokens.headers(Role.CAISSE_MANAGER, "BRETAGNE")
    foreign = await interviews_client.delete(
        f"/counselors/{claire}/absences/{absence['id']}", headers=bretagne
    )
    assert foreign.status_code == 404
    counselor = tokens.headers(Role.COUNSELOR, "ALPES")
    not_theirs = await interviews_client.delete(
        f"/counselors/{claire}/absences/{absence['id']}", headers=counselor
    )
    assert not_theirs.status_code == 403

    removed = await interviews_client.delete(
        f"/counselors/{claire}/absences/{absence['id']}", headers=manager
    )
    assert removed.status_code == 204
    assert (
        await interviews_client.get(f"/counselors/{claire}/absences", headers=manager)
    ).json() == []
    again = await interviews_client.delete(
        f"/counselors/{claire}/absences/{absence['id']}", headers=manager
    )
    assert again.status_code == 404


async def test_a_subscription_address_serves_the_calendar_until_renewed_or_revoked(
    interviews_client: httpx.AsyncClient,
    tokens: TokenFactory,
    world: dict[str, Any],  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    claire = world["counselors"][0]
    headers = tokens.headers(Role.COUNSELOR, "ALPES")
    none_yet = await interviews_client.get(f"/counselors/{claire}/agenda-feed", headers=headers)
    assert none_yet.status_code == 200 and none_yet.json()["url"] is None
    booked = []
    for body in (
        booking(world, at(9), counselor_id=claire),
        booking(world, at(14), counselor_id=claire, channel="phone", site_id=None),
    ):
        response = await interviews_client.post("/interviews", json=body, headers=headers)
        assert response.status_code == 201, response.text
        booked.append(response.json())

    created = await interviews_client.put(f"/counselors/{claire}/agenda-feed", headers=headers)
    url = created.json()["url"]
    assert url.endswith(".ics")
    shown = await interviews_client.get(f"/counselors/{claire}/agenda-feed", headers=headers)
    assert shown.json()["url"] == url  # the same address, shown again

    path = "/agenda-feeds/" + url.rsplit("/", 1)[1]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="rsi.access"):
        feed = await interviews_client.get(path)  # no account
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    access = [r.getMessage() for r in caplog.records if r.name == "rsi.access"]
    assert access == ["GET /agenda-feeds/{token}.ics 200"]  # the secret stays out of the log
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"{b['id']}@rsi-contact" for b in booked]
    assert [str(e["location"]) for e in events] == ["Accueil Chambéry, 1 place", "Par téléphone"]
    assert "Alpin" not in feed.text

    renewed = await interviews_client.put(f"/counselors/{claire}/agenda-feed", headers=headers)
    assert renewed.json()["url"] != url
    assert (await interviews_client.get(path)).status_code == 404
    new_path = "/agenda-feeds/" + renewed.json()["url"].rsplit("/", 1)[1]
    assert (await interviews_client.get(new_path)).status_code == 200

    bretagne = tokens.headers(Role.CAISSE_MANAGER, "BRETAGNE")
    foreign = await interviews_client.delete(f"/counselors/{claire}/agenda-feed", headers=bretagne)
    assert foreign.status_code == 404
    revoked = await interviews_client.delete(f"/counselors/{claire}/agenda-feed", headers=headers)
    assert revoked.status_code == 200 and revoked.json()["url"] is None
    assert (await interviews_client.get(new_path)).status_code == 404
