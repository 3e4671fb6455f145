"""Isolation benchmark: the API processes stay responsive while the worker does heavy work.

    .venv/bin/python -m bench.isolation [--rows N] [--letters M] [--clients C] [--seconds S]
                                        [--worker-nice K]
    .venv/bin/python -m bench.isolation --quick      # small sizes, to check it works

On a demo database of its own (``bench.stack.demo_stack``: the services and ``rsi worker`` as
processes) it runs, in one go, C concurrent clients of ALPES (the counselor
``conseiller.alpes``), each alternating a person read (``GET /persons/{id}`` on targeting) and
a slot search (``GET /slots``, phone, a week, 22 counselors with opening hours, on
interviews):
1. **idle**: for S seconds (after 15 s of warm-up), the worker having nothing to do but its
   periodic tasks;
2. **under load**: while (a) a CSV import of N new people (``POST /imports``, keep_valid, as
   the administrator) and (b) an interview-proposal letter campaign to a frozen list of M
   people of ALPES (``POST /campaigns``, capacity check off, as ALPES's manager) run in the
   worker. Only the requests started while at least one of the two jobs is running count;
3. **idle after** (a control): S seconds more once both jobs are done, the emails and SMS
   the campaign queued being marked sent first (their delivery would keep the worker busy
   for minutes). On a machine shared with other work, a control far from the first baseline
   says the machine's own load moved during the run.

It reports per operation the count, throughput, p50 / p95 / p99 of each phase and the ratio
p95 (load) / p95 (idle), goal <= 1.5; the jobs' durations and sampled percent; the CPU used
by each process of the run (from /proc), by the whole machine and so by everything else, and
the mean load average, in each phase. Everything also goes to
``.data/bench/isolation-results.json``.

Data: the registry is seeded with the generator's first P people, P large enough for ALPES
(about 4 % of a generated population) to hold M people; the import file is the next N rows of
the same generator (``iter_population_rows``, as ``write_population`` writes them), so every
imported row is a new person (an insert, not a "nothing changed").
"""

import asyncio
import csv
import json
import math
import os
import random
import statistics
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Annotated, Any

import asyncpg
import httpx
import typer

from bench.stack import demo_stack
from bench.targeting import BENCH_DIR, connect_args
from services.platform.seed import DEMO_POPULATION
from services.platform.stack import SERVICES, StackConfig
from services.targeting.registry.columns import IMPORT_COLUMNS
from services.targeting.registry.generator import _CAISSE_WEIGHTS, iter_population_rows

app = typer.Typer(add_completion=False)
CAISSE = "ALPES"
EXTRA_COUNSELORS = 20  # beside the two demo counselors of ALPES
PERSON_IDS = 5_000
POLL_SECONDS = 0.5
# The clients run this long, unmeasured, before the first baseline: with 3 s, the first
# baseline's p95 came out 19-26 % above the control's (after the jobs).
WARM_UP_SECONDS = 15.0
SETTLE_SECONDS = 5.0  # after the jobs, before the control baseline
GOAL = 1.5
MANAGER = ("manager.alpes", "manager-demo")
COUNSELOR = ("conseiller.alpes", "conseiller-demo")
OPERATIONS = ("GET /persons/{id}", "GET /slots")
RESULTS_PATH = BENCH_DIR / "isolation-results.json"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MACHINE = "whole machine (every process)"
OTHERS = "other processes (not this run's)"


# --- data -----------------------------------------------------------------------------------


def registry_size(letters: int) -> int:
    """People to seed so that ALPES holds at least ``letters`` of them, with a margin for the
    generator's randomness."""
    share = _CAISSE_WEIGHTS[CAISSE] / sum(_CAISSE_WEIGHTS.values())
    return max(DEMO_POPULATION, math.ceil(letters / share * 1.2))


def import_file(skip: int, rows: int) -> Path:
    """Rows ``skip`` to ``skip + rows`` of the generator, in the import format (made once)."""
    path = BENCH_DIR / f"isolation-import-{skip}-{rows}.csv"
    if not path.exists():
        partial = path.with_name(f".{path.name}.partial")
        with partial.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(IMPORT_COLUMNS)
            writer.writerows(islice(iter_population_rows(skip + rows), skip, None))
        os.replace(partial, path)
    return path


