"""A peer service stops: its callers answer at once, 503 problem+json or a report that names
what is missing — they never hang on it."""

import subprocess
import time
from collections.abc import Iterator

import httpx
import pytest

from services.platform.database import DatabaseServer
from services.platform.stack import SERVICES, StackConfig
from tests.platform.live import live_platform, login

pytestmark = pytest.mark.processes


@pytest.fixture(scope="module")
def without_targeting(
    database_server: DatabaseServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[StackConfig, dict[str, str]]]:
    """The platform with the targeting process stopped (tokens taken before)."""
    with live_platform(database_server, tmp_path_factory) as (config, _, processes):
        manager = login(config, "manager.alpes", "manager-demo").json()["access_token"]
        targeting: subprocess.Popen[bytes] = processes[SERVICES.index("targeting")]
        targeting.terminate()
        targeting.wait(timeout=10)
        yield config, {"Authorization": f"Bearer {manager}"}


def _timed(method: str, url: str, headers: dict[str, str], **kwargs: object) -> httpx.Response:
    started = time.monotonic()
    response = httpx.request(method, url, headers=headers, timeout=30, **kwargs)  # type: ignore[arg-type]
    assert time.monotonic() - started < 5, f"{method} {url} took too long"
    return response


def test_interviews_answers_503_when_targeting_is_down(
    without_targeting: tuple[StackConfig, dict[str, str]],
) -> None:
    config, headers = without_targeting
    interviews = config.service_url("interviews")
    booking = _timed(
        "POST",
        f"{interviews}/interviews",
        headers,
        json={
            "person_id": 1,
            "action_id": 1,
            "channel": "phone",
            "start": "2030-01-07T10:00:00+01:00",
        },
    )
    assert booking.status_code == 503
    assert booking.headers["content-type"] == "application/problem+json"
    assert "targeting" in booking.json()["detail"]
    # What does not need targeting still works.
    assert _timed("GET", f"{interviews}/counselors", headers).status_code == 200


def test_a_bilan_names_the_figures_it_could_not_get(
    without_targeting: tuple[StackConfig, dict[str, str]],
) -> None:
    config, headers = without_targeting
    bilan = _timed("GET", f"{config.service_url('reporting')}/v1/bilans/2011/ALPES", headers)
    assert bilan.status_code == 200, bilan.text
    assert set(bilan.json()["missing"]) == {"targets", "contacts", "satisfaction"}
