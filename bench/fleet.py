"""Replicas under a mixed load while their processes are killed: every process of a fleet
(``services/platform/fleet.py``: PgBouncer in transaction mode, two processes of each service
behind nginx) takes bookings, cancellations, reads and logins through nginx, while one process
of each kind in turn is killed with SIGKILL and started again.

    .venv/bin/python -m bench.fleet [--rounds 3] [--bookers 6] [--readers 4] [--replicas 2]

Then, from PostgreSQL itself: every booking and cancellation answered 2xx is there, no
interview exists that no client was told of, and no counselor has two overlapping interviews.
A request that failed must have been in flight on the killed process (nginx's access log names
the replica each request went to); the rest are passed over to the other replica by nginx.
The quick form runs in the tests (tests/platform/test_fleet.py).
"""

import asyncio
import itertools
import random
import statistics
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Annotated, Any

import asyncpg
import httpx
import typer

from bench.targeting import BENCH_DIR, connect_args
from services.platform.database import drop_database, ensure_database, migrate, start_embedded
from services.platform.fleet import PROCESSES, Fleet, running_fleet, with_count
from services.platform.seed import seed_all

app = typer.Typer(add_completion=False)
CAISSE = "ALPES"
YEAR = 2011
REQUEST_TIMEOUT = 20.0
RETRIES = 6
RETRY_PAUSE = 0.3


@dataclass
class Attempt:
    """One HTTP request as its client saw it (wall-clock times, as nginx logs them)."""

    kind: str
    request_id: str
    started: float
    ended: float
    status: int  # 0: no answer (transport error)
    detail: str = ""

    @property
    def failed(self) -> bool:
        """No answer, a 5xx, or a 409 for a key whose first request is still held."""
        return (
            self.status == 0
            or self.status >= 500
            or (self.status == 409 and "Idempotency-Key" in self.detail)
        )


@dataclass
class Kill:
    replica: str
    address: str
    at: float
    ready_after: float = 0.0  # seconds from the restart to /readyz
    back_at: float = 0.0  # when it was ready again


@dataclass
class FleetReport:
    attempts: list[Attempt] = field(default_factory=list)
    booked: dict[str, str] = field(default_factory=dict)  # Idempotency-Key → interview id
    unresolved_keys: list[str] = field(default_factory=list)  # retries ran out
    cancelled: set[str] = field(default_factory=set)
    degraded: list[str] = field(default_factory=list)  # 2xx answers missing some figures
    kills: list[Kill] = field(default_factory=list)
    started: float = 0.0
    seconds: float = 0.0

    def failures(self) -> list[Attempt]:
        return [attempt for attempt in self.attempts if attempt.failed]

    def unexpected(self) -> list[Attempt]:
        """Answers no client of this load should get (a 4xx other than a slot taken)."""
        allowed = {"book": {201, 409}, "cancel": {200, 409}}
        return [
            attempt
            for attempt in self.attempts
            if not attempt.failed and attempt.status not in allowed.get(attempt.kind, {200})
        ]


@dataclass(frozen=True)
class DatabaseFindings:
    booked_missing: int  # acknowledged bookings not in the database
    cancel_missing: int  # acknowledged cancellations not cancelled in the database
    orphans: int  # interviews created during the load that no client was told of
    overlaps: int  # pairs of live interviews of one counselor that overlap
    interviews: int  # interviews created during the load


@dataclass(frozen=True)
class Scenario:
    """What the clients book and read, found once before the load."""

    headers: dict[str, str]  # a caisse manager's token
    bookings: list[dict[str, Any]]  # request bodies of POST /interviews, one per free slot
    person_ids: list[int]
    counselor_id: int


