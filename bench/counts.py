"""Registry counts against a scan of the registry, in-process (no HTTP), at N people.

    .venv/bin/python -m bench.counts --size 3000000

On a database of its own it COPYs the generated population (the counts' trigger on, timed),
compacts the counts, then for each socle definition times ``volumetry`` from the counts and
from a scan (p50), checking both answer the same; then targeting's ``/stats`` counts, one
opposition with its counts, its compaction, and ``/stats`` right after. ``--reuse`` keeps the
database of an earlier run (no COPY).
"""

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import typer
from sqlalchemy import select, update

from bench.targeting import BENCH_DIR
from services.platform.database import (
    connect,
    drop_database,
    ensure_database,
    migrate,
    start_embedded,
)
from services.platform.seed import seed_all
from services.shared.auth import CaisseScope
from services.shared.db import create_sessionmaker, create_task_engine
from services.targeting.policy.models import PolicyAction
from services.targeting.registry.columns import IMPORT_COLUMNS
from services.targeting.registry.generator import write_population
from services.targeting.registry.models import InsuredPerson
from services.targeting.stats import aggregate
from services.targeting.stats import service as stats
from services.targeting.targets import service as targets
from services.targeting.targets.definition import TargetDefinition

app = typer.Typer(add_completion=False)
NAME = "rsi_bench_counts"
EVERYONE = CaisseScope(None)


async def _p50_ms(runs: int, call: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
    samples, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = await call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, result


async def _load(url: str, size: int) -> None:
    csv_path = BENCH_DIR / f"population-{size}.csv"
    if not csv_path.exists():
        write_population(csv_path, size)
    connection = await connect(url)
    try:
        started = time.perf_counter()
        await connection.copy_to_table(
            "targeting_insured_person",
            source=csv_path,
            columns=list(IMPORT_COLUMNS),
            format="csv",
            header=True,
        )
        print(f"COPY {size:,} people, counts' trigger on: {time.perf_counter() - started:.1f} s")
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


async def _measure(url: str, runs: int) -> None:
    engine = create_task_engine(url)
    sessions = create_sessionmaker(engine)
    try:
        async with sessions() as session, session.begin():
            started = time.perf_counter()
            rows = await aggregate.compact(session, full_share=0.0)
            done = f"{rows:,} rows" if rows else "nothing to fold"
            print(f"compaction: {time.perf_counter() - started:.2f} s, {done}")
        async with sessions() as session:
            actions = list(
                await session.scalars(
                    select(PolicyAction).where(PolicyAction.year == 2011, PolicyAction.national)
                )
            )
            for action in actions:
                definition = TargetDefinition.model_validate(action.target_definition)

                def count(use: bool, d: TargetDefinition = definition) -> Awaitable[Any]:
                    return targets.volumetry(session, EVERYONE, d, use_counts=use)

                counted_ms, counted = await _p50_ms(runs, lambda: count(True))
                scanned_ms, scanned = await _p50_ms(3, lambda: count(False))
                assert counted == scanned, action.code
                print(
                    f"volumetry {action.code}: counts p50 {counted_ms:.1f} ms | scan p50 "
                    f"{scanned_ms:.0f} ms | same answer ({counted.total_matched:,} people)"
                )
            definitions = [
                (a, TargetDefinition.model_validate(a.target_definition)) for a in actions
            ]
            kept_ms, kept = await _p50_ms(runs, lambda: stats._targeted(session, EVERYONE, actions))
            scan_ms, scanned_all = await _p50_ms(
                1, lambda: stats._scanned(session, EVERYONE, definitions)
            )
            assert kept == scanned_all
            print(
                f"/stats targeted ({len(actions)} actions, every caisse): counts p50 "
                f"{kept_ms:.1f} ms | one scan {scan_ms:.0f} ms | same answer"
            )
        async with sessions() as session, session.begin():
            person = await session.scalar(select(InsuredPerson.id).limit(1))
            started = time.perf_counter()
            await session.execute(
                update(InsuredPerson)
                .where(InsuredPerson.id == person)
                .values(contact_opt_out=~InsuredPerson.contact_opt_out)
            )
            print(
                f"one opposition, counts included: {(time.perf_counter() - started) * 1000:.1f} ms"
            )
        async with sessions() as session:
            fresh_ms, _ = await _p50_ms(1, lambda: stats._targeted(session, EVERYONE, actions))
        async with sessions() as session, session.begin():
            started = time.perf_counter()
            await aggregate.compact(session)
            compacted_ms = (time.perf_counter() - started) * 1000
        print(f"/stats right after it: {fresh_ms:.1f} ms; its compaction {compacted_ms:.0f} ms")
    finally:
        await engine.dispose()


@app.command()
def main(
    size: Annotated[int, typer.Option(help="Insured persons to generate.")] = 3_000_000,
    runs: Annotated[int, typer.Option(help="Repetitions of each count.")] = 15,
    reuse: Annotated[bool, typer.Option(help="Keep the database of an earlier run.")] = False,
) -> None:
    server = start_embedded(BENCH_DIR / "postgres")
    if reuse:
        url = server.url_for(NAME)
    else:
        drop_database(server, NAME)
        url = ensure_database(server, NAME)
        migrate(url)
        asyncio.run(seed_all(url, demo=True, population=0))
        asyncio.run(_load(url, size))
    asyncio.run(_measure(url, runs))


if __name__ == "__main__":
    app()
