"""Targeting benchmark: the platform against the raw-SQL baseline, measured in the same run.

    .venv/bin/python -m bench.targeting --size 3000000

On a database of its own (embedded under .data/bench, or DATABASE_URL's server) it generates
the population, then measures:
- CSV import through the running targeting service (upload, job, upsert) vs a raw ``COPY`` of
  the same file into the same table, and the peak RSS of the service process;
- each socle action's volumetry through the API vs the same count in raw SQL (p50 of N runs);
- materialising a 100,000-person list through the API vs a raw ``INSERT … SELECT``.
It prints the figures and the ratios; RESULTS.md records them.
"""

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Annotated, Any

import asyncpg
import httpx
import typer
from sqlalchemy.engine import make_url

from bench.figures import record
from services.platform.database import (
    DatabaseServer,
    drop_database,
    ensure_database,
    migrate,
    server_from_url,
    start_embedded,
)
from services.platform.seed import seed_all
from services.platform.stack import (
    SERVICES,
    StackConfig,
    running_processes,
    service_environment,
    start_services,
    start_worker,
)
from services.shared.settings import PROJECT_ROOT
from services.targeting.registry.columns import IMPORT_COLUMNS
from services.targeting.registry.generator import write_population

app = typer.Typer(add_completion=False)
# One client for the whole run: a new one per call would time TLS-context set-up, not the API.
http = httpx.Client(timeout=600)
BENCH_DIR = PROJECT_ROOT / ".data" / "bench"
LIST_SIZE = 100_000


def connect_args(url: str) -> dict[str, Any]:
    parsed = make_url(url)
    return {
        "user": parsed.username,
        "password": parsed.password,
        "host": parsed.query.get("host") or parsed.host,
        "port": parsed.port,
        "database": parsed.database,
    }


async def _raw(url: str) -> asyncpg.Connection:
    return await asyncpg.connect(**connect_args(url))


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _raw_copy_seconds(url: str, csv_path: Path, counted: bool = True) -> float:
    """COPY into the registry; without ``counted``, with the registry counts' insert trigger
    off (what the counts cost an import)."""
    connection = await _raw(url)
    trigger = (
        "ALTER TABLE targeting_insured_person {} TRIGGER targeting_insured_person_counted_insert"
    )
    try:
        if not counted:
            await connection.execute(trigger.format("DISABLE"))
        started = time.perf_counter()
        await connection.copy_to_table(
            "targeting_insured_person",
            source=csv_path,
            columns=list(IMPORT_COLUMNS),
            format="csv",
            header=True,
        )
        elapsed = time.perf_counter() - started
        await connection.execute("TRUNCATE targeting_insured_person CASCADE")
        return elapsed
    finally:
        if not counted:
            await connection.execute(trigger.format("ENABLE"))
        await connection.close()


def _login(config: StackConfig) -> dict[str, str]:
    response = http.post(
        f"{config.service_url('identity')}/auth/login",
        json={"username": "admin", "password": "admin-demo"},
    )
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _wait_for_job(config: StackConfig, headers: dict[str, str], job_id: str) -> dict[str, Any]:
    while True:
        job = http.get(f"{config.service_url('targeting')}/jobs/{job_id}", headers=headers).json()
        if job["status"] in ("succeeded", "failed"):
            return dict(job)
        time.sleep(0.2)


def _api_import_seconds(
    config: StackConfig, headers: dict[str, str], csv_path: Path
) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    with csv_path.open("rb") as handle:
        response = http.post(
            f"{config.service_url('targeting')}/imports",
            files={"file": ("population.csv", handle, "text/csv")},
            data={"mode": "all_or_nothing"},
            headers=headers,
            timeout=600,
        )
    response.raise_for_status()
    job = _wait_for_job(config, headers, response.json()["id"])
    return time.perf_counter() - started, job


def _p50_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


async def _raw_volumetry_seconds(url: str, action_id: int, runs: int) -> list[float]:
    """The same count the service runs, written by hand from the action's definition."""
    connection = await _raw(url)
    try:
        definition = await connection.fetchval(
            "SELECT target_definition FROM targeting_policy_action WHERE id = $1", action_id
        )
        sql = _raw_count_sql(json.loads(definition) if isinstance(definition, str) else definition)
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            await connection.fetch(sql)
            samples.append(time.perf_counter() - started)
        return samples
    finally:
        await connection.close()


