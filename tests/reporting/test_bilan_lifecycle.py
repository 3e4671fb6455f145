"""Draft → submitted (frozen, versioned) → reopened by the national office only; the 31 January
deadline; ETags; who may do what."""

import hashlib

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.audit import AuditEvent
from services.shared.auth import Role
from tests.factories import TokenFactory
from tests.reporting.conftest import LATE, YEAR, Clock, PeerSwitch, StatsData

pytestmark = pytest.mark.usefixtures("fixture_stats")
BILAN = f"/v1/bilans/{YEAR}/ALPES"
TEXT = {"difficulties": "Peu de créneaux", "local_actions": "Salon", "priorities": "EIG 1957"}
REOPEN = {"version": 1, "reason": "Les chiffres des rencontres de décembre manquent."}


async def test_submit_reopen_resubmit_makes_immutable_numbered_versions(
    reporting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    clock: Clock,
    stats_data: StatsData,
) -> None:
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    national = tokens.headers(Role.NATIONAL)
    edited = await reporting_client.put(f"{BILAN}/qualitative", json=TEXT, headers=manager)
    assert edited.status_code == 200 and edited.json() == TEXT

    submitted = await reporting_client.post(f"{BILAN}/submit", headers=manager)
    assert submitted.status_code == 200, submitted.text
    first = submitted.json()
    assert (first["status"], first["version"], first["late"]) == ("submitted", 1, False)
    assert first["submitted_at"] == "2012-01-20T10:00:00Z" and first["qualitative"] == TEXT
    assert first["totals"]["held"] == 3

    # Frozen: new activity, text edits and a second submission change nothing.
    stats_data.interviews[0]["channels"][0]["held"] += 5
    again = await reporting_client.post(f"{BILAN}/submit", headers=manager)
    assert again.status_code == 409 and again.headers["content-type"] == "application/problem+json"
    blocked = await reporting_client.put(
        f"{BILAN}/qualitative", json={**TEXT, "difficulties": "x"}, headers=manager
    )
    assert blocked.status_code == 409
    current = await reporting_client.get(BILAN, headers=manager)
    assert current.json() == first

    # Only the national office reopens.
    refused = await reporting_client.post(f"{BILAN}/reopen", json=REOPEN, headers=manager)
    assert refused.status_code == 403
    reopened = await reporting_client.post(f"{BILAN}/reopen", json=REOPEN, headers=national)
    assert reopened.status_code == 200 and reopened.json()["version"] == 1
    assert reopened.json()["reopened_by"] == "user:test-national"
    twice = await reporting_client.post(f"{BILAN}/reopen", json=REOPEN, headers=national)
    assert twice.status_code == 409
    draft = (await reporting_client.get(BILAN, headers=manager)).json()
    assert (draft["status"], draft["version"], draft["previous_versions"]) == ("draft", None, 1)
    assert draft["totals"]["held"] == 8  # live again

    await reporting_client.put(
        f"{BILAN}/qualitative", json={**TEXT, "priorities": "Créateurs"}, headers=manager
    )
    clock.now = LATE
    second = (await reporting_client.post(f"{BILAN}/submit", headers=manager)).json()
    assert (second["version"], second["late"], second["previous_versions"]) == (2, True, 1)
    assert second["qualitative"]["priorities"] == "Créateurs" and second["totals"]["held"] == 8

    versions = (await reporting_client.get(f"{BILAN}/versions", headers=national)).json()["items"]
    assert [(v["version"], v["late"]) for v in versions] == [(1, False), (2, True)]
    assert versions[0]["reopened_by"] == "user:test-national" and versions[1]["reopened_by"] is None
    old = await reporting_client.get(f"{BILAN}/versions/1", headers=national)
    assert old.json() == first
    assert old.headers["etag"] == f'"{hashlib.sha256(old.content).hexdigest()}"'
    assert old.headers["etag"] == versions[0]["etag"]
    absent = await reporting_client.get(f"{BILAN}/versions/3", headers=national)
    assert absent.status_code == 404


async def test_a_draft_is_late_once_the_deadline_has_passed(
    reporting_client: httpx.AsyncClient, tokens: TokenFactory, clock: Clock
) -> None:
    headers = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    clock.now = clock.now.replace(month=1, day=31, hour=23)
    assert (await reporting_client.get(BILAN, headers=headers)).json()["late"] is False
    clock.now = LATE
    assert (await reporting_client.get(BILAN, headers=headers)).json()["late"] is True


