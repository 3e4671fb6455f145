"""``rsi worker`` as real processes: two workers run each period of a periodic task once; a job
asked for while no worker runs waits, then runs when one starts; a worker outlives a
PostgreSQL restart and goes on taking jobs.

It runs on an embedded server of its own, which the test stops and starts."""

import asyncio
import subprocess
import time
from collections.abc import Iterator
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
    start_worker,
)
from tests.platform.live import free_port_block, login, own_embedded_database, restart_embedded

pytestmark = pytest.mark.processes
Platform = tuple[DatabaseServer, str, StackConfig, dict[str, str], list[subprocess.Popen[bytes]]]


@pytest.fixture(scope="module")
def platform_without_worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    data_dir = tmp_path_factory.mktemp("worker")
    with own_embedded_database(data_dir) as (server, url), running_processes() as processes:
        config = StackConfig(
            data_dir=data_dir,
            port_base=free_port_block(len(SERVICES)),
            spa_port=0,
            build_spa=False,
            database_url=url,
        )
        env = service_environment(config, url)
        start_services(config, env, processes, log_dir=data_dir)
        yield server, url, config, env, processes


async def _fetch(url: str, query: str) -> list[Any]:
    parsed = make_url(url)
    connection = await asyncpg.connect(
        user=parsed.username, host=parsed.query["host"], database=parsed.database
    )
    try:
        return list(await connection.fetch(query))
    finally:
        await connection.close()


def _ask_for_a_list(config: StackConfig) -> tuple[str, dict[str, str]]:
    token = login(config, "manager.alpes", "manager-demo").json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    targeting = config.service_url("targeting")
    actions = httpx.get(f"{targeting}/policy/2011/actions", headers=headers).json()
    eig = next(a["id"] for a in actions if a["code"] == "EIG")
    started = httpx.post(f"{targeting}/actions/{eig}/target-lists", json={}, headers=headers)
    assert started.status_code == 202, started.text
    return f"{targeting}/jobs/{started.json()['job']['id']}", headers


def _job_after(job_url: str, headers: dict[str, str], seconds: float) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while True:
        job = dict(httpx.get(job_url, headers=headers).json())
        if job["status"] in ("succeeded", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


def test_a_job_waits_for_a_worker_and_two_workers_run_each_period_once(
    platform_without_worker: Platform,
) -> None:
    _, url, config, env, processes = platform_without_worker
    job_url, headers = _ask_for_a_list(config)
    time.sleep(2.0)
    waiting = httpx.get(job_url, headers=headers).json()
    assert (waiting["status"], waiting["percent"]) == ("queued", 0.0), waiting

    for _ in range(2):
        start_worker(env, processes, log_dir=config.data_dir)
    done = _job_after(job_url, headers, 30)
    assert (done["status"], done["percent"], done["attempts"]) == ("succeeded", 100.0, 1), done

    time.sleep(8.0)  # the demo's outbox and relay passes run every 2 s
    runs = asyncio.run(
        _fetch(
            url,
            "SELECT task_name, args->>'timestamp' AS period, count(*) AS runs "
            "FROM procrastinate_jobs WHERE args ? 'timestamp' GROUP BY 1, 2",
        )
    )
    workers = asyncio.run(_fetch(url, "SELECT id FROM procrastinate_workers"))
    per_task: dict[str, int] = {}
    for row in runs:
        per_task[row["task_name"]] = per_task.get(row["task_name"], 0) + 1
    print(f"\n{len(workers)} workers; periods run per task: {per_task}")
    assert len(workers) == 2
    assert [dict(row) for row in runs if row["runs"] > 1] == []
    assert per_task["interviews.deliver_messages"] >= 3
    assert per_task["interviews.relay_recency"] >= 3


def test_the_workers_go_on_after_a_database_restart(
    platform_without_worker: Platform,
) -> None:
    server, _, config, _, processes = platform_without_worker
    assert server.embedded_data_dir is not None
    server.stop()
    time.sleep(3.0)
    try:
        restart_embedded(server.embedded_data_dir)
    except subprocess.CalledProcessError as exc:
        raise AssertionError(f"{exc.stdout!r} {exc.stderr!r}") from exc
    time.sleep(1.0)
    assert all(process.poll() is None for process in processes), "a process exited"
    job_url, headers = _ask_for_a_list(config)
    done = _job_after(job_url, headers, 60)
    assert done["status"] == "succeeded", done