def _raw_count_sql(definition: dict[str, Any]) -> str:
    def predicate(criteria: dict[str, Any]) -> str:
        clauses = ["true"]
        if "birth_years" in criteria:
            clauses.append(f"birth_year IN ({', '.join(map(str, criteria['birth_years']))})")
        for key, column in (
            ("statuses", "status"),
            ("professional_groups", "professional_group"),
            ("professional_categories", "professional_category"),
        ):
            if key in criteria:
                values = ", ".join("'" + v.replace("'", "''") + "'" for v in criteria[key])
                clauses.append(f"{column} IN ({values})")
        if "created_between" in criteria:
            span = criteria["created_between"]
            clauses.append(f"business_created_on BETWEEN '{span['start']}' AND '{span['end']}'")
        for flag in ("auto_entrepreneur", "incomplete_career"):
            if flag in criteria:
                clauses.append(f"{flag} IS {str(criteria[flag]).lower()}")
        return " AND ".join(clauses)

    priorities = definition.get("priorities", [])
    group = (
        "CASE "
        + " ".join(f"WHEN {predicate(p['criteria'])} THEN {i}" for i, p in enumerate(priorities, 1))
        + f" ELSE {len(priorities) + 1} END"
        if priorities
        else "1"
    )
    return (
        f"SELECT caisse_code, {group} AS g, count(*), count(*) FILTER (WHERE contact_opt_out) "  # noqa: S608
        f"FROM targeting_insured_person WHERE {predicate(definition['filter'])} GROUP BY 1, 2"
    )


def _api_volumetry_seconds(
    config: StackConfig, headers: dict[str, str], action_id: int, runs: int
) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = http.get(
            f"{config.service_url('targeting')}/actions/{action_id}/volumetry",
            headers=headers,
            timeout=60,
        )
        response.raise_for_status()
        samples.append(time.perf_counter() - started)
    return samples


async def _largest_caisse(url: str) -> str:
    connection = await _raw(url)
    try:
        return str(
            await connection.fetchval(
                "SELECT caisse_code FROM targeting_insured_person WHERE status = 'active' "
                "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
            )
        )
    finally:
        await connection.close()


async def _raw_materialise_seconds(url: str, caisse: str) -> float:
    """The baseline: the same ranked sample inserted by hand, then rolled back."""
    connection = await _raw(url)
    transaction = connection.transaction()
    await transaction.start()
    list_id = uuid.uuid4()
    try:
        await connection.execute(  # a list row for the members' foreign key, not timed
            "INSERT INTO targeting_target_list (id, action_id, caisse_code, job_id, status, "
            "definition, recency_window_days, created_by, matched, excluded_opt_out, "
            "excluded_recent_contact, size) SELECT $1, action_id, caisse_code, job_id, 'bench', "
            "definition, recency_window_days, 'bench', 0, 0, 0, 0 "
            "FROM targeting_target_list LIMIT 1",
            list_id,
        )
        started = time.perf_counter()
        await connection.execute(
            "INSERT INTO targeting_target_list_member (list_id, rank, person_id, priority_group) "
            "SELECT $1, row_number() OVER (ORDER BY d), id, 1 FROM ("
            "SELECT id, md5('1:' || id::text) AS d FROM targeting_insured_person "
            "WHERE status = 'active' AND caisse_code = $2 AND NOT contact_opt_out "
            "AND (last_contacted_on IS NULL OR last_contacted_on < current_date - 365) "
            "ORDER BY 2 LIMIT $3) s",
            list_id,
            caisse,
            LIST_SIZE,
        )
        return time.perf_counter() - started
    finally:
        await transaction.rollback()
        await connection.close()


def _api_materialise_seconds(config: StackConfig, headers: dict[str, str], caisse: str) -> float:
    base = config.service_url("targeting")
    action = http.post(
        f"{base}/policy/2011/actions",
        json={
            "code": f"BENCH{uuid.uuid4().hex[:6].upper()}",
            "title": "Bench: actifs",
            "contact_type": "letter",
            "target_description": "actifs",
            "specific_objective": "-",
            "content": "-",
            "calendar_start": "2011-01-01",
            "calendar_end": "2011-12-31",
            "modalities": "-",
            "tools": "-",
            "target_definition": {"filter": {"statuses": ["active"]}},
            "recency_window_days": 365,
        },
        headers=headers,
    )
    action.raise_for_status()
    started = time.perf_counter()
    response = http.post(
        f"{base}/actions/{action.json()['id']}/target-lists",
        json={"caisse_code": caisse, "sampling": {"size": LIST_SIZE, "seed": 1}},
        headers=headers,
    )
    response.raise_for_status()
    job = _wait_for_job(config, headers, response.json()["job"]["id"])
    assert job["status"] == "succeeded", job
    return time.perf_counter() - started


