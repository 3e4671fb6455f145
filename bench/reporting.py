"""Reporting benchmark: the national bilan over 30 caisses, live and consolidated, and the cost
of a repeated pull with an unchanged ETag.

    .venv/bin/python -m bench.reporting

On a database of its own it seeds the demo caisses, the 2011 socle and a registry of
``--population`` people, writes ``--contacts`` letter contacts spread over the 30 caisses and
the socle's actions straight into interviews' table, starts the services as processes and
measures (p50 of ``--runs``):
- ``GET /v1/national/2011/live`` (reporting → targeting ``/stats`` → interviews and surveys
  ``/stats``, consolidation) vs the same peer calls made directly (the bare HTTP cost) and the
  letters aggregate in raw SQL — once with a registry change before each pull (targeting scans
  the registry again), once with the registry unchanged (targeting's kept counts);
- ``GET /v1/national/2011`` over 30 submitted versions vs reading the 30 stored documents in
  raw SQL and decoding them;
- the same two pulls (and a regional bilan) with ``If-None-Match`` → 304, vs a bare FastAPI
  endpoint reading one stored tag with asyncpg.
"""

import asyncio
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
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
from services.shared.etag import canonical_json, strong_etag
from services.shared.settings import PROJECT_ROOT

app = typer.Typer(add_completion=False)
YEAR = 2011


async def _write_contacts(url: str, contacts: int) -> None:
    connection = await asyncpg.connect(**connect_args(url))
    try:
        await connection.execute(
            """
            INSERT INTO interviews_contact
                (kind, caisse_code, person_id, action_id, channel, occurred_at, source_id)
            SELECT 'letter', c.codes[1 + g % c.n], g, a.ids[1 + (g / c.n) % a.m], 'letter',
                   '2011-06-01', 'bench-' || g
            FROM generate_series(1, $1::int) AS g,
                 (SELECT array_agg(code ORDER BY code) AS codes, count(*)::int AS n
                  FROM targeting_caisse) AS c,
                 (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS m
                  FROM targeting_policy_action WHERE year = $2) AS a
            """,
            contacts,
            YEAR,
        )
        await connection.execute("ANALYZE interviews_contact")
    finally:
        await connection.close()


async def _store_versions(url: str, documents: list[dict[str, Any]]) -> None:
    """Each caisse's bilan as a submitted version 1 (written directly: submission refuses
    incomplete figures, and surveys may not publish its stats yet)."""
    connection = await asyncpg.connect(**connect_args(url))
    submitted_at = datetime(2012, 1, 20, tzinfo=UTC)
    try:
        for document in documents:
            frozen = {
                **document,
                "status": "submitted",
                "version": 1,
                "submitted_at": submitted_at.isoformat().replace("+00:00", "Z"),
                "submitted_by": "bench",
            }
            bilan_id = await connection.fetchval(
                "INSERT INTO reporting_bilan (caisse_code, year, status, difficulties, "
                "local_actions, priorities, latest_version, updated_by) "
                "VALUES ($1, $2, 'submitted', '', '', '', 1, 'bench') RETURNING id",
                document["caisse_code"],
                YEAR,
            )
            await connection.execute(
                "INSERT INTO reporting_bilan_version (bilan_id, version, document, etag, late, "
                "submitted_by, submitted_at) VALUES ($1, 1, $2::jsonb, $3, false, 'bench', $4)",
                bilan_id,
                json.dumps(frozen),
                strong_etag(canonical_json(frozen)),
                submitted_at,
            )
    finally:
        await connection.close()


async def _change_a_draft(url: str) -> None:
    """Moves a draft bilan of an extra caisse code on, so the next national pull finds its
    inputs changed and consolidates again (what is measured is the uncached path)."""
    connection = await asyncpg.connect(**connect_args(url))
    try:
        await connection.execute(
            "INSERT INTO reporting_bilan (caisse_code, year, status, difficulties, local_actions, "
            "priorities, latest_version, updated_by) VALUES ('BENCH', $1, 'draft', '', '', '', "
            "0, 'bench') ON CONFLICT (caisse_code, year) DO UPDATE "
            "SET latest_version = (reporting_bilan.latest_version + 1) % 1000",
            YEAR,
        )
    finally:
        await connection.close()