async def prepare_scenario(fleet: Fleet, slots: int = 400) -> Scenario:
    async with httpx.AsyncClient(timeout=60) as client:
        login = await client.post(
            f"{fleet.url('identity')}/auth/login",
            json={"username": "manager.alpes", "password": "manager-demo"},
        )
        login.raise_for_status()
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        actions = await client.get(
            f"{fleet.url('targeting')}/policy/{YEAR}/actions", headers=headers
        )
        eig = next(action["id"] for action in actions.json() if action["code"] == "EIG")
        first = date.today() + timedelta(days=7)
        free = await client.get(
            f"{fleet.url('interviews')}/slots",
            params={
                "action_id": eig,
                "channel": "phone",
                "from": first.isoformat(),
                "to": (first + timedelta(days=20)).isoformat(),
            },
            headers=headers,
        )
        free.raise_for_status()
        counselors = await client.get(f"{fleet.url('interviews')}/counselors", headers=headers)
    connection = await asyncpg.connect(**connect_args(fleet.database_url))
    try:
        rows = await connection.fetch(
            "SELECT id FROM targeting_insured_person WHERE caisse_code = $1 ORDER BY id LIMIT 60",
            CAISSE,
        )
    finally:
        await connection.close()
    person_ids = [row["id"] for row in rows]
    bookings = [
        {
            "person_id": person_ids[n % len(person_ids)],
            "action_id": eig,
            "channel": "phone",
            "start": slot["start"],
            "counselor_id": slot["counselor_id"],
        }
        for n, slot in enumerate(free.json()[:slots])
    ]
    assert bookings, "the demo counselors should have free phone slots"
    return Scenario(headers, bookings, person_ids, counselors.json()[0]["id"])


def _retryable(response: httpx.Response | None) -> bool:
    return (
        response is None
        or response.status_code >= 500
        or (response.status_code == 409 and "Idempotency-Key" in response.text)
    )


