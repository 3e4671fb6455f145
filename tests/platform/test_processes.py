"""The services as real processes over HTTP, on a database of their own."""

import json
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from services.platform.stack import SERVICES, StackConfig
from tests.platform.live import login as _login

pytestmark = pytest.mark.processes
NIR_PATTERN = re.compile(r"\b[12]\d{4}(?:\d{2}|2[AB])\d{6}\d{2}\b")


def test_every_service_is_ready(platform: tuple[StackConfig, Path]) -> None:
    config, _ = platform
    for service in SERVICES:
        response = httpx.get(f"{config.service_url(service)}/readyz")
        assert response.json() == {"status": "ready", "service": service}


def test_login_then_caisses_across_processes(platform: tuple[StackConfig, Path]) -> None:
    """targeting verifies identity's token through identity's JWKS, over HTTP."""
    config, _ = platform
    login = _login(config, "conseiller.bretagne", "conseiller-demo")
    assert login.status_code == 200
    headers = {
        "Authorization": f"Bearer {login.json()['access_token']}",
        "X-Request-ID": "e2e-request-0001",
    }
    caisses = httpx.get(f"{config.service_url('targeting')}/caisses", headers=headers)
    assert caisses.status_code == 200
    assert [c["code"] for c in caisses.json()["items"]] == ["BRETAGNE"]
    assert caisses.headers["x-request-id"] == "e2e-request-0001"

    national = _login(config, "national", "national-demo").json()["access_token"]
    everything = httpx.get(
        f"{config.service_url('targeting')}/caisses",
        headers={"Authorization": f"Bearer {national}"},
    )
    assert everything.json()["total"] == 30


def test_logs_are_json_with_request_ids_and_no_secrets(platform: tuple[StackConfig, Path]) -> None:
    config, data_dir = platform
    token = _login(config, "national", "national-demo").json()["access_token"]
    httpx.get(
        f"{config.service_url('targeting')}/caisses/ALPES",
        headers={"Authorization": f"Bearer {token}", "X-Request-ID": "log-check-0001"},
    )
    httpx.post(  # a failed login must not log the password either
        f"{config.service_url('identity')}/auth/login",
        json={"username": "national", "password": "wrong-password-xyz"},
    )
    lines = (data_dir / "targeting.log").read_text().splitlines()
    records = [json.loads(line) for line in lines if line.startswith("{")]
    access = [r for r in records if r.get("request_id") == "log-check-0001"]
    assert access and access[0]["path"] == "/caisses/ALPES" and access[0]["status"] == 200
    for service in SERVICES:
        text = (data_dir / f"{service}.log").read_text()
        assert "eyJ" not in text
        assert "wrong-password-xyz" not in text and "national-demo" not in text
        assert not NIR_PATTERN.search(text)


def test_a_held_interview_reaches_targetings_recency_through_the_relay(
    platform: tuple[StackConfig, Path],
) -> None:
    """interviews records the contact, its relay (with its own machine client) tells
    targeting, whose file of the person then shows the date."""
    config, _ = platform
    token = _login(config, "conseiller.alpes", "conseiller-demo").json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    interviews = config.service_url("interviews")
    counselors = httpx.get(f"{interviews}/counselors", headers=headers).json()
    counselor = next(c for c in counselors if c["username"] == "conseiller.alpes")
    now = datetime.now(UTC)
    agenda = httpx.get(
        f"{interviews}/counselors/{counselor['id']}/interviews",
        params={"start": (now - timedelta(days=2)).isoformat(), "end": now.isoformat()},
        headers=headers,
    ).json()
    past = next(i for i in agenda if i["status"] == "booked")
    recorded = httpx.put(
        f"{interviews}/interviews/{past['id']}/record",
        json={"outcome": "done", "sections_covered": ["rsi_missions"]},
        headers=headers,
    )
    assert recorded.status_code == 200, recorded.text
    held_on = datetime.fromisoformat(past["start"]).astimezone(ZoneInfo("Europe/Paris")).date()
    deadline = time.monotonic() + 20
    contacted = None
    while time.monotonic() < deadline and contacted != held_on.isoformat():
        person = httpx.get(
            f"{config.service_url('targeting')}/persons/{past['person_id']}", headers=headers
        ).json()
        contacted = person["last_contacted_on"]
        time.sleep(0.5)
    assert contacted == held_on.isoformat()
