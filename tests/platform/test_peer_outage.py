"""A peer service fails: its callers answer in bounded time, 503 problem+json or a report that
names what is missing — they never hang on it.

Two failures of the targeting process, in this order: frozen (SIGSTOP: the kernel still accepts
connections, nobody answers — the worst case for a caller), then stopped (connections refused).
"""

import os
import signal
import subprocess
import time
from collections.abc import Iterator

import httpx
import pytest

from services.platform.database import DatabaseServer
from services.platform.stack import SERVICES, StackConfig
from tests.platform.live import live_platform, login

pytestmark = pytest.mark.processes
READ_TIMEOUT = 2.0  # the services' peer read timeout here (10 s by default)
BOOKING = {
    "person_id": 1,
    "action_id": 1,
    "channel": "phone",
    "start": "2030-01-07T10:00:00+01:00",
}


@pytest.fixture(scope="module")
def stack(
    database_server: DatabaseServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[StackConfig, dict[str, str], subprocess.Popen[bytes]]]:
    """The platform, a manager's token (taken while identity is up) and targeting's process."""
    environment = {"RSI_PEER_READ_TIMEOUT_SECONDS": str(READ_TIMEOUT)}
    with live_platform(database_server, tmp_path_factory, environment) as (config, _, processes):
        manager = login(config, "manager.alpes", "manager-demo").json()["access_token"]
        yield config, {"Authorization": f"Bearer {manager}"}, processes[SERVICES.index("targeting")]


@pytest.fixture
def frozen_targeting(
    stack: tuple[StackConfig, dict[str, str], subprocess.Popen[bytes]],
) -> Iterator[tuple[StackConfig, dict[str, str]]]:
    config, headers, targeting = stack
    os.kill(targeting.pid, signal.SIGSTOP)
    try:
        yield config, headers
    finally:
        os.kill(targeting.pid, signal.SIGCONT)


@pytest.fixture
def stopped_targeting(
    stack: tuple[StackConfig, dict[str, str], subprocess.Popen[bytes]],
) -> tuple[StackConfig, dict[str, str]]:
    config, headers, targeting = stack
    targeting.terminate()
    targeting.wait(timeout=10)
    return config, headers


def _timed(
    method: str, url: str, headers: dict[str, str], within: float, **kwargs: object
) -> httpx.Response:
    started = time.monotonic()
    response = httpx.request(method, url, headers=headers, timeout=60, **kwargs)  # type: ignore[arg-type]
    elapsed = time.monotonic() - started
    assert elapsed < within, f"{method} {url} took {elapsed:.1f} s"
    return response


def test_a_frozen_peer_costs_one_timeout_not_a_hang(
    frozen_targeting: tuple[StackConfig, dict[str, str]],
) -> None:
    config, headers = frozen_targeting
    interviews = config.service_url("interviews")
    booking = _timed("POST", f"{interviews}/interviews", headers, READ_TIMEOUT + 1.5, json=BOOKING)
    assert booking.status_code == 503, booking.text
    assert booking.headers["content-type"] == "application/problem+json"
    assert booking.json()["detail"] == "Le service targeting ne répond pas."
    # A bilan asks targeting twice (the caisse, then its figures): still one timeout.
    reporting = config.service_url("reporting")
    bilan = _timed("GET", f"{reporting}/v1/bilans/2011/ALPES", headers, READ_TIMEOUT + 1.5)
    assert bilan.status_code == 200, bilan.text
    assert set(bilan.json()["missing"]) == {"targets", "contacts", "satisfaction"}
    # What does not need targeting does not wait for it.
    assert _timed("GET", f"{interviews}/counselors", headers, 1.0).status_code == 200


def test_interviews_answers_503_at_once_when_targeting_is_down(
    stopped_targeting: tuple[StackConfig, dict[str, str]],
) -> None:
    config, headers = stopped_targeting
    interviews = config.service_url("interviews")
    booking = _timed("POST", f"{interviews}/interviews", headers, 1.5, json=BOOKING)
    assert booking.status_code == 503
    assert booking.headers["content-type"] == "application/problem+json"
    assert booking.json()["detail"] == "Le service targeting est indisponible."
    assert _timed("GET", f"{interviews}/counselors", headers, 1.0).status_code == 200


def test_a_bilan_names_the_figures_it_could_not_get(
    stopped_targeting: tuple[StackConfig, dict[str, str]],
) -> None:
    config, headers = stopped_targeting
    bilan = _timed("GET", f"{config.service_url('reporting')}/v1/bilans/2011/ALPES", headers, 1.5)
    assert bilan.status_code == 200, bilan.text
    assert set(bilan.json()["missing"]) == {"targets", "contacts", "satisfaction"}
