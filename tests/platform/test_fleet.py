"""Replicas on this machine: two processes of every service behind nginx, on PgBouncer in
transaction pooling mode, under a mixed load (bookings with Idempotency-Key and their
retries, cancellations, reads across the services, logins) while one process of each kind in
turn is killed with SIGKILL and started again (bench/fleet.py is the long form).

What must hold, read from PostgreSQL itself and from nginx's access log: no acknowledged
booking or cancellation lost, no interview that no client was told of, no counselor booked
twice at once, and no failed request but those nginx sent to a process while it was down (in
flight when it was killed, or written on an idle connection nginx still held to it).

With its two workers (delivering to a local SMTP server) killed in turn while an import and
a letter campaign run: every job finishes (a dead worker's job is taken again), and no email
is delivered twice."""

import asyncio
import time
import uuid
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope
from sqlalchemy.engine import make_url

from bench.fleet import (
    check_database,
    in_flight_on_a_killed_process,
    run_fleet_load,
    summary,
)
from services.platform.database import DatabaseServer, drop_database, ensure_database, migrate
from services.platform.fleet import (
    FAIL_TIMEOUT_SECONDS,
    PROCESSES,
    Fleet,
    free_ports,
    running_fleet,
)
from services.platform.seed import seed_all
from services.targeting.registry.generator import write_population

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
    assert {replica.address for replica in fleet.all_replicas() if replica.port} <= served
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


class Inbox:
    """A local SMTP server's handler: every message received, by Message-ID."""

    def __init__(self) -> None:
        self.message_ids: list[str] = []

    async def handle_DATA(self, server: object, session: object, envelope: Envelope) -> str:  # noqa: N802
        content = envelope.content or b""
        message = message_from_bytes(content if isinstance(content, bytes) else content.encode())
        self.message_ids.append(str(message["Message-ID"]))
        return "250 OK"


@pytest.fixture(scope="module")
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = free_ports(1)[0]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture(scope="module")
def working_fleet(database_server: DatabaseServer, inbox: tuple[Inbox, int]) -> Iterator[Fleet]:
    """The fleet with its workers delivering to the local SMTP server, and taking a dead
    worker's jobs again after 4 s."""
    name = f"rsi_fleet_jobs_{uuid.uuid4().hex[:10]}"
    url = ensure_database(database_server, name)
    environment = {
        "RSI_MAIL_PROVIDER": "smtp",
        "RSI_SMTP_HOST": "127.0.0.1",
        "RSI_SMTP_PORT": str(inbox[1]),
        "RSI_WORKER_HEARTBEAT_SECONDS": "1",
        "RSI_WORKER_STALLED_SECONDS": "4",
    }
    try:
        migrate(url)
        asyncio.run(seed_all(url, demo=True, population=300))
        with running_fleet(url, environment=environment) as fleet:
            yield fleet
    finally:
        drop_database(database_server, name)


def _job_url(fleet: Fleet, service: str, job_id: str) -> str:
    return f"{fleet.url(service)}/jobs/{job_id}"