@app.command()
def main(
    size: Annotated[int, typer.Option(help="Insured persons to generate.")] = 3_000_000,
    runs: Annotated[int, typer.Option(help="Repetitions of each volumetry.")] = 15,
    port_base: Annotated[int, typer.Option()] = 19010,
) -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    server: DatabaseServer = (
        server_from_url(os.environ["DATABASE_URL"])
        if "DATABASE_URL" in os.environ
        else start_embedded(BENCH_DIR / "postgres")
    )
    name = "rsi_bench"
    drop_database(server, name)
    url = ensure_database(server, name)
    migrate(url)
    asyncio.run(seed_all(url, demo=True, population=0))
    csv_path = BENCH_DIR / f"population-{size}.csv"
    figures: dict[str, Any] = {"size": size}
    if not csv_path.exists():
        started = time.perf_counter()
        write_population(csv_path, size)
        figures["generate_s"] = time.perf_counter() - started
    figures["csv_mb"] = csv_path.stat().st_size / 1024**2
    figures["raw_copy_s"] = asyncio.run(_raw_copy_seconds(url, csv_path))
    figures["raw_copy_uncounted_s"] = asyncio.run(_raw_copy_seconds(url, csv_path, counted=False))

    config = StackConfig(
        data_dir=BENCH_DIR, port_base=port_base, spa_port=0, build_spa=False, database_url=url
    )
    processes: list[subprocess.Popen[bytes]]
    with running_processes() as processes:
        env = service_environment(config, url)
        start_services(config, env, processes, log_dir=BENCH_DIR)
        start_worker(env, processes, log_dir=BENCH_DIR)  # runs the import and list jobs
        targeting_pid = processes[SERVICES.index("targeting")].pid
        headers = _login(config)
        figures["api_import_s"], job = _api_import_seconds(config, headers, csv_path)
        assert job["status"] == "succeeded" and job["result"]["inserted"] == size, job
        figures["import_peak_rss_mb"] = _peak_rss_mb(targeting_pid)

        actions = http.get(
            f"{config.service_url('targeting')}/policy/2011/actions", headers=headers
        ).json()
        volumetry = {}
        for action in actions:
            api = _api_volumetry_seconds(config, headers, action["id"], runs)
            raw = asyncio.run(_raw_volumetry_seconds(url, action["id"], runs))
            volumetry[action["code"]] = (_p50_ms(api), _p50_ms(raw))
        figures["volumetry"] = volumetry

        caisse = asyncio.run(_largest_caisse(url))
        figures["materialise_api_s"] = _api_materialise_seconds(config, headers, caisse)
        figures["materialise_raw_s"] = asyncio.run(_raw_materialise_seconds(url, caisse))
        figures["materialise_caisse"] = caisse
    record("targeting", **figures)
    _report(figures)


def _report(f: dict[str, Any]) -> None:
    lines = [
        f"population: {f['size']:,} persons, CSV {f['csv_mb']:.0f} MiB",
        *(
            [f"generate: {f['generate_s']:.1f} s ({f['size'] / f['generate_s']:,.0f} rows/s)"]
            if "generate_s" in f
            else []
        ),
        f"import via API: {f['api_import_s']:.1f} s | raw COPY: {f['raw_copy_s']:.1f} s | "
        f"ratio {f['api_import_s'] / f['raw_copy_s']:.2f} (target <= 1.5)",
        f"raw COPY without the registry counts' trigger: {f['raw_copy_uncounted_s']:.1f} s",
        f"peak RSS of the targeting process: {f['import_peak_rss_mb']:.0f} MiB (target <= 300)",
    ]
    for code, (api, raw) in f["volumetry"].items():
        lines.append(
            f"volumetry {code}: API p50 {api:.0f} ms | raw SQL p50 {raw:.0f} ms | "
            f"ratio {api / raw:.2f} (targets <= 1.3, p50 <= 500 ms)"
        )
    lines.append(
        f"materialise {LIST_SIZE:,} ({f['materialise_caisse']}): "
        f"API {f['materialise_api_s']:.2f} s | "
        f"raw INSERT…SELECT {f['materialise_raw_s']:.2f} s | ratio "
        f"{f['materialise_api_s'] / f['materialise_raw_s']:.2f} (target <= 1.5)"
    )
    print("\n".join(lines), flush=True)
    sys.stdout.flush()


if __name__ == "__main__":
    app()
