"""``/metrics`` of every service and of the worker, as real processes: a journey moves the
request, login and job counters, and the database figures are there."""

from collections.abc import Iterator

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from services.platform.database import DatabaseServer
from services.platform.stack import SERVICES, StackConfig
from tests.platform.journey import run_journey
from tests.platform.live import free_port_block, live_platform

pytestmark = pytest.mark.processes
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


@pytest.fixture(scope="module")
def platform_with_worker_metrics(
    database_server: DatabaseServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[StackConfig, str]]:
    port = free_port_block(1)
    environment = {"RSI_WORKER_METRICS_PORT": str(port)}
    with live_platform(database_server, tmp_path_factory, environment) as (config, _, __):
        yield config, f"http://127.0.0.1:{port}"


def scrape(url: str) -> Samples:
    response = httpx.get(f"{url}/metrics", timeout=10)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_a_journey_moves_the_counters(
    platform_with_worker_metrics: tuple[StackConfig, str],
) -> None:
    config, worker = platform_with_worker_metrics
    identity, targeting = config.service_url("identity"), config.service_url("targeting")
    before = {"identity": scrape(identity), "targeting": scrape(targeting)}

    journey = run_journey(config.service_url)
    assert journey.members > 0

    after = {"identity": scrape(identity), "targeting": scrape(targeting)}
    login = {"service": "identity", "route": "/auth/login", "method": "POST"}
    for status in ("200", "401"):
        moved = value(after["identity"], "rsi_http_requests_total", **login, status=status)
        assert (
            moved - value(before["identity"], "rsi_http_requests_total", **login, status=status)
            >= 1
        )
    failures = "rsi_login_failures_total"
    assert (
        value(after["identity"], failures, reason="bad_credentials")
        - value(before["identity"], failures, reason="bad_credentials")
        == 1
    )
    # By route template, never by the path with its ids.
    polls = {"service": "targeting", "route": "/jobs/{job_id}", "method": "GET", "status": "200"}
    assert value(after["targeting"], "rsi_http_requests_total", **polls) >= 2
    assert not any(
        "/jobs/" in dict(labels).get("route", "") and "{" not in dict(labels)["route"]
        for _, labels in after["targeting"]
    )
    timed = {"service": "targeting", "route": "/imports", "method": "POST"}
    assert value(after["targeting"], "rsi_http_request_duration_seconds_count", **timed) >= 1
    assert value(after["targeting"], "rsi_db_pool_size") == 10
    assert value(after["targeting"], "rsi_caisses") == 30
    assert value(after["targeting"], "rsi_metrics_probe_up") == 1

    interviews = scrape(config.service_url("interviews"))
    assert (
        value(
            interviews, "rsi_outbox_messages", outbox="interviews_outbox_message", status="failed"
        )
        == 0
    )
    assert ("rsi_relay_backlog", frozenset()) in interviews
    assert value(scrape(config.service_url("surveys")), "rsi_metrics_probe_up") == 1
    assert any(
        name == "rsi_bilans_submitted" for name, _ in scrape(config.service_url("reporting"))
    )

    queue = scrape(worker)
    assert value(queue, "rsi_metrics_probe_up") == 1
    assert any(name == "rsi_db_pool_size" for name, _ in queue)


def test_metrics_are_not_in_the_contract(
    platform_with_worker_metrics: tuple[StackConfig, str],
) -> None:
    config, _ = platform_with_worker_metrics
    for service in SERVICES:
        paths = httpx.get(f"{config.service_url(service)}/openapi.json").json()["paths"]
        assert "/metrics" not in paths