class Load:
    """The clients of one load; every request is an :class:`Attempt` of the report."""

    def __init__(self, fleet: Fleet, scenario: Scenario, report: FleetReport, seed: int) -> None:
        self.fleet = fleet
        self.scenario = scenario
        self.report = report
        self.stop = asyncio.Event()
        self.rng = random.Random(seed)
        self._ids = itertools.count(1)

    async def call(
        self,
        client: httpx.AsyncClient,
        kind: str,
        method: str,
        url: str,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response | None:
        request_id = f"fleet-{next(self._ids):08d}"
        started = time.time()
        try:
            response = await client.request(
                method,
                url,
                headers={**(headers or self.scenario.headers), "X-Request-ID": request_id},
                timeout=REQUEST_TIMEOUT,
                **kwargs,
            )
        except httpx.HTTPError as exc:
            self.report.attempts.append(
                Attempt(kind, request_id, started, time.time(), 0, type(exc).__name__)
            )
            return None
        detail = response.text[:300] if response.status_code >= 400 else ""
        self.report.attempts.append(
            Attempt(kind, request_id, started, time.time(), response.status_code, detail)
        )
        return response

    async def _with_retries(
        self, client: httpx.AsyncClient, kind: str, url: str, **kwargs: Any
    ) -> httpx.Response | None:
        """A POST sent again (same body and headers) while it fails; None if it still does."""
        for _ in range(RETRIES):
            response = await self.call(client, kind, "POST", url, **kwargs)
            if not _retryable(response):
                return response
            await asyncio.sleep(RETRY_PAUSE)
        return None

    async def booker(self, client: httpx.AsyncClient, pace: float) -> None:
        """Books the slots in order, round and round (taken ones are 409s), each booking with
        an Idempotency-Key kept across its retries."""
        url = f"{self.fleet.url('interviews')}/interviews"
        for n in itertools.count():
            if self.stop.is_set():
                return
            key = uuid.uuid4().hex
            headers = {**self.scenario.headers, "Idempotency-Key": key}
            body = self.scenario.bookings[n % len(self.scenario.bookings)]
            response = await self._with_retries(client, "book", url, json=body, headers=headers)
            if response is None:
                self.report.unresolved_keys.append(key)
            elif response.status_code == 201:
                self.report.booked[key] = response.json()["id"]
            await asyncio.sleep(pace)

    async def canceller(self, client: httpx.AsyncClient, pace: float) -> None:
        """Cancels booked interviews now and then (their slots are booked again later)."""
        while not self.stop.is_set():
            await asyncio.sleep(pace)
            live = sorted(set(self.report.booked.values()) - self.report.cancelled)
            if not live:
                continue
            interview = self.rng.choice(live)
            url = f"{self.fleet.url('interviews')}/interviews/{interview}/cancel"
            response = await self._with_retries(
                client, "cancel", url, json={"reason": "fleet load: cancelled"}
            )
            if response is not None and response.status_code == 200:
                self.report.cancelled.add(interview)

    async def reader(self, client: httpx.AsyncClient, pace: float) -> None:
        """A person's file, a counselor's agenda, the questionnaires, the caisse's bilan (read
        live from three services' /stats), the issuer's keys: one of each in turn."""
        fleet, scenario = self.fleet, self.scenario
        day = date.today() + timedelta(days=7)
        agenda = {
            "start": f"{day.isoformat()}T00:00:00+01:00",
            "end": f"{(day + timedelta(days=7)).isoformat()}T00:00:00+01:00",
        }
        reads: list[tuple[str, str, dict[str, Any]]] = [
            ("person", f"{fleet.url('targeting')}/persons/{{person}}", {}),
            (
                "agenda",
                f"{fleet.url('interviews')}/counselors/{scenario.counselor_id}/interviews",
                agenda,
            ),
            ("questionnaires", f"{fleet.url('surveys')}/questionnaires", {}),
            ("bilan", f"{fleet.url('reporting')}/v1/bilans/{YEAR}/{CAISSE}", {}),
            ("jwks", f"{fleet.url('identity')}/.well-known/jwks.json", {}),
        ]
        for kind, url, params in itertools.cycle(reads):
            if self.stop.is_set():
                return
            url = url.replace("{person}", str(self.rng.choice(scenario.person_ids)))
            response = await self.call(client, kind, "GET", url, params=params)
            if kind == "bilan" and response is not None and response.status_code == 200:
                missing = response.json().get("missing") or []
                if missing:
                    self.report.degraded.append(
                        f"{response.headers.get('x-request-id')}: {missing}"
                    )
            await asyncio.sleep(pace)

    async def logins(self, client: httpx.AsyncClient, pace: float) -> None:
        url = f"{self.fleet.url('identity')}/auth/login"
        while not self.stop.is_set():
            await self.call(
                client,
                "login",
                "POST",
                url,
                headers={},
                json={"username": "conseiller.alpes", "password": "conseiller-demo"},
            )
            await asyncio.sleep(pace)


async def kill_each_kind(
    fleet: Fleet, report: FleetReport, rounds: int, pause: float, settle: float
) -> None:
    """One process of each kind in turn: SIGKILL, ``pause`` seconds on the others, started
    again (until ready), ``settle`` seconds before the next kind."""
    for round_ in range(rounds):
        for position, (kind, replicas) in enumerate(fleet.replicas.items()):
            replica = replicas[(round_ + position) % len(replicas)]

            def kill_now(kind: str = kind, index: int = replica.index) -> float:
                killed_at = time.time()  # right before the signal, not when the thread began
                fleet.kill(kind, index)
                return killed_at

            kill = Kill(replica.name, replica.address, await asyncio.to_thread(kill_now))
            report.kills.append(kill)
            await asyncio.sleep(pause)
            restarted = time.monotonic()
            await asyncio.to_thread(fleet.restart, kind, replica.index)
            kill.ready_after = time.monotonic() - restarted
            kill.back_at = time.time()
            await asyncio.sleep(settle)


async def run_fleet_load(
    fleet: Fleet,
    *,
    bookers: int = 3,
    readers: int = 2,
    rounds: int = 1,
    warmup: float = 2.0,
    pause: float = 1.0,
    settle: float = 1.0,
    pace: float = 0.05,
    seed: int = 0,
) -> FleetReport:
    """The load, with the kills once ``warmup`` seconds have passed; it stops ``settle``
    seconds after the last process is back."""
    scenario = await prepare_scenario(fleet)
    report = FleetReport(started=time.time())
    load = Load(fleet, scenario, report, seed)
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(limits=limits) as client:
        clients = [
            *(asyncio.create_task(load.booker(client, pace)) for _ in range(bookers)),
            asyncio.create_task(load.canceller(client, 10 * pace)),
            *(asyncio.create_task(load.reader(client, pace)) for _ in range(readers)),
            asyncio.create_task(load.logins(client, 10 * pace)),
        ]
        try:
            await asyncio.sleep(warmup)
            await kill_each_kind(fleet, report, rounds, pause, settle)
        finally:
            load.stop.set()
            await asyncio.gather(*clients)
    report.seconds = time.time() - report.started
    return report


# What the load left -----------------------------------------------------------------------


async def check_database(database_url: str, report: FleetReport) -> DatabaseFindings:
    """From PostgreSQL itself, not through the services."""
    booked = [uuid.UUID(interview) for interview in report.booked.values()]
    cancelled = [uuid.UUID(interview) for interview in report.cancelled]
    connection = await asyncpg.connect(**connect_args(database_url))
    try:
        present = await connection.fetchval(
            "SELECT count(*) FROM interviews_interview WHERE id = ANY($1::uuid[])", booked
        )
        cancelled_present = await connection.fetchval(
            "SELECT count(*) FROM interviews_interview "
            "WHERE id = ANY($1::uuid[]) AND status = 'cancelled'",
            cancelled,
        )
        created = await connection.fetch(
            "SELECT id FROM interviews_interview WHERE created_at >= to_timestamp($1)",
            report.started,
        )
        overlaps = await connection.fetchval(
            "SELECT count(*) FROM interviews_interview a JOIN interviews_interview b "
            "ON a.counselor_id = b.counselor_id AND a.id < b.id AND a.blocked && b.blocked "
            "WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'"
        )
    finally:
        await connection.close()
    created_ids = {row["id"] for row in created}
    return DatabaseFindings(
        booked_missing=len(booked) - int(present),
        cancel_missing=len(cancelled) - int(cancelled_present),
        orphans=len(created_ids - set(booked)),
        overlaps=int(overlaps),
        interviews=len(created_ids),
    )


def _by_request(access_log: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    records: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in access_log:
        records[record["request_id"]].append(record)
    return records


def in_flight_on_a_killed_process(
    report: FleetReport, access_log: list[dict[str, Any]]
) -> tuple[list[Attempt], list[Attempt]]:
    """The failed attempts split in two: those nginx had passed (themselves or a peer call of
    theirs, same X-Request-ID) to a process while it was down — answered after its kill, sent
    before its restart — and the others."""
    records = _by_request(access_log)
    explained: list[Attempt] = []
    others: list[Attempt] = []
    for attempt in report.failures():
        hit = any(
            attempt.ended >= kill.at
            and attempt.started <= (kill.back_at or attempt.started)
            and any(
                kill.address in record["upstream_addr"] for record in records[attempt.request_id]
            )
            for kill in report.kills
        )
        (explained if hit else others).append(attempt)
    return explained, others


def sent_after_the_kill(report: FleetReport, explained: list[Attempt]) -> int:
    """Of the failures on a killed process, those sent after its kill: nginx still held an
    idle connection to it, learnt it was gone by writing the request on it, and (a POST
    being already sent) did not pass it over."""
    return sum(
        1
        for attempt in explained
        if all(attempt.started > kill.at or attempt.ended < kill.at for kill in report.kills)
    )


def passed_over(access_log: list[dict[str, Any]]) -> int:
    """Requests nginx passed over to another replica after the first failed, then answered."""
    return sum(
        1 for record in access_log if "," in record["upstream_addr"] and record["status"] < 500
    )


def served_after_restart(report: FleetReport, access_log: list[dict[str, Any]]) -> list[int]:
    """For each kill, the requests the killed replica answered once started again."""
    return [
        sum(
            1
            for record in access_log
            if record["msec"] > kill.back_at
            and record["upstream_addr"].split(", ")[-1] == kill.address
        )
        for kill in report.kills
    ]


def summary(
    report: FleetReport, findings: DatabaseFindings, access_log: list[dict[str, Any]]
) -> list[str]:
    explained, others = in_flight_on_a_killed_process(report, access_log)
    failed = report.failures()
    kinds = Counter(attempt.kind for attempt in report.attempts)
    failed_kinds = Counter(attempt.kind for attempt in failed)
    latencies = sorted(attempt.ended - attempt.started for attempt in report.attempts)
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] if latencies else 0.0
    lines = [
        f"{len(report.attempts)} requests in {report.seconds:.1f} s "
        f"({len(report.attempts) / max(report.seconds, 1e-9):.0f}/s), "
        f"p50 {statistics.median(latencies) * 1000 if latencies else 0:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms",
        "  by kind: " + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())),
        f"kills: {len(report.kills)} ("
        + ", ".join(
            f"{kill.replica} ready {kill.ready_after:.1f} s after its restart, then answered "
            f"{served}"
            for kill, served in zip(
                report.kills, served_after_restart(report, access_log), strict=True
            )
        )
        + ")",
        f"failed requests: {len(failed)} of {len(report.attempts)} "
        f"({100 * len(failed) / max(len(report.attempts), 1):.2f} %), "
        f"{len(explained)} on a killed process ({sent_after_the_kill(report, explained)} of them "
        f"sent after the kill on an idle connection nginx held to it), {len(others)} otherwise"
        + (
            " — " + ", ".join(f"{kind} {count}" for kind, count in sorted(failed_kinds.items()))
            if failed
            else ""
        ),
        f"passed over by nginx to the other replica: {passed_over(access_log)} requests",
        f"bookings acknowledged: {len(report.booked)} (answered 409 slot taken: "
        f"{sum(1 for a in report.attempts if a.kind == 'book' and a.status == 409)}), "
        f"unresolved after {RETRIES} tries: {len(report.unresolved_keys)}",
        f"cancellations acknowledged: {len(report.cancelled)}",
        f"database: {findings.interviews} interviews created, acknowledged bookings missing "
        f"{findings.booked_missing}, acknowledged cancellations not cancelled "
        f"{findings.cancel_missing}, created but never acknowledged {findings.orphans}, "
        f"overlapping live interviews of one counselor {findings.overlaps}",
        f"bilans missing figures: {len(report.degraded)}, unexpected answers: "
        f"{len(report.unexpected())}",
    ]
    return lines


