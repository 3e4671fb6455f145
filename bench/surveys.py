"""Surveys benchmark: a year of answers (100,000 responses) read back as results, stats and
a CSV export, and a draw over 100,000 completed contacts, each against its baseline measured
in the same run.

    .venv/bin/python -m bench.surveys

On a database of its own: the reference data, national campaigns on the four socle actions,
links and responses written by SQL (as many as a year's), the completed contacts in the
interviews' feed table; then the services as processes, and:
- ``GET /results`` (national consolidation, the year's actions) and ``GET /stats`` against
  the same aggregations written by hand in SQL on one connection;
- ``GET /results/answers.csv`` (every answer) against ``COPY (SELECT …) TO STDOUT``;
- ``POST /draws/run`` until the feed is read, against reading the same feed pages with the
  same machine token and drawing nothing.
"""

import asyncio
import statistics
import subprocess
import time
from typing import Annotated

import asyncpg
import httpx
import typer

from bench.targeting import BENCH_DIR, connect_args
from services.identity.seed import SURVEYS_CLIENT
from services.platform.database import drop_database, ensure_database, migrate, start_embedded
from services.platform.seed import seed_all
from services.platform.stack import (
    StackConfig,
    running_processes,
    service_environment,
    start_services,
)

app = typer.Typer(add_completion=False)
RESPONSE_RATE_EIGHTHS = 5  # 5 links in 8 answered


async def _fill(url: str, responses: int, contacts: int) -> list[int]:
    """Campaigns, links, responses, answers and the contact feed, written by SQL."""
    connection = await asyncpg.connect(**connect_args(url))
    try:
        actions = [
            r["id"]
            for r in await connection.fetch(
                "SELECT id FROM targeting_policy_action WHERE year = 2011 ORDER BY id"
            )
        ]
        version = await connection.fetchval(
            "SELECT id FROM surveys_questionnaire_version WHERE caisse_code IS NULL"
        )
        campaigns = [
            await connection.fetchval(
                "INSERT INTO surveys_campaign (caisse_code, action_id, title, "
                "questionnaire_version_id, sample_share, minimum_per_caisse, active, created_by) "
                "VALUES (NULL, $1, 'bench', $2, 0.2, 30, true, 'bench') RETURNING id",
                action,
                version,
            )
            for action in actions
        ]
        links = responses * 8 // RESPONSE_RATE_EIGHTHS
        await connection.execute(
            """
            INSERT INTO surveys_link (campaign_id, caisse_code, action_id, person_id,
                contact_kind, channel, occurred_at, reason, token_hash, expires_at, answered_at)
            SELECT c.id, k.codes[1 + g % array_length(k.codes, 1)], c.action_id, g, 'interview',
                (ARRAY['in_person', 'phone'])[1 + g % 2], now(), 'sampled',
                md5(g::text) || md5((-g)::text), now() + interval '30 days',
                CASE WHEN g % 8 < $2 THEN now() END
            FROM generate_series(1, $1) g
            JOIN LATERAL (SELECT $3::bigint[] AS ids) a ON true
            JOIN surveys_campaign c ON c.id = a.ids[1 + g % array_length(a.ids, 1)]
            CROSS JOIN (SELECT array_agg(code ORDER BY code) AS codes FROM targeting_caisse) k
            """,
            links,
            RESPONSE_RATE_EIGHTHS,
            campaigns,
        )
        await connection.execute(
            """
            INSERT INTO surveys_response (id, link_id, campaign_id, questionnaire_version_id,
                caisse_code, action_id, channel, answered_at)
            SELECT gen_random_uuid(), l.id, l.campaign_id, $1, l.caisse_code, l.action_id,
                l.channel, l.answered_at
            FROM surveys_link l WHERE l.answered_at IS NOT NULL
            """,
            version,
        )
        await connection.execute(
            """
            INSERT INTO surveys_answer (response_id, question_id, score, choices, text)
            SELECT r.id, q.id,
                CASE q.type WHEN 'scale_1_5' THEN 1 + abs(hashtext(r.id::text || q.key)) % 5
                            WHEN 'yes_no' THEN (abs(hashtext(r.id::text)) % 4 > 0)::int END,
                CASE WHEN q.type IN ('single_choice', 'multiple_choice')
                     THEN ARRAY[q.options ->> (abs(hashtext(r.id::text)) % 4)] END,
                CASE WHEN q.type = 'free_text' THEN 'Très bon accueil, merci.' END
            FROM surveys_response r
            JOIN surveys_question q ON q.version_id = $1
            WHERE q.type <> 'free_text' OR abs(hashtext(r.id::text)) % 10 = 0
            """,
            version,
        )
        await connection.execute(
            """
            INSERT INTO interviews_contact (kind, caisse_code, person_id, action_id, channel,
                occurred_at, source_id)
            SELECT 'interview', k.codes[1 + g % array_length(k.codes, 1)], 10000000 + g, $2,
                'phone', now(), 'bench-' || g
            FROM generate_series(1, $1) g
            CROSS JOIN (SELECT array_agg(code ORDER BY code) AS codes FROM targeting_caisse) k
            """,
            contacts,
            actions[0],
        )
        await connection.execute("VACUUM ANALYZE")
        return actions
    finally:
        await connection.close()