async def prepare_database(url: str) -> tuple[list[int], int]:
    """Adds counselors receiving by phone (Monday to Friday, 9-12 and 14-17) in ALPES; returns
    ids of ALPES people (for the reads) and how many people ALPES holds."""
    connection = await asyncpg.connect(**connect_args(url))
    try:
        for number in range(EXTRA_COUNSELORS):
            counselor_id = await connection.fetchval(
                "INSERT INTO interviews_counselor (username, full_name, caisse_code, active) "
                "VALUES ($1, $2, $3, true) RETURNING id",
                f"bench.isolation.{number}",
                f"Conseiller {number}",
                CAISSE,
            )
            for weekday in range(5):
                await connection.execute(
                    "INSERT INTO interviews_opening_hours "
                    "(counselor_id, site_id, channel, weekday, starts_at, ends_at) "
                    "VALUES ($1, NULL, 'phone', $2, '09:00', '12:00'), "
                    "($1, NULL, 'phone', $2, '14:00', '17:00')",
                    counselor_id,
                    weekday,
                )
        rows = await connection.fetch(
            "SELECT id FROM targeting_insured_person WHERE caisse_code = $1 "
            "ORDER BY md5(id::text) LIMIT $2",
            CAISSE,
            PERSON_IDS,
        )
        people = await connection.fetchval(
            "SELECT count(*) FROM targeting_insured_person WHERE caisse_code = $1", CAISSE
        )
        return [row["id"] for row in rows], int(people)
    finally:
        await connection.close()


# --- CPU from /proc -------------------------------------------------------------------------


def _stat_fields(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd (state) on


def cpu_seconds(pid: int, with_reaped_children: bool = False) -> float:
    fields = _stat_fields(pid)
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if with_reaped_children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / CLOCK_TICKS


def postgres_cpu_seconds(postmaster: int) -> float:
    """The postmaster, its live backends, and the children it has already reaped."""
    total = cpu_seconds(postmaster, with_reaped_children=True)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = _stat_fields(int(entry.name))
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
        if int(fields[1]) == postmaster:
            total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return total


def machine_busy_seconds() -> float:
    """CPU time every process of the machine has used (all cores), from /proc/stat."""
    ticks = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, ticks[:8])
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def postmaster_pid() -> int | None:
    for pid_file in (BENCH_DIR / "postgres").rglob("postmaster.pid"):
        return int(pid_file.read_text().split()[0])
    return None


@dataclass
class CpuMeter:
    pids: dict[str, int]
    postmaster: int | None

    def snapshot(self) -> dict[str, float]:
        taken = {name: cpu_seconds(pid) for name, pid in self.pids.items()}
        taken["load generator (this process)"] = cpu_seconds(os.getpid())
        if self.postmaster is not None:
            taken["postgres (all backends)"] = postgres_cpu_seconds(self.postmaster)
        taken[MACHINE] = machine_busy_seconds()
        return taken


def cpu_percent(
    before: dict[str, float], after: dict[str, float], seconds: float
) -> dict[str, float]:
    """Percent of one core over ``seconds`` (200 % = both cores of this machine), with what
    the machine's other processes (other people's work) used meanwhile."""
    used = {name: 100 * (after[name] - before[name]) / seconds for name in before}
    used[OTHERS] = used[MACHINE] - sum(v for k, v in used.items() if k != MACHINE)
    return used


# --- the clients ----------------------------------------------------------------------------


@dataclass
class Sample:
    operation: str
    started: float  # time.monotonic()
    seconds: float
    status: int  # 0 for a transport error