@app.command()
def main(
    rounds: Annotated[int, typer.Option(help="Times each kind has a process killed.")] = 3,
    bookers: Annotated[int, typer.Option(help="Concurrent booking clients.")] = 6,
    readers: Annotated[int, typer.Option(help="Concurrent reading clients.")] = 4,
    replicas: Annotated[int, typer.Option(help="Processes of each service.")] = 2,
    population: Annotated[int, typer.Option(help="Insured persons seeded.")] = 20_000,
    pause: Annotated[float, typer.Option(help="Seconds a killed process stays down.")] = 2.0,
) -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    server = start_embedded(BENCH_DIR / "postgres")
    name = "rsi_bench_fleet"
    drop_database(server, name)
    url = ensure_database(server, name)
    migrate(url)
    asyncio.run(seed_all(url, demo=True, population=population))
    started = time.monotonic()
    run_dir = BENCH_DIR / "fleet"  # configuration files and logs, kept for a look afterwards
    with running_fleet(url, run_dir, processes=with_count(PROCESSES, replicas)) as fleet:
        print(
            f"fleet of {len(fleet.all_replicas())} processes up in "
            f"{time.monotonic() - started:.1f} s",
            flush=True,
        )
        report = asyncio.run(
            run_fleet_load(fleet, bookers=bookers, readers=readers, rounds=rounds, pause=pause)
        )
        access_log = fleet.nginx.access_log()
        findings = asyncio.run(check_database(url, report))
        for line in summary(report, findings, access_log):
            print(line)
        _, others = in_flight_on_a_killed_process(report, access_log)
        for attempt in others[:10]:
            print(f"  failed otherwise: {attempt}")
        for attempt in report.unexpected()[:10]:
            print(f"  unexpected: {attempt}")
    print(f"logs and configuration files: {run_dir}")


if __name__ == "__main__":
    app()