# The same aggregations the service runs, by hand: links, responses, respondents per
# question, scores, choices (results); links, responses, overall satisfaction (stats).
RAW_RESULTS = """
SELECT q.key, NULL::int, count(*) FROM surveys_answer a
JOIN surveys_response r ON r.id = a.response_id
JOIN surveys_question q ON q.id = a.question_id
JOIN surveys_questionnaire_version v ON v.id = q.version_id
WHERE r.action_id = ANY($1) AND v.caisse_code IS NULL
GROUP BY q.key
UNION ALL
SELECT q.key, a.score, count(*) FROM surveys_answer a
JOIN surveys_response r ON r.id = a.response_id
JOIN surveys_question q ON q.id = a.question_id
JOIN surveys_questionnaire_version v ON v.id = q.version_id
WHERE r.action_id = ANY($1) AND v.caisse_code IS NULL AND a.score IS NOT NULL
GROUP BY q.key, a.score
UNION ALL
SELECT q.key, NULL, count(*) FROM surveys_answer a
JOIN surveys_response r ON r.id = a.response_id
JOIN surveys_question q ON q.id = a.question_id
CROSS JOIN unnest(a.choices) c
WHERE r.action_id = ANY($1) GROUP BY q.key, c
"""
RAW_COUNTS = """
SELECT (SELECT count(*) FROM surveys_link WHERE action_id = ANY($1)),
       (SELECT count(*) FROM surveys_response WHERE action_id = ANY($1))
"""
RAW_STATS = """
SELECT caisse_code, action_id, count(*) FROM surveys_link GROUP BY 1, 2
UNION ALL
SELECT caisse_code, action_id, count(*) FROM surveys_response GROUP BY 1, 2
"""
RAW_SATISFACTION = """
SELECT r.caisse_code, r.action_id, count(*), avg(a.score), count(*) FILTER (WHERE a.score >= 4)
FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id
JOIN surveys_question q ON q.id = a.question_id
WHERE q.key = 'overall_satisfaction' GROUP BY r.caisse_code, r.action_id
"""
RAW_CSV = (
    "SELECT r.id, r.answered_at::date, r.caisse_code, r.action_id, r.channel, q.key, "
    "q.label, coalesce(a.score::text, array_to_string(a.choices, ' | '), a.text) "
    "FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id "
    "JOIN surveys_question q ON q.id = a.question_id"
)


async def _raw_seconds(url: str, runs: int, actions: list[int]) -> dict[str, float]:
    connection = await asyncpg.connect(**connect_args(url))
    try:
        results, stats = [], []
        for _ in range(runs):
            started = time.perf_counter()
            await connection.fetch(RAW_RESULTS, actions)
            await connection.fetch(RAW_COUNTS, actions)
            results.append(time.perf_counter() - started)
            started = time.perf_counter()
            await connection.fetch(RAW_STATS)
            await connection.fetch(RAW_SATISFACTION)
            stats.append(time.perf_counter() - started)
        sink = bytearray()

        async def keep(chunk: bytes) -> None:
            sink.extend(chunk)

        started = time.perf_counter()
        await connection.copy_from_query(RAW_CSV, output=keep, format="csv", header=True)
        copy = time.perf_counter() - started
        return {
            "results": statistics.median(results),
            "stats": statistics.median(stats),
            "csv": copy,
            "csv_bytes": len(sink),
        }
    finally:
        await connection.close()


