"""``rsi``: the platform's command line (run it, migrate, seed, dump the OpenAPI contracts)."""

import asyncio
import json
import os
from pathlib import Path
from typing import Annotated

import typer

from services.platform.database import ensure_database, migrate, start_embedded
from services.platform.seed import DEMO_POPULATION, seed_all
from services.platform.stack import SERVICES, StackConfig, run_stack
from services.shared.audit import purge_expired
from services.shared.db import create_sessionmaker, create_task_engine
from services.shared.settings import DEFAULT_DATA_DIR

app = typer.Typer(help="RSI contact platform", no_args_is_help=True)
DataDir = Annotated[Path, typer.Option(help="Project-local folder for Postgres data and keys.")]


def _database_url(data_dir: Path) -> str:
    """DATABASE_URL when set, else the embedded server of ``data_dir`` (started if needed)."""
    url = os.environ.get("DATABASE_URL") or os.environ.get("RSI_DATABASE_URL")
    return url or ensure_database(start_embedded(data_dir / "postgres"), "rsi")


@app.command()
def run(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    port_base: Annotated[int, typer.Option(help="Port of identity; the others follow.")] = 8010,
    spa_port: Annotated[int, typer.Option(help="Port of the SPA (the one URL).")] = 8080,
    build: Annotated[bool, typer.Option(help="Build the SPA before serving it.")] = True,
) -> None:
    """Start Postgres, migrate, seed, every service and the SPA; Ctrl-C stops them all."""
    database_url = os.environ.get("DATABASE_URL") or os.environ.get("RSI_DATABASE_URL")
    run_stack(
        StackConfig(
            data_dir=data_dir.resolve(),
            port_base=port_base,
            spa_port=spa_port,
            build_spa=build,
            database_url=database_url or None,
        )
    )


@app.command()
def worker(
    queue: Annotated[
        list[str] | None, typer.Option(help="Only these queues (default: every queue).")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Worker name, in the logs.")] = None,
) -> None:
    """Run the background tasks of every service from the job queue, until stopped."""
    from services.shared.settings import get_settings
    from services.worker.main import run_worker

    asyncio.run(run_worker(get_settings(), queue, name))


@app.command("migrate")
def migrate_command(data_dir: DataDir = DEFAULT_DATA_DIR) -> None:
    """Upgrade the schema to the latest revision."""
    migrate(_database_url(data_dir.resolve()))


@app.command()
def seed(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    demo: Annotated[bool, typer.Option(help="Also create the demo accounts.")] = True,
    population: Annotated[
        int, typer.Option(help="Generated insured persons loaded with the demo accounts.")
    ] = DEMO_POPULATION,
) -> None:
    """Load the reference data (caisses) and, unless --no-demo, the demo accounts."""
    asyncio.run(seed_all(_database_url(data_dir.resolve()), demo=demo, population=population))


@app.command("purge-audit")
def purge_audit(data_dir: DataDir = DEFAULT_DATA_DIR) -> None:
    """Delete audit events past the retention period (run it daily, e.g. from cron)."""

    async def purge(url: str) -> int:
        engine = create_task_engine(url)
        try:
            async with create_sessionmaker(engine)() as session, session.begin():
                return await purge_expired(session)
        finally:
            await engine.dispose()

    typer.echo(f"{asyncio.run(purge(_database_url(data_dir.resolve())))} audit events purged")


@app.command()
def openapi(output_dir: Path) -> None:
    """Write each service's OpenAPI document to OUTPUT_DIR/<service>.json."""
    import importlib

    output_dir.mkdir(parents=True, exist_ok=True)
    for service in SERVICES:
        module = importlib.import_module(f"services.{service}.app")
        document = module.create_app().openapi()
        path = output_dir / f"{service}.json"
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
        typer.echo(f"wrote {path}")


@app.command("generate-population")
def generate_population(
    output: Annotated[Path, typer.Argument(help="CSV file to write (import format).")],
    size: Annotated[int, typer.Option(min=0, help="Number of insured persons.")],
    seed: Annotated[int, typer.Option(help="Random seed; same seed, same file.")] = 2011,
    year: Annotated[int, typer.Option(min=1900, max=2100, help="Reference year.")] = 2011,
) -> None:
    """Write a synthetic insured population as an import CSV, streamed in constant memory."""
    from services.targeting.registry.generator import write_population

    def report(written: int) -> None:
        percent = 100 * written // size if size else 100
        typer.echo(f"{written:,}/{size:,} rows ({percent} %)", err=True)

    write_population(output, size, seed=seed, year=year, progress=report)
    typer.echo(f"wrote {output}")


if __name__ == "__main__":
    app()