async def test_etags_make_unchanged_pulls_cheap(
    reporting_client: httpx.AsyncClient, tokens: TokenFactory, stats_data: StatsData
) -> None:
    machine = tokens.headers(Role.SERVICE, scope="reports:read stats:read")
    draft = await reporting_client.get(BILAN, headers=machine)
    assert draft.status_code == 200
    tag = draft.headers["etag"]
    assert tag == f'"{hashlib.sha256(draft.content).hexdigest()}"'
    same = await reporting_client.get(BILAN, headers={**machine, "If-None-Match": tag})
    assert same.status_code == 304 and same.headers["etag"] == tag and same.content == b""
    stats_data.interviews[0]["invited"] += 1
    changed = await reporting_client.get(BILAN, headers={**machine, "If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag

    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    frozen = await reporting_client.post(f"{BILAN}/submit", headers=manager)
    pulled = await reporting_client.get(BILAN, headers=machine)
    assert pulled.json() == frozen.json()
    cached = await reporting_client.get(
        BILAN, headers={**machine, "If-None-Match": pulled.headers["etag"]}
    )
    assert cached.status_code == 304


async def test_submitting_with_missing_figures_is_refused(
    reporting_client: httpx.AsyncClient, tokens: TokenFactory, peer_switch: PeerSwitch
) -> None:
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    peer_switch.surveys_up = False
    refused = await reporting_client.post(f"{BILAN}/submit", headers=manager)
    assert refused.status_code == 409 and "satisfaction" in refused.json()["detail"]
    assert (await reporting_client.get(f"{BILAN}/versions", headers=manager)).json()["items"] == []
    peer_switch.surveys_up = True
    assert (await reporting_client.post(f"{BILAN}/submit", headers=manager)).status_code == 200


@pytest.mark.parametrize(
    ("role", "caisse", "method", "path", "expected"),
    [
        (Role.COUNSELOR, "ALPES", "GET", "", 200),
        (Role.COUNSELOR, "ALPES", "PUT", "/qualitative", 403),
        (Role.COUNSELOR, "ALPES", "POST", "/submit", 403),
        (Role.CAISSE_MANAGER, "BRETAGNE", "GET", "", 404),
        (Role.CAISSE_MANAGER, "BRETAGNE", "PUT", "/qualitative", 404),
        (Role.CAISSE_MANAGER, "BRETAGNE", "POST", "/submit", 404),
        (Role.CAISSE_MANAGER, "BRETAGNE", "GET", "/versions", 404),
        (Role.CAISSE_MANAGER, "BRETAGNE", "GET", "/bilan.pdf", 404),
        (Role.NATIONAL, None, "GET", "", 200),
        (Role.NATIONAL, None, "PUT", "/qualitative", 403),
        (Role.ADMIN, None, "PUT", "/qualitative", 200),
    ],
)
async def test_who_may_do_what(
    reporting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    role: Role,
    caisse: str | None,
    method: str,
    path: str,
    expected: int,
) -> None:
    response = await reporting_client.request(
        method,
        BILAN + path,
        headers=tokens.headers(role, caisse),
        json=TEXT if method == "PUT" else None,
    )
    assert response.status_code == expected, response.text


async def test_bad_input_is_a_problem_naming_the_field(
    reporting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    national = tokens.headers(Role.NATIONAL)
    unknown = await reporting_client.get(f"/v1/bilans/{YEAR}/ATLANTIDE", headers=national)
    assert unknown.status_code == 404
    year = await reporting_client.get("/v1/bilans/1900/ALPES", headers=national)
    assert year.status_code == 422 and year.json()["errors"][0]["field"] == "year"
    # A code that could not be a caisse's (found by the long fuzzing: it broke the peer's URL).
    for code in ("AL%01PES", "al pes"):
        odd = await reporting_client.get(f"/v1/bilans/{YEAR}/{code}", headers=national)
        assert odd.status_code == 422 and odd.json()["errors"][0]["field"] == "caisse_code"
    too_long = await reporting_client.put(
        f"{BILAN}/qualitative",
        json={"difficulties": "x" * 20_001},
        headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
    )
    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "difficulties"
    no_scope = await reporting_client.get(BILAN, headers=tokens.headers(Role.SERVICE, scope="x"))
    assert no_scope.status_code == 403


async def test_reopening_needs_a_reason_and_the_version_seen_and_tells_the_caisse(
    reporting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    session: AsyncSession,
) -> None:
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    national = tokens.headers(Role.NATIONAL)
    assert (await reporting_client.post(f"{BILAN}/submit", headers=manager)).status_code == 200

    one_click = await reporting_client.post(f"{BILAN}/reopen", headers=national)
    assert one_click.status_code == 422 and one_click.json()["code"] == "validation_error"
    terse = await reporting_client.post(
        f"{BILAN}/reopen", json={"version": 1, "reason": "non"}, headers=national
    )
    assert terse.status_code == 422 and terse.json()["errors"][0]["field"] == "reason"
    stale = await reporting_client.post(
        f"{BILAN}/reopen", json={**REOPEN, "version": 2}, headers=national
    )
    assert stale.status_code == 409 and stale.json()["code"] == "bilan.version_changed"
    current = (await reporting_client.get(BILAN, headers=manager)).json()
    assert current["status"] == "submitted"  # nothing was half-done

    reopened = await reporting_client.post(f"{BILAN}/reopen", json=REOPEN, headers=national)
    assert reopened.status_code == 200 and reopened.json()["reopen_reason"] == REOPEN["reason"]
    # The caisse's managers read why in the bilan's versions.
    seen = (await reporting_client.get(f"{BILAN}/versions", headers=manager)).json()["items"]
    assert seen[0]["reopen_reason"] == REOPEN["reason"]
    audited = await session.scalar(
        select(AuditEvent.purpose).where(
            AuditEvent.actor == "user:test-national", AuditEvent.resource_type == "bilan"
        )
    )
    assert audited == f"reopen v1: {REOPEN['reason']}"