def _p50(client: httpx.Client, url: str, runs: int, **kwargs: object) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, **kwargs)  # type: ignore[arg-type]
        response.raise_for_status()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


@app.command()
def main(
    responses: Annotated[int, typer.Option(help="Responses (a year: 100,000).")] = 100_000,
    contacts: Annotated[int, typer.Option(help="Completed contacts to draw from.")] = 100_000,
    runs: Annotated[int, typer.Option(help="Repetitions of each read.")] = 10,
    port_base: Annotated[int, typer.Option()] = 19210,
) -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    server = start_embedded(BENCH_DIR / "postgres")
    name = "rsi_bench_surveys"
    drop_database(server, name)
    url = ensure_database(server, name)
    migrate(url)
    asyncio.run(seed_all(url, demo=True, population=1_000))
    started = time.perf_counter()
    actions = asyncio.run(_fill(url, responses, contacts))
    print(f"fill: {time.perf_counter() - started:.1f} s", flush=True)
    raw = asyncio.run(_raw_seconds(url, runs, actions))
    config = StackConfig(
        data_dir=BENCH_DIR, port_base=port_base, spa_port=0, build_spa=False, database_url=url
    )
    env = {**service_environment(config, url), "RSI_SURVEY_DRAW_INTERVAL_SECONDS": "0"}
    env["RSI_SURVEYS_CLIENT_SECRET"] = SURVEYS_CLIENT.secret
    processes: list[subprocess.Popen[bytes]]
    with running_processes() as processes, httpx.Client(timeout=600) as client:
        start_services(config, env, processes, log_dir=BENCH_DIR)
        identity, surveys = config.service_url("identity"), config.service_url("surveys")
        login = client.post(
            f"{identity}/auth/login", json={"username": "national", "password": "national-demo"}
        ).json()
        headers = {"Authorization": f"Bearer {login['access_token']}"}
        query = {"action_id": actions, "national_only": "true"}
        results = _p50(client, f"{surveys}/results", runs, params=query, headers=headers)
        stats = _p50(client, f"{surveys}/stats", runs, headers=headers)
        started = time.perf_counter()
        csv = client.get(f"{surveys}/results/answers.csv", headers=headers)
        csv_seconds = time.perf_counter() - started

        machine = client.post(
            f"{identity}/oauth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": SURVEYS_CLIENT.client_id,
                "client_secret": SURVEYS_CLIENT.secret,
            },
        ).json()
        feed_headers = {"Authorization": f"Bearer {machine['access_token']}"}
        started, after = time.perf_counter(), 0
        while True:
            page = client.get(
                f"{config.service_url('interviews')}/contact-events",
                params={"after": after, "limit": 1000},
                headers=feed_headers,
            ).json()
            after = page["next_after"]
            if len(page["items"]) < 1000:
                break
        feed_seconds = time.perf_counter() - started
        started, read, issued = time.perf_counter(), 0, 0
        while True:
            report = client.post(f"{surveys}/draws/run", headers=headers).json()
            read, issued = read + report["events_read"], issued + report["links_issued"]
            if report["events_read"] == 0:
                break
        draw_seconds = time.perf_counter() - started
    answers = csv.text.count("\n") - 1
    print(
        f"results (national, {responses:,} responses): p50 {results * 1000:.0f} ms | "
        f"raw SQL {raw['results'] * 1000:.0f} ms | ratio {results / raw['results']:.2f}\n"
        f"stats: p50 {stats * 1000:.0f} ms | raw SQL {raw['stats'] * 1000:.0f} ms | "
        f"ratio {stats / raw['stats']:.2f}\n"
        f"CSV export, {answers:,} answers ({len(csv.content) / 2**20:.0f} MiB): "
        f"{csv_seconds:.1f} s | COPY {raw['csv']:.1f} s ({raw['csv_bytes'] / 2**20:.0f} MiB) | "
        f"ratio {csv_seconds / raw['csv']:.2f}\n"
        f"draw over {read:,} contacts ({issued:,} links): {draw_seconds:.1f} s "
        f"({read / draw_seconds:,.0f} contacts/s) | reading the feed alone {feed_seconds:.1f} s | "
        f"ratio {draw_seconds / feed_seconds:.2f}",
        flush=True,
    )


if __name__ == "__main__":
    app()