@dataclass
class Clients:
    config: StackConfig
    headers: dict[str, str]
    people: list[int]
    eig: int
    samples: list[Sample] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)

    async def client(self, number: int) -> None:
        rng = random.Random(number)
        targeting = self.config.service_url("targeting")
        interviews = self.config.service_url("interviews")
        first = _next_monday()
        async with httpx.AsyncClient(timeout=60, headers=self.headers) as http:
            turn = number
            while not self.stop.is_set():
                if turn % 2 == 0:
                    operation, url = OPERATIONS[0], f"{targeting}/persons/{rng.choice(self.people)}"
                    params: dict[str, Any] = {}
                else:
                    day = first + timedelta(days=rng.randrange(28))
                    operation, url = OPERATIONS[1], f"{interviews}/slots"
                    params = {
                        "action_id": self.eig,
                        "channel": "phone",
                        "from": day.isoformat(),
                        "to": (day + timedelta(days=6)).isoformat(),
                    }
                turn += 1
                started = time.monotonic()
                try:
                    response = await http.get(url, params=params)
                    status = response.status_code
                except httpx.HTTPError:
                    status = 0
                self.samples.append(Sample(operation, started, time.monotonic() - started, status))

    async def run_for(self, count: int, seconds: float) -> tuple[float, float]:
        """``count`` clients for ``seconds``; the (start, end) of the run."""
        self.stop.clear()
        tasks = [asyncio.create_task(self.client(n)) for n in range(count)]
        start = time.monotonic()
        await asyncio.sleep(seconds)
        self.stop.set()
        end = time.monotonic()
        await asyncio.gather(*tasks)
        return start, end


def _next_monday() -> date:
    day = date.today() + timedelta(days=7)
    return day + timedelta(days=(7 - day.weekday()) % 7)


# --- figures --------------------------------------------------------------------------------


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, math.ceil(len(ordered) * share) - 1)]


def figures(samples: list[Sample], seconds: float) -> dict[str, dict[str, float]]:
    """Per operation: count, errors, throughput, p50/p95/p99 in ms (2xx answers only)."""
    result: dict[str, dict[str, float]] = {}
    for operation in OPERATIONS:
        mine = [s for s in samples if s.operation == operation]
        ok = sorted(s.seconds * 1000 for s in mine if 200 <= s.status < 300)
        result[operation] = {
            "count": len(mine),
            "errors": len(mine) - len(ok),
            "per_second": len(mine) / seconds if seconds else 0.0,
            "p50_ms": statistics.median(ok) if ok else math.nan,
            "p95_ms": percentile(ok, 0.95) if ok else math.nan,
            "p99_ms": percentile(ok, 0.99) if ok else math.nan,
        }
    return result


# --- the jobs -------------------------------------------------------------------------------


@dataclass
class Job:
    name: str
    base: str  # the service owning /jobs/{id}
    headers: dict[str, str]
    id: str = ""
    asked: float = 0.0  # POST sent
    answered: float = 0.0  # POST answered: the job exists
    running_from: float | None = None
    finished: float | None = None
    status: str = ""
    result: dict[str, Any] | None = None
    error: str | None = None
    server_seconds: float | None = None  # created_at -> finished_at, from the job's row
    progress: list[tuple[float, str, float]] = field(default_factory=list)  # (t, status, %)

    def running_at(self, moment: float) -> bool:
        if self.running_from is None:
            return False
        return self.running_from <= moment < (self.finished or math.inf)