async def test_jobs_finish_and_messages_go_once_while_workers_are_killed(
    working_fleet: Fleet, inbox: tuple[Inbox, int], tmp_path: Path
) -> None:
    fleet, (received, _) = working_fleet, inbox
    async with httpx.AsyncClient(timeout=30) as client:

        async def token(username: str, password: str) -> dict[str, str]:
            response = await client.post(
                f"{fleet.url('identity')}/auth/login",
                json={"username": username, "password": password},
            )
            return {"Authorization": f"Bearer {response.json()['access_token']}"}

        admin, manager = (
            await token("admin", "admin-demo"),
            await token("manager.alpes", "manager-demo"),
        )
        population = tmp_path / "population.csv"
        write_population(population, 40_000, seed=77)
        imported = await client.post(
            f"{fleet.url('targeting')}/imports",
            files={"file": ("population.csv", population.read_bytes(), "text/csv")},
            data={"mode": "keep_valid"},
            headers=admin,
        )
        assert imported.status_code == 202, imported.text
        jobs = [_job_url(fleet, "targeting", imported.json()["id"])]
        # Each worker killed in turn while the import runs: whichever holds it dies once.
        for index in range(2):
            await asyncio.sleep(1.5)
            await asyncio.to_thread(fleet.kill, "worker", index)
            await asyncio.to_thread(fleet.restart, "worker", index)
        await _finished(client, jobs[0], admin)
        actions = (
            await client.get(f"{fleet.url('targeting')}/policy/2011/actions", headers=manager)
        ).json()
        eig = next(a["id"] for a in actions if a["code"] == "EIG")
        listed = await client.post(
            f"{fleet.url('targeting')}/actions/{eig}/target-lists", json={}, headers=manager
        )
        assert listed.status_code == 202, listed.text
        jobs.append(_job_url(fleet, "targeting", listed.json()["job"]["id"]))
        target_list = await _finished(client, jobs[1], manager)
        templates = (
            await client.get(f"{fleet.url('interviews')}/letter-templates", headers=manager)
        ).json()
        proposal = next(t for t in templates if t["name"].startswith("Proposition"))
        campaign = await client.post(
            f"{fleet.url('interviews')}/campaigns",
            json={
                "target_list_id": target_list["result"]["list_id"],
                "template_id": proposal["id"],
                "contact_phone": "04 79 00 00 00",
                "capacity_check": "off",
            },
            headers=manager,
        )
        assert campaign.status_code == 202, campaign.text
        jobs.append(_job_url(fleet, "interviews", campaign.json()["job"]["id"]))
        for index in range(2):  # and again while the campaign writes its letters
            await asyncio.sleep(0.5)
            await asyncio.to_thread(fleet.kill, "worker", index)
            await asyncio.to_thread(fleet.restart, "worker", index)
        finished = [
            await _finished(client, job, manager if "interviews" in job else admin) for job in jobs
        ]

    print(
        "\njobs: "
        + ", ".join(
            f"{job['kind']} {job['status']} after {job['attempts']} run(s)" for job in finished
        )
    )
    assert [job["status"] for job in finished] == ["succeeded"] * 3, finished
    assert finished[0]["result"]["written"] > 0

    messages = await _outbox_settled(fleet.database_url)
    duplicates = len(received.message_ids) - len(set(received.message_ids))
    print(
        f"emails: {messages['sent']} sent, {len(received.message_ids)} received, "
        f"{duplicates} delivered twice, {messages['pending']} pending"
    )
    assert messages["sent"] > 0 and messages["pending"] == 0 and messages["failed"] == 0
    assert duplicates == 0
    assert len(set(received.message_ids)) == messages["sent_email"]


async def _finished(
    client: httpx.AsyncClient, job_url: str, headers: dict[str, str]
) -> dict[str, Any]:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        job = dict((await client.get(job_url, headers=headers)).json())
        if job["status"] in ("succeeded", "failed"):
            return job
        await asyncio.sleep(0.5)
    raise AssertionError(f"{job_url} did not finish: {job}")


async def _outbox_settled(database_url: str) -> dict[str, int]:
    """Once the interviews outbox has nothing left to send (60 s at most): its counts."""
    parsed = make_url(database_url)
    connection = await asyncpg.connect(
        user=parsed.username, host=parsed.query.get("host") or parsed.host,
        port=parsed.port, database=parsed.database,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            row = await connection.fetchrow(
                "SELECT count(*) FILTER (WHERE status = 'sent') AS sent, "
                "count(*) FILTER (WHERE status = 'sent' AND channel = 'email') AS sent_email, "
                "count(*) FILTER (WHERE status = 'pending') AS pending, "
                "count(*) FILTER (WHERE status = 'failed') AS failed "
                "FROM interviews_outbox_message"
            )
            if row["pending"] == 0 or time.monotonic() > deadline:
                return dict(row)
            await asyncio.sleep(1.0)
    finally:
        await connection.close()
