"""PostgreSQL stops in the middle of a booking load: the services answer 503 problem+json
(never hang, never 500), /readyz goes red, they serve again within 5 seconds of the database
returning, without a restart; and every booking that was answered 2xx is in the database.

It runs on an embedded server of its own, which the test stops and starts."""

import asyncio
import subprocess
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from services.platform.database import DatabaseServer
from services.platform.stack import (
    SERVICES,
    StackConfig,
    running_processes,
    service_environment,
    start_services,
)
from tests.platform.live import free_port_block, login, own_embedded_database, restart_embedded

pytestmark = pytest.mark.processes
CLIENTS = 6


@pytest.fixture(scope="module")
def own_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DatabaseServer, str]]:
    with own_embedded_database(tmp_path_factory.mktemp("outage")) as database:
        yield database


@pytest.fixture(scope="module")
def outage_platform(
    own_database: tuple[DatabaseServer, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StackConfig]:
    _, url = own_database
    data_dir = tmp_path_factory.mktemp("outage-stack")
    config = StackConfig(
        data_dir=data_dir,
        port_base=free_port_block(len(SERVICES)),
        spa_port=0,
        build_spa=False,
        database_url=url,
    )
    processes: list[subprocess.Popen[bytes]]
    with running_processes() as processes:
        start_services(config, service_environment(config, url), processes, log_dir=data_dir)
        yield config


def _slots(config: StackConfig, headers: dict[str, str]) -> list[dict[str, Any]]:
    actions = httpx.get(
        f"{config.service_url('targeting')}/policy/2011/actions", headers=headers
    ).json()
    eig = next(a["id"] for a in actions if a["code"] == "EIG")
    first = date.today() + timedelta(days=7)
    slots = httpx.get(
        f"{config.service_url('interviews')}/slots",
        params={
            "action_id": eig,
            "channel": "phone",
            "from": first.isoformat(),
            "to": (first + timedelta(days=20)).isoformat(),
        },
        headers=headers,
        timeout=30,
    ).json()
    assert slots, "the demo counselors should have free phone slots"
    return [{"eig": eig, **slot} for slot in slots]


async def _book_until(
    url: str, headers: dict[str, str], bookings: list[dict[str, Any]], stop: asyncio.Event
) -> list[tuple[int, str, str | None]]:
    """Books slot after slot until told to stop, going round again once every slot is tried
    (taken ones are then 409s, which need the database too); each answer: (status, content
    type, interview id)."""
    results: list[tuple[int, str, str | None]] = []
    attempts = iter(range(1_000_000))
    async with httpx.AsyncClient(timeout=15) as client:

        async def worker() -> None:
            while not stop.is_set():
                body = bookings[next(attempts) % len(bookings)]
                started = time.monotonic()
                try:
                    response = await client.post(url, json=body, headers=headers)
                except httpx.TimeoutException:
                    results.append((0, "timeout", None))
                    continue
                assert time.monotonic() - started < 15
                interview = response.json().get("id") if response.status_code == 201 else None
                results.append(
                    (response.status_code, response.headers.get("content-type", ""), interview)
                )
                await asyncio.sleep(0.05)

        await asyncio.gather(*(worker() for _ in range(CLIENTS)))
    return results


async def _saved(url: str, ids: list[str]) -> set[str]:
    parsed = make_url(url)
    connection = await asyncpg.connect(
        user=parsed.username, host=parsed.query["host"], database=parsed.database
    )
    try:
        rows = await connection.fetch(
            "SELECT id FROM interviews_interview WHERE id = ANY($1::uuid[])",
            [uuid.UUID(i) for i in ids],
        )
        return {str(row["id"]) for row in rows}
    finally:
        await connection.close()


async def test_bookings_survive_a_database_outage(
    own_database: tuple[DatabaseServer, str], outage_platform: StackConfig
) -> None:
    server, url = own_database
    config = outage_platform
    token = login(config, "manager.alpes", "manager-demo").json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    person_ids = await _alpes_people(url)
    slots = _slots(config, headers)
    bookings = [
        {
            "person_id": person_ids[n % len(person_ids)],
            "action_id": slot["eig"],
            "channel": "phone",
            "start": slot["start"],
            "counselor_id": slot["counselor_id"],
        }
        for n, slot in enumerate(slots[:400])
    ]
    stop = asyncio.Event()
    load = asyncio.create_task(
        _book_until(f"{config.service_url('interviews')}/interviews", headers, bookings, stop)
    )
    await asyncio.sleep(1.5)
    assert server.embedded_data_dir is not None
    await asyncio.to_thread(server.stop)
    await asyncio.sleep(2.0)
    async with httpx.AsyncClient(timeout=10) as client:
        readiness = await client.get(f"{config.service_url('interviews')}/readyz")
        refused = await client.get(
            f"{config.service_url('interviews')}/counselors", headers=headers
        )
    assert readiness.status_code == 503
    assert refused.status_code == 503
    assert refused.headers["content-type"] == "application/problem+json"

    await asyncio.to_thread(restart_embedded, server.embedded_data_dir)
    back = time.monotonic()
    recovered = None
    async with httpx.AsyncClient(timeout=10) as client:
        while time.monotonic() - back < 5:
            ready = await client.get(f"{config.service_url('interviews')}/readyz")
            listed = await client.get(
                f"{config.service_url('interviews')}/counselors", headers=headers
            )
            if ready.status_code == 200 and listed.status_code == 200:
                recovered = time.monotonic() - back
                break
            await asyncio.sleep(0.2)
    assert recovered is not None, "the services did not serve again within 5 s"
    await asyncio.sleep(1.0)
    stop.set()
    results = await load

    statuses = {status for status, _, _ in results}
    assert 201 in statuses and 503 in statuses, statuses
    assert statuses <= {201, 409, 503}, statuses  # never a 500, never a timeout
    assert all(kind == "application/problem+json" for status, kind, _ in results if status != 201)
    booked = [interview for status, _, interview in results if status == 201 and interview]
    assert await _saved(url, booked) == set(booked)


async def _alpes_people(url: str) -> list[int]:
    parsed = make_url(url)
    connection = await asyncpg.connect(
        user=parsed.username, host=parsed.query["host"], database=parsed.database
    )
    try:
        rows = await connection.fetch(
            "SELECT id FROM targeting_insured_person WHERE caisse_code = 'ALPES' LIMIT 50"
        )
        return [row["id"] for row in rows]
    finally:
        await connection.close()
