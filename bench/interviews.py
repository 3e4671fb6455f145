"""Interviews benchmark: booking throughput against a bare FastAPI endpoint, and slot search.

    .venv/bin/python -m bench.interviews

On a database of its own it seeds the demo caisses, the 2011 socle and 50 counselors in one
caisse, starts the services as processes, then measures:
- bookings per second through ``POST /interviews`` (auth, two reads from targeting over HTTP,
  availability rules, the exclusion constraint) with concurrent clients, vs a bare FastAPI
  endpoint inserting one row with raw asyncpg, served by uvicorn the same way, same clients;
- ``GET /slots`` for the 50 counselors over four weeks, p50 of repeated runs.
"""

import asyncio
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from typing import Annotated, Any

import asyncpg
import httpx
import typer

from bench.figures import record
from bench.targeting import BENCH_DIR, connect_args
from services.platform.database import drop_database, ensure_database, migrate, start_embedded
from services.platform.seed import seed_all
from services.platform.stack import (
    SERVICES,
    StackConfig,
    running_processes,
    service_environment,
    start_services,
)
from services.shared.settings import PROJECT_ROOT

app = typer.Typer(add_completion=False)
COUNSELORS = 50
CAISSE = "ALPES"


async def _add_counselors(url: str) -> None:
    connection = await asyncpg.connect(**connect_args(url))
    try:
        for number in range(COUNSELORS):
            counselor_id = await connection.fetchval(
                "INSERT INTO interviews_counselor (username, full_name, caisse_code, active) "
                "VALUES ($1, $2, $3, true) RETURNING id",
                f"bench.{number}",
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
    finally:
        await connection.close()


async def _person_ids(url: str, count: int) -> list[int]:
    connection = await asyncpg.connect(**connect_args(url))
    try:
        rows = await connection.fetch(
            "SELECT id FROM targeting_insured_person WHERE caisse_code = $1 LIMIT $2", CAISSE, count
        )
        return [row["id"] for row in rows]
    finally:
        await connection.close()


async def _throughput(
    url: str, requests: list[tuple[dict[str, str], dict[str, Any]]], clients: int
) -> tuple[float, int]:
    """Requests per second with ``clients`` concurrent connections; and the 2xx count."""
    queue: asyncio.Queue[tuple[dict[str, str], dict[str, Any]]] = asyncio.Queue()
    for item in requests:
        queue.put_nowait(item)
    succeeded = 0

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal succeeded
        while not queue.empty():
            headers, body = queue.get_nowait()
            response = await client.post(url, json=body, headers=headers)
            succeeded += response.is_success

    async with httpx.AsyncClient(
        timeout=60, limits=httpx.Limits(max_connections=clients)
    ) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return len(requests) / elapsed, succeeded


def _next_monday() -> date:
    day = date.today() + timedelta(days=7)
    return day + timedelta(days=(7 - day.weekday()) % 7)


@app.command()
def main(
    bookings: Annotated[int, typer.Option(help="Bookings to make.")] = 600,
    clients: Annotated[int, typer.Option(help="Concurrent clients.")] = 16,
    runs: Annotated[int, typer.Option(help="Repetitions of the slot search.")] = 20,
    port_base: Annotated[int, typer.Option()] = 19110,
) -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    server = start_embedded(BENCH_DIR / "postgres")
    name = "rsi_bench_interviews"
    drop_database(server, name)
    url = ensure_database(server, name)
    migrate(url)
    asyncio.run(seed_all(url, demo=True, population=20_000))
    asyncio.run(_add_counselors(url))
    people = asyncio.run(_person_ids(url, bookings))
    config = StackConfig(
        data_dir=BENCH_DIR, port_base=port_base, spa_port=0, build_spa=False, database_url=url
    )
    env = service_environment(config, url)
    processes: list[subprocess.Popen[bytes]]
    with running_processes() as processes:
        start_services(config, env, processes, log_dir=BENCH_DIR)
        bare_port = port_base + len(SERVICES)
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "bench.bare_app:app",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(bare_port),
                    "--no-access-log",
                    "--log-level",
                    "warning",
                ],
                cwd=PROJECT_ROOT,
                env=env,
            )
        )
        time.sleep(3)
        login = httpx.post(
            f"{config.service_url('identity')}/auth/login",
            json={"username": "manager.alpes", "password": "manager-demo"},
        ).json()
        headers = {"Authorization": f"Bearer {login['access_token']}"}
        base = config.service_url("interviews")
        actions = httpx.get(
            f"{config.service_url('targeting')}/policy/2011/actions", headers=headers
        ).json()
        eig = next(a["id"] for a in actions if a["code"] == "EIG")
        monday = _next_monday()
        query = {
            "action_id": eig,
            "channel": "phone",
            "from": monday.isoformat(),
            "to": (monday + timedelta(days=27)).isoformat(),
        }
        with httpx.Client(timeout=60) as client:
            samples, slots = [], []
            for _ in range(runs):
                started = time.perf_counter()
                response = client.get(f"{base}/slots", params=query, headers=headers)
                samples.append(time.perf_counter() - started)
                slots = response.json()
        requests = [
            (
                headers,
                {
                    "person_id": person,
                    "action_id": eig,
                    "channel": "phone",
                    "start": slot["start"],
                    "counselor_id": slot["counselor_id"],
                },
            )
            for person, slot in zip(people, slots, strict=False)
        ]
        booking_rps, booked = asyncio.run(_throughput(f"{base}/interviews", requests, clients))
        bare_requests: list[tuple[dict[str, str], dict[str, Any]]] = [
            ({}, body) for _, body in requests
        ]
        bare_rps, _ = asyncio.run(
            _throughput(f"http://127.0.0.1:{bare_port}/bare", bare_requests, clients)
        )
    record(
        "interviews",
        slots_p50_ms=statistics.median(samples) * 1000,
        slots=len(slots),
        booking_rps=booking_rps,
        booked=booked,
        bookings=len(requests),
        bare_rps=bare_rps,
        clients=clients,
    )
    print(
        f"slot search, {COUNSELORS} counselors x 4 weeks ({len(slots)} slots): "
        f"p50 {statistics.median(samples) * 1000:.0f} ms (target <= 50 ms)\n"
        f"booking: {booking_rps:.0f}/s ({booked} of {len(requests)} booked, {clients} clients) | "
        f"bare FastAPI insert: {bare_rps:.0f}/s | "
        f"ratio {booking_rps / bare_rps:.0%} (target >= 40%)",
        flush=True,
    )


if __name__ == "__main__":
    app()