async def _touch_registry(url: str) -> None:
    """A registry change (one person's city rewritten): targeting's kept counts no longer
    hold, so the next live pull scans the registry again."""
    connection = await asyncpg.connect(**connect_args(url))
    try:
        await connection.execute(
            "UPDATE targeting_insured_person SET city = city "
            "WHERE id = (SELECT min(id) FROM targeting_insured_person)"
        )
    finally:
        await connection.close()


def _p50(runs: int, call: Callable[[], Any], before: Callable[[], Any] | None = None) -> float:
    call()  # warm-up
    samples = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _raw_sql_p50(url: str, runs: int, query: str, decode: bool = False) -> float:
    async def measure() -> float:
        connection = await asyncpg.connect(**connect_args(url))
        try:
            samples = []
            for _ in range(runs + 1):
                started = time.perf_counter()
                rows = await connection.fetch(query)
                if decode:
                    [json.loads(row[0]) for row in rows]
                samples.append(time.perf_counter() - started)
            return statistics.median(samples[1:])
        finally:
            await connection.close()

    return asyncio.run(measure())


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


@app.command()
def main(
    population: Annotated[int, typer.Option(help="People in the registry.")] = 300_000,
    contacts: Annotated[int, typer.Option(help="Letter contacts in interviews.")] = 1_000_000,
    runs: Annotated[int, typer.Option(help="Repetitions per measure.")] = 15,
    port_base: Annotated[int, typer.Option()] = 19210,
) -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    server = start_embedded(BENCH_DIR / "postgres")
    name = "rsi_bench_reporting"
    drop_database(server, name)
    url = ensure_database(server, name)
    migrate(url)
    asyncio.run(seed_all(url, demo=True, population=population))
    asyncio.run(_write_contacts(url, contacts))
    config = StackConfig(
        data_dir=BENCH_DIR, port_base=port_base, spa_port=0, build_spa=False, database_url=url
    )
    env = service_environment(config, url)
    processes: list[subprocess.Popen[bytes]]
    lines: list[str] = []
    with running_processes() as processes:
        start_services(config, env, processes, log_dir=BENCH_DIR)
        bare_port = port_base + len(SERVICES)
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "bench.bare_app:app", "--host", "127.0.0.1",
                 "--port", str(bare_port), "--no-access-log", "--log-level", "warning"],
                cwd=PROJECT_ROOT,
                env=env,
            )
        )  # fmt: skip
        time.sleep(3)
        login = httpx.post(
            f"{config.service_url('identity')}/auth/login",
            json={"username": "national", "password": "national-demo"},
        ).json()
        headers = {"Authorization": f"Bearer {login['access_token']}"}
        reporting = config.service_url("reporting")
        with httpx.Client(timeout=120, headers=headers) as client:
            live = client.get(f"{reporting}/v1/national/{YEAR}/live")
            live.raise_for_status()
            missing = live.json()["missing"]
            letters = live.json()["consolidated"]["totals"]["letters_sent"]

            def peers_directly() -> None:
                stats = client.get(
                    f"{config.service_url('targeting')}/stats", params={"year": YEAR}
                )
                ids = sorted({i["action_id"] for i in stats.json()["items"]})
                client.get(f"{config.service_url('interviews')}/stats", params={"action_id": ids})
                client.get(f"{config.service_url('surveys')}/stats", params={"action_id": ids})

            def live_pull() -> None:
                client.get(f"{reporting}/v1/national/{YEAR}/live").raise_for_status()

            def registry_changed() -> None:
                asyncio.run(_touch_registry(url))

            live_p50 = _p50(runs, live_pull, before=registry_changed)
            peers_p50 = _p50(runs, peers_directly, before=registry_changed)
            live_kept_p50 = _p50(runs, live_pull)
            peers_kept_p50 = _p50(runs, peers_directly)
            record(
                "reporting",
                population=population,
                live_changed_ms=live_p50 * 1000,
                peers_changed_ms=peers_p50 * 1000,
                live_kept_ms=live_kept_p50 * 1000,
                peers_kept_ms=peers_kept_p50 * 1000,
            )
            letters_sql = _raw_sql_p50(
                url,
                runs,
                "SELECT caisse_code, action_id, count(*) FROM interviews_contact "
                "WHERE kind = 'letter' GROUP BY 1, 2",
            )
            lines.append(
                f"national live, 30 caisses, {contacts:,} contacts (letters_sent {letters:,}; "
                f"missing {missing}), the registry changed before each pull: p50 "
                f"{_ms(live_p50)} | peers' /stats called directly {_ms(peers_p50)} (ratio "
                f"{live_p50 / peers_p50:.2f}) | raw SQL letters aggregate {_ms(letters_sql)} | "
                "target p50 <= 1000 ms"
            )
            lines.append(
                f"national live, registry unchanged since the last pull (targeting's counts "
                f"kept): p50 {_ms(live_kept_p50)} | peers' /stats called directly "
                f"{_ms(peers_kept_p50)} (ratio {live_kept_p50 / peers_kept_p50:.2f})"
            )

            caisses = sorted(
                {row["caisse_code"] for row in live.json()["consolidated"]["comparison"]}
            )
            documents = [client.get(f"{reporting}/v1/bilans/{YEAR}/{c}").json() for c in caisses]
            asyncio.run(_store_versions(url, documents))
            national_p50 = _p50(
                runs,
                lambda: client.get(f"{reporting}/v1/national/{YEAR}"),
                before=lambda: asyncio.run(_change_a_draft(url)),
            )
            cached_p50 = _p50(runs, lambda: client.get(f"{reporting}/v1/national/{YEAR}"))
            documents_sql = _raw_sql_p50(
                url, runs, "SELECT document::text FROM reporting_bilan_version", decode=True
            )
            lines.append(
                f"national consolidated over {len(documents)} submitted versions, recomputed: "
                f"p50 {_ms(national_p50)}; unchanged since the last pull (no If-None-Match): "
                f"p50 {_ms(cached_p50)} | raw SQL read + JSON decode of the documents "
                f"{_ms(documents_sql)} (ratios {national_p50 / documents_sql:.1f}, "
                f"{cached_p50 / documents_sql:.1f})"
            )

            national_tag = client.get(f"{reporting}/v1/national/{YEAR}").headers["etag"]
            regional_tag = client.get(f"{reporting}/v1/bilans/{YEAR}/ALPES").headers["etag"]

            def cached(path: str, tag: str) -> Callable[[], None]:
                def pull() -> None:
                    response = client.get(f"{reporting}{path}", headers={"If-None-Match": tag})
                    assert response.status_code == 304, response.status_code

                return pull

            national_304 = _p50(runs, cached(f"/v1/national/{YEAR}", national_tag))
            regional_304 = _p50(runs, cached(f"/v1/bilans/{YEAR}/ALPES", regional_tag))
            bare = f"http://127.0.0.1:{bare_port}/bare-etag"
            bare_tag = client.get(bare).headers["etag"]
            bare_304 = _p50(runs, lambda: client.get(bare, headers={"If-None-Match": bare_tag}))
            lines.append(
                f"unchanged pull (304): national p50 {_ms(national_304)}, regional submitted "
                f"bilan p50 {_ms(regional_304)} | bare FastAPI + asyncpg tag read "
                f"{_ms(bare_304)} (ratios {national_304 / bare_304:.1f}, "
                f"{regional_304 / bare_304:.1f}) | target <= 20 ms"
            )
    print("\n".join(lines))


if __name__ == "__main__":
    app()
