"""Replicas on this machine: two processes of every service behind nginx, on PgBouncer in
transaction pooling mode, under a mixed load (bookings with Idempotency-Key and their
retries, cancellations, reads across the services, logins) while one process of each kind in
turn is killed with SIGKILL and started again (bench/fleet.py is the long form).

What must hold, read from PostgreSQL itself and from nginx's access log: no acknowledged
booking or cancellation lost, no interview that no client was told of, no counselor booked
twice at once, and no failed request but those nginx sent to a process while it was down (in
flight when it was killed, or written on an idle connection nginx still held to it)."""

import asyncio
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from bench.fleet import (
    check_database,
    in_flight_on_a_killed_process,
    run_fleet_load,
    summary,
)
from services.platform.database import DatabaseServer, drop_database, ensure_database, migrate
from services.platform.fleet import FAIL_TIMEOUT_SECONDS, PROCESSES, Fleet, running_fleet
from services.platform.seed import seed_all

pytestmark = pytest.mark.processes


@pytest.fixture(scope="module")
def fleet(database_server: DatabaseServer) -> Iterator[Fleet]:
    name = f"rsi_fleet_{uuid.uuid4().hex[:10]}"
    url = ensure_database(database_server, name)
    try:
        migrate(url)
        asyncio.run(seed_all(url, demo=True, population=300))
        with running_fleet(url) as fleet:
            yield fleet
    finally:
        drop_database(database_server, name)


def test_every_kind_runs_its_replicas_behind_the_gateway(fleet: Fleet) -> None:
    assert {kind: len(replicas) for kind, replicas in fleet.replicas.items()} == {
        kind: count for kind, (_, count) in PROCESSES.items()
    }
    assert all(replica.alive for replica in fleet.all_replicas())
    assert fleet.env["RSI_DB_POOLER"] == "pgbouncer-transaction"
    assert fleet.env["DATABASE_URL"] == fleet.pgbouncer.url
    assert fleet.env["RSI_TARGETING_URL"] == fleet.url("targeting")
    assert fleet.env["RSI_JWKS_URL"].startswith(fleet.url("identity"))


async def test_killing_a_process_of_each_kind_loses_no_acknowledged_write(fleet: Fleet) -> None:
    report = await run_fleet_load(fleet, bookers=3, readers=2)
    access_log = fleet.nginx.access_log()
    findings = await check_database(fleet.database_url, report)
    print()
    for line in summary(report, findings, access_log):
        print(line)
    explained, others = in_flight_on_a_killed_process(report, access_log)

    assert [kill.replica.rsplit("-", 1)[0] for kill in report.kills] == list(fleet.replicas)
    served = {record["upstream_addr"].split(", ")[-1] for record in access_log}
    assert {replica.address for replica in fleet.all_replicas()} <= served
    assert len(report.booked) >= 20 and len(report.cancelled) >= 3
    # Every process, the restarted ones too, answers through nginx again (once nginx tries
    # again the replicas it had left out: FAIL_TIMEOUT_SECONDS after their last failure).
    expected = {replica.address for replica in fleet.all_replicas() if replica.port}
    answered: set[str] = set()
    n = 0
    async with httpx.AsyncClient(timeout=10) as client:
        deadline = time.monotonic() + 5 * FAIL_TIMEOUT_SECONDS
        while answered != expected and time.monotonic() < deadline:
            for kind in fleet.served_kinds():
                n += 1
                ready = await client.get(
                    f"{fleet.url(kind)}/readyz", headers={"X-Request-ID": f"after-{n:06d}"}
                )
                assert ready.status_code == 200
            await asyncio.sleep(0.2)
            answered = {
                record["upstream_addr"].split(", ")[-1]
                for record in fleet.nginx.access_log()
                if record["request_id"].startswith("after-")
            }
    print(f"answering through nginx after the load: {len(answered)} of {len(expected)} processes")
    assert answered == expected

    assert findings.booked_missing == 0
    assert findings.cancel_missing == 0
    assert findings.orphans == 0 and report.unresolved_keys == []
    assert findings.overlaps == 0
    assert others == [], [
        (attempt, [r for r in access_log if r["request_id"] == attempt.request_id])
        for attempt in others
    ]
    assert report.unexpected() == [], report.unexpected()[:5]
    assert report.degraded == []
    # Only what a killed process had in hand may fail: a few requests per kill at most.
    assert len(explained) <= 3 * len(report.kills)