def _iso(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def poll(http: httpx.AsyncClient, jobs: list[Job], meter: CpuMeter) -> dict[str, float]:
    """Polls until every job has finished; the CPU snapshot taken when the first one started."""
    cpu_start: dict[str, float] = {}
    while any(job.finished is None for job in jobs):
        for job in jobs:
            if not job.id or job.finished is not None:
                continue
            answer = (await http.get(f"{job.base}/jobs/{job.id}", headers=job.headers)).json()
            now = time.monotonic()
            job.status = answer["status"]
            job.progress.append((now, job.status, float(answer["percent"])))
            if job.status != "queued" and job.running_from is None:
                job.running_from = now
                if not cpu_start:
                    cpu_start = meter.snapshot()
            if job.status in ("succeeded", "failed"):
                job.finished = now
                job.result, job.error = answer["result"], answer["error"]
                if answer["finished_at"]:
                    elapsed = _iso(answer["finished_at"]) - _iso(answer["created_at"])
                    job.server_seconds = elapsed.total_seconds()
        await asyncio.sleep(POLL_SECONDS)
    return cpu_start


def progression(job: Job, origin: float, points: int = 10) -> list[tuple[float, float]]:
    """About ``points`` (seconds since ``origin``, percent) samples spread over the job's run."""
    running = [(t - origin, p) for t, s, p in job.progress if s != "queued"]
    if len(running) <= points:
        return running
    step = (len(running) - 1) / (points - 1)
    return [running[round(i * step)] for i in range(points)]


# --- the run --------------------------------------------------------------------------------


def login(config: StackConfig, username: str, password: str) -> dict[str, str]:
    response = httpx.post(
        f"{config.service_url('identity')}/auth/login",
        json={"username": username, "password": password},
    )
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def wait_for(base: str, headers: dict[str, str], job_id: str) -> dict[str, Any]:
    while True:
        job = httpx.get(f"{base}/jobs/{job_id}", headers=headers).json()
        if job["status"] in ("succeeded", "failed"):
            return dict(job)
        time.sleep(POLL_SECONDS)


def letters_setup(config: StackConfig, manager: dict[str, str], letters: int) -> tuple[str, int]:
    """A letter action for everyone, its list of ``letters`` people of ALPES frozen (a job,
    before any measure) and a template of the caisse: (list id, template id)."""
    targeting, interviews = config.service_url("targeting"), config.service_url("interviews")
    action = httpx.post(
        f"{targeting}/policy/2011/actions",
        json={
            "code": "ISOLATION",
            "title": "Bench isolation",
            "contact_type": "letter",
            "target_description": "Tout le monde",
            "specific_objective": "",
            "content": "",
            "calendar_start": "2011-01-01",
            "calendar_end": "2011-12-31",
            "modalities": "courrier",
            "tools": "",
            "target_definition": {"filter": {}},
            "recency_window_days": 0,
        },
        headers=manager,
    )
    action.raise_for_status()
    started = httpx.post(
        f"{targeting}/actions/{action.json()['id']}/target-lists",
        json={"sampling": {"size": letters}},
        headers=manager,
    )
    started.raise_for_status()
    job = wait_for(targeting, manager, started.json()["job"]["id"])
    assert job["status"] == "succeeded", job
    template = httpx.post(
        f"{interviews}/letter-templates",
        json={
            "name": "Bench isolation",
            "subject": "Votre entretien — ${action.title}",
            "body": "${person.civility} ${person.last_name},\n\n"
            "Votre caisse ${caisse.name} vous propose un entretien personnalisé. Appelez le "
            "${campaign.contact_phone} avant le ${campaign.reply_by}.\n\n"
            "Le directeur de ${caisse.name}",
        },
        headers=manager,
    )
    template.raise_for_status()
    return str(started.json()["list"]["id"]), int(template.json()["id"])


async def under_load(
    clients: Clients,
    count: int,
    meter: CpuMeter,
    config: StackConfig,
    csv_path: Path,
    admin: dict[str, str],
    manager: dict[str, str],
    list_id: str,
    template_id: int,
) -> tuple[list[Job], float, float, dict[str, float], dict[str, float], tuple[float, float]]:
    """The clients while both jobs run: (jobs, window start, window end, CPU at both ends,
    the upload's (start, end))."""
    targeting, interviews = config.service_url("targeting"), config.service_url("interviews")
    campaign = Job("letter campaign", interviews, manager)
    importing = Job("CSV import", targeting, admin)
    clients.stop.clear()
    tasks = [asyncio.create_task(clients.client(n)) for n in range(count)]
    await asyncio.sleep(1.0)  # the clients are under way

    def upload() -> None:
        importing.asked = time.monotonic()
        with csv_path.open("rb") as handle:
            response = httpx.post(
                f"{targeting}/imports",
                files={"file": ("population.csv", handle, "text/csv")},
                data={"mode": "keep_valid"},
                headers=admin,
                timeout=1800,
            )
        importing.answered = time.monotonic()
        response.raise_for_status()
        importing.id = response.json()["id"]

    async with httpx.AsyncClient(timeout=120) as http:

        async def start_campaign() -> None:
            campaign.asked = time.monotonic()
            response = await http.post(
                f"{interviews}/campaigns",
                json={
                    "target_list_id": list_id,
                    "template_id": template_id,
                    "contact_phone": "04 79 00 00 00",
                    "reply_by": "2011-12-31",
                    "capacity_check": "off",
                },
                headers=manager,
            )
            campaign.answered = time.monotonic()
            response.raise_for_status()
            campaign.id = response.json()["job"]["id"]

        jobs = [importing, campaign]
        poller = asyncio.create_task(poll(http, jobs, meter))
        try:
            await asyncio.gather(asyncio.to_thread(upload), start_campaign())
        except BaseException:
            poller.cancel()
            clients.stop.set()
            raise
        cpu_start = await poller
    cpu_end = meter.snapshot()
    clients.stop.set()
    await asyncio.gather(*tasks)
    window_start = min(job.running_from or math.inf for job in jobs)
    window_end = max(job.finished or 0.0 for job in jobs)
    return jobs, window_start, window_end, cpu_start, cpu_end, (importing.asked, importing.answered)


def union_seconds(intervals: list[tuple[float, float]]) -> float:
    """The length of the union of ``intervals``."""
    total, reached = 0.0, -math.inf
    for start, end in sorted(intervals):
        if end > reached:
            total += end - max(start, reached)
            reached = end
    return total


def phase_of(moment: float, jobs: list[Job], upload: tuple[float, float]) -> str:
    running = [job.name for job in jobs if job.running_at(moment)]
    if upload[0] <= moment < upload[1]:
        running.append("import upload")
    return " + ".join(sorted(running))


def machine() -> dict[str, str]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    total_gib = int(Path("/proc/meminfo").read_text().split()[1]) / 1024**2
    return {"nproc": str(os.cpu_count()), "memory_gib": f"{total_gib:.0f}", "cpu": model}


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def renice(pid: int, value: int) -> None:
    """Every thread of ``pid`` (Linux's nice is per thread; threads started later by the main
    thread inherit it)."""
    for task in Path(f"/proc/{pid}/task").iterdir():
        os.setpriority(os.PRIO_PROCESS, int(task.name), value)


@dataclass
class Phase:
    """What the clients measured in one phase, and what the machine did meanwhile."""

    samples: list[Sample]
    seconds: float
    cpu: dict[str, float]
    load_average: float  # mean of the 1-minute load average sampled during the phase


class LoadAverages:
    """The machine's 1-minute load average, sampled every few seconds in the background."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, float]] = []

    async def run(self) -> None:
        while True:
            self.samples.append((time.monotonic(), float(loadavg().split()[0])))
            await asyncio.sleep(5)

    def mean(self, start: float, end: float) -> float:
        inside = [value for moment, value in self.samples if start <= moment <= end]
        return statistics.fmean(inside) if inside else math.nan


async def idle_phase(
    crowd: Clients, count: int, seconds: float, meter: CpuMeter, loads: LoadAverages
) -> Phase:
    crowd.samples.clear()
    before = meter.snapshot()
    start, end = await crowd.run_for(count, seconds)
    cpu = cpu_percent(before, meter.snapshot(), end - start)
    samples = [s for s in crowd.samples if start <= s.started < end]
    crowd.samples.clear()
    return Phase(samples, end - start, cpu, loads.mean(start, end))


async def drop_pending_messages(url: str) -> int:
    """Marks the campaign's queued emails and SMS as sent: at 50 a pass every 2 s their
    delivery would keep the worker busy for minutes after the jobs, and the control baseline
    is meant to be idle."""
    connection = await asyncpg.connect(**connect_args(url))
    try:
        dropped = 0
        for table in ("interviews_outbox_message", "surveys_outbox_message"):
            answer = await connection.execute(
                f"UPDATE {table} SET status = 'sent', sent_at = now() "  # noqa: S608
                "WHERE status = 'pending'"
            )
            dropped += int(answer.split()[-1])
        return dropped
    finally:
        await connection.close()


@app.command()
def main(
    rows: Annotated[int | None, typer.Option(help="Rows of the CSV import [1,000,000].")] = None,
    letters: Annotated[int | None, typer.Option(help="People of the campaign [10,000].")] = None,
    clients: Annotated[int | None, typer.Option(help="Concurrent clients [8].")] = None,
    seconds: Annotated[float | None, typer.Option(help="Each idle baseline's length [30].")] = None,
    quick: Annotated[
        bool, typer.Option(help="Small sizes: 20,000 rows, 300 letters, 4 clients, 5 s.")
    ] = False,
    worker_nice: Annotated[
        int, typer.Option(help="Run the worker at this nice value (0: as the services).")
    ] = 0,
    port_base: Annotated[int, typer.Option()] = 19410,
) -> None:
    defaults = (20_000, 300, 4, 5.0) if quick else (1_000_000, 10_000, 8, 30.0)
    rows = rows if rows is not None else defaults[0]
    letters = letters if letters is not None else defaults[1]
    clients = clients if clients is not None else defaults[2]
    seconds = seconds if seconds is not None else defaults[3]
    load_before = loadavg()
    run_started = time.monotonic()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    seeded = registry_size(letters)
    print(f"registry: {seeded:,} generated people; import file: the next {rows:,}", flush=True)
    csv_path = import_file(seeded, rows)
    with demo_stack("rsi_bench_isolation", seeded, port_base) as (config, processes):
        url = config.database_url
        assert url is not None
        people, in_caisse = asyncio.run(prepare_database(url))
        assert in_caisse >= letters, f"{CAISSE} holds {in_caisse} people, fewer than {letters}"
        pids = {name: process.pid for name, process in zip(SERVICES, processes, strict=False)}
        pids["worker"] = processes[len(SERVICES)].pid
        if worker_nice:
            renice(pids["worker"], worker_nice)
        meter = CpuMeter(pids, postmaster_pid())
        list_id, template_id = letters_setup(config, login(config, *MANAGER), letters)
        counselor = login(config, *COUNSELOR)
        actions = httpx.get(
            f"{config.service_url('targeting')}/policy/2011/actions", headers=counselor
        ).json()
        eig = next(a["id"] for a in actions if a["code"] == "EIG")
        crowd = Clients(config, counselor, people, eig)

        async def measure() -> dict[str, Any]:
            loads = LoadAverages()
            sampler = asyncio.create_task(loads.run())
            await crowd.run_for(clients, WARM_UP_SECONDS)
            idle = await idle_phase(crowd, clients, seconds, meter, loads)
            crowd.headers.update(login(config, *COUNSELOR))
            crowd.samples.clear()
            jobs, start, end, cpu_start, cpu_end, upload = await under_load(
                crowd,
                clients,
                meter,
                config,
                csv_path,
                login(config, "admin", "admin-demo"),
                login(config, *MANAGER),
                list_id,
                template_id,
            )
            busy = [s for s in crowd.samples if any(job.running_at(s.started) for job in jobs)]
            busy_seconds = union_seconds(
                [(j.running_from, j.finished) for j in jobs if j.running_from and j.finished]
            )
            load = Phase(
                busy,
                busy_seconds,
                cpu_percent(cpu_start, cpu_end, end - start) if cpu_start else {},
                loads.mean(start, end),
            )
            dropped = await drop_pending_messages(str(url))
            await asyncio.sleep(SETTLE_SECONDS)
            crowd.headers.update(login(config, *COUNSELOR))
            after = await idle_phase(crowd, clients, seconds, meter, loads)
            sampler.cancel()
            return {
                "phases": {"idle": idle, "load": load, "idle after": after},
                "jobs": jobs,
                "window_start": start,
                "upload": upload,
                "dropped_messages": dropped,
            }

        measured = asyncio.run(measure())
    phases: dict[str, Phase] = measured["phases"]
    jobs: list[Job] = measured["jobs"]
    upload: tuple[float, float] = measured["upload"]
    window_start: float = measured["window_start"]
    busy = phases["load"].samples
    report(
        {
            "date": date.today().isoformat(),
            "machine": machine(),
            "loadavg_before": load_before,
            "loadavg_after": loadavg(),
            "command": {
                "rows": rows,
                "letters": letters,
                "clients": clients,
                "seconds": seconds,
                "worker_nice": worker_nice,
            },
            "registry_seeded": seeded,
            "caisse_people": in_caisse,
            "phases": {
                name: {
                    "seconds": phase.seconds,
                    "load_average": phase.load_average,
                    "figures": figures(phase.samples, phase.seconds),
                    "cpu_percent": phase.cpu,
                }
                for name, phase in phases.items()
            },
            "load_by_running": {
                running: figures(mine, 0)
                for running in sorted({phase_of(s.started, jobs, upload) for s in busy})
                if (mine := [s for s in busy if phase_of(s.started, jobs, upload) == running])
            },
            "upload_seconds": upload[1] - upload[0],
            "dropped_messages": measured["dropped_messages"],
            "jobs": [
                {
                    "name": job.name,
                    "status": job.status,
                    "error": job.error,
                    "result": job.result,
                    "asked_to_finished_s": (job.finished or math.nan) - job.asked,
                    "running_s": (job.finished or math.nan) - (job.running_from or math.nan),
                    "row_created_to_finished_s": job.server_seconds,
                    "progress": progression(job, window_start),
                    "all_samples": [(t - window_start, s, p) for t, s, p in job.progress],
                }
                for job in jobs
            ],
            "run_minutes": (time.monotonic() - run_started) / 60,
        }
    )


def report(r: dict[str, Any]) -> None:
    RESULTS_PATH.write_text(json.dumps(r, indent=2, default=str))
    phases = r["phases"]
    lines = [
        f"{r['date']} · {r['machine']['nproc']} CPU ({r['machine']['cpu']}), "
        f"{r['machine']['memory_gib']} GiB · load average before {r['loadavg_before']}, "
        f"after {r['loadavg_after']}",
        f"{r['command']['clients']} clients; worker nice {r['command']['worker_nice']}; "
        f"registry {r['registry_seeded']:,} people "
        f"({r['caisse_people']:,} in {CAISSE}); "
        + "; ".join(
            f"{name} {phase['seconds']:.0f} s (mean load average {phase['load_average']:.1f})"
            for name, phase in phases.items()
        ),
        "(under load: the requests started while at least one of the two jobs was running)",
        "",
        f"{'operation':18} {'phase':10} {'count':>7} {'req/s':>7} {'p50':>9} {'p95':>9} "
        f"{'p99':>9} {'errors':>6}",
    ]
    for operation in OPERATIONS:
        for name, phase in phases.items():
            f = phase["figures"][operation]
            lines.append(
                f"{operation:18} {name:10} {f['count']:7,.0f} {f['per_second']:7.1f} "
                f"{_ms(f['p50_ms']):>9} {_ms(f['p95_ms']):>9} {_ms(f['p99_ms']):>9} "
                f"{f['errors']:6.0f}"
            )
    lines.append("")
    for operation in OPERATIONS:
        idle, load, after = (
            phases[n]["figures"][operation] for n in ("idle", "load", "idle after")
        )
        ratio = load["p95_ms"] / idle["p95_ms"]
        verdict = "met" if ratio <= GOAL else "MISSED"
        lines.append(
            f"p95 load/idle {operation}: {ratio:.2f} (goal <= {GOAL}: {verdict}); "
            f"p50 ratio {load['p50_ms'] / idle['p50_ms']:.2f}; against the idle baseline "
            f"after the jobs: p95 {load['p95_ms'] / after['p95_ms']:.2f}, "
            f"p50 {load['p50_ms'] / after['p50_ms']:.2f}"
        )
    lines.append("")
    lines.append("under load, by what was running (p50 / p95, requests):")
    for running, per_operation in r["load_by_running"].items():
        cells = [
            f"{op} {_ms(f['p50_ms'])} / {_ms(f['p95_ms'])} ({f['count']:,.0f})"
            for op, f in per_operation.items()
        ]
        lines.append(f"  {running}: " + "; ".join(cells))
    lines.append(f"import upload (POST /imports until answered): {r['upload_seconds']:.1f} s")
    for job in r["jobs"]:
        lines.append(
            f"{job['name']}: {job['status']} in {job['running_s']:.1f} s running "
            f"({job['asked_to_finished_s']:.1f} s from the POST; row created -> finished "
            f"{job['row_created_to_finished_s'] or math.nan:.1f} s); result {job['result']}"
            + (f"; error {job['error']}" if job["error"] else "")
        )
        lines.append("  percent: " + ", ".join(f"{t:.0f} s {p:.0f} %" for t, p in job["progress"]))
    lines.append(
        f"queued emails/SMS marked sent before the control baseline: {r['dropped_messages']:,}"
    )
    lines.append("CPU, % of one core (" + " / ".join(phases) + "):")
    for name in phases["idle"]["cpu_percent"]:
        cells = [f"{phase['cpu_percent'].get(name, math.nan):4.0f} %" for phase in phases.values()]
        lines.append(f"  {name:34} " + " / ".join(cells))
    lines.append(f"whole run {r['run_minutes']:.1f} min; figures in {RESULTS_PATH}")
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    app()
