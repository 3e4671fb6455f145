"""Every benchmark of issue 20's table, one after another, and the table with the baselines
of the same run.

    .venv/bin/python -m bench.all            # quick: small sizes (a few minutes)
    .venv/bin/python -m bench.all --full     # the issue's sizes (3M registry, 100k letters…)

Each benchmark runs as its own process (``python -m bench.<name>``: it starts and stops its
services) and hands its figures over through :mod:`bench.figures`. The machine and its load
average, before and after, are printed with the table: on a shared machine they say how far
the figures can be trusted.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from bench.figures import FIGURES_ENV
from services.platform.database import machine_cores, machine_memory_bytes
from services.shared.settings import PROJECT_ROOT

app = typer.Typer(add_completion=False)
Figures = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Bench:
    module: str
    quick: tuple[str, ...]
    full: tuple[str, ...]


BENCHES = (
    Bench(
        "targeting",
        ("--size", "100000", "--runs", "7"),
        ("--size", "3000000", "--runs", "15"),
    ),
    Bench("interviews", ("--bookings", "300", "--runs", "10"), ()),
    Bench(
        "letters",
        ("--size", "20000", "--letters", "2000"),
        ("--size", "1000000", "--letters", "100000"),
    ),
    Bench(
        "reporting",
        ("--population", "100000", "--contacts", "100000", "--runs", "7"),
        ("--population", "3000000", "--runs", "9"),
    ),
)


@dataclass(frozen=True)
class Row:
    figure: str
    platform: str
    baseline: str
    ratio: str
    goal: str
    met: bool | None


def _rows(f: Figures) -> list[Row]:
    rows: list[Row] = []
    if t := f.get("targeting"):
        for code, (api, raw) in t["volumetry"].items():
            rows.append(
                Row(
                    f"volumetry {code}, {t['size']:,} people",
                    f"p50 {api:.1f} ms",
                    f"raw SQL scan {raw:.1f} ms",
                    f"{api / raw:.2f}",
                    "p50 ≤ 50 ms",
                    api <= 50,
                )
            )
        ratio = t["api_import_s"] / t["raw_copy_s"]
        rows.append(
            Row(
                f"CSV import, {t['size']:,} rows",
                f"{t['api_import_s']:.1f} s, RSS {t['import_peak_rss_mb']:.0f} MiB",
                f"raw COPY {t['raw_copy_s']:.1f} s ({t['raw_copy_uncounted_s']:.1f} s without "
                "the counts' trigger)",
                f"{ratio:.2f}",
                "≤ 1.2 x COPY, RSS ≤ 300 MiB",
                ratio <= 1.2 and t["import_peak_rss_mb"] <= 300,
            )
        )
        ratio = t["materialise_api_s"] / t["materialise_raw_s"]
        rows.append(
            Row(
                "materialise a 100k list",
                f"{t['materialise_api_s']:.2f} s",
                f"raw INSERT…SELECT {t['materialise_raw_s']:.2f} s",
                f"{ratio:.2f}",
                "≤ 1.2 x",
                ratio <= 1.2,
            )
        )
    if i := f.get("interviews"):
        share = i["booking_rps"] / i["bare_rps"]
        rows.append(
            Row(
                f"booking throughput, {i['clients']} clients",
                f"{i['booking_rps']:.0f}/s ({i['booked']} of {i['bookings']} booked)",
                f"bare FastAPI insert {i['bare_rps']:.0f}/s",
                f"{share:.0%}",
                "≥ 50 %, 0 double bookings",
                share >= 0.5,
            )
        )
        rows.append(
            Row(
                f"slot search, 50 counselors x 4 weeks ({i['slots']:,} slots)",
                f"p50 {i['slots_p50_ms']:.0f} ms",
                "—",
                "—",
                "p50 ≤ 40 ms",
                i["slots_p50_ms"] <= 40,
            )
        )
    if letters := f.get("letters"):
        rate = letters["letters"] / letters["campaign_s"]
        bare = letters["letters"] / letters["bare_s"]
        rows.append(
            Row(
                f"letter campaign, {letters['letters']:,} letters in {letters['volumes']} volumes",
                f"{rate:.0f} letters/s; worker + pool RSS {letters['rss_before_mb']:.0f} → peak "
                f"{letters['rss_peak_mb']:.0f} → {letters['rss_after_mb']:.0f} MiB after",
                f"ReportLab alone {bare:.0f} letters/s",
                f"{rate / bare:.0%}",
                "≥ 60 % of ReportLab, RSS ≤ 400 MiB",
                rate / bare >= 0.6 and letters["rss_peak_mb"] <= 400,
            )
        )
    if r := f.get("reporting"):
        for label, live, peers in (
            ("after a registry change", r["live_changed_ms"], r["peers_changed_ms"]),
            ("registry unchanged", r["live_kept_ms"], r["peers_kept_ms"]),
        ):
            rows.append(
                Row(
                    f"national live view, {r['population']:,} people, {label}",
                    f"p50 {live:.0f} ms",
                    f"peers' /stats directly {peers:.0f} ms",
                    f"{live / peers:.2f}",
                    "p50 ≤ 300 ms",
                    live <= 300,
                )
            )
    return rows


def _table(rows: list[Row]) -> str:
    def met(row: Row) -> str:
        return "—" if row.met is None else "yes" if row.met else "**no**"

    lines = [
        "| figure | platform | baseline | ratio | goal | met |",
        "|---|---|---|---|---|---|",
        *(
            f"| {r.figure} | {r.platform} | {r.baseline} | {r.ratio} | {r.goal} | {met(r)} |"
            for r in rows
        ),
    ]
    return "\n".join(lines)


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _run(bench: Bench, args: tuple[str, ...], figures_path: Path, port_base: int) -> float:
    started = time.perf_counter()
    command = [sys.executable, "-m", f"bench.{bench.module}", *args, "--port-base", str(port_base)]
    print(f"==> {' '.join(command[1:])}  (load {_load()})", flush=True)
    subprocess.run(
        command, cwd=PROJECT_ROOT, env={**os.environ, FIGURES_ENV: str(figures_path)}, check=True
    )
    return time.perf_counter() - started


@app.command()
def main(
    full: Annotated[bool, typer.Option(help="The issue's sizes instead of quick ones.")] = False,
    only: Annotated[
        list[str] | None, typer.Option(help="Run only these benchmarks (repeatable).")
    ] = None,
    port_base: Annotated[int, typer.Option()] = 25110,
) -> None:
    chosen = [b for b in BENCHES if not only or b.module in only]
    before = _load()
    started = datetime.now(UTC)
    durations: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        figures_path = Path(scratch) / "figures.json"
        for bench in chosen:
            durations[bench.module] = _run(
                bench, bench.full if full else bench.quick, figures_path, port_base
            )
        figures: Figures = json.loads(figures_path.read_text()) if figures_path.exists() else {}
    print(_header(started, before, _load(), full, durations))
    print(_table(_rows(figures)), flush=True)


def _header(
    started: datetime, before: str, after: str, full: bool, durations: dict[str, float]
) -> str:
    uname = os.uname()
    spent = ", ".join(f"{name} {seconds / 60:.1f} min" for name, seconds in durations.items())
    return (
        f"\n{started:%Y-%m-%d %H:%M} UTC, {'full' if full else 'quick'} sizes; machine: "
        f"{machine_cores()} cores, {machine_memory_bytes() / 1024**3:.0f} GiB, "
        f"{uname.sysname} {uname.release}, Python {sys.version.split()[0]}; load average "
        f"{before} before, {after} after; {spent}\n"
    )


if __name__ == "__main__":
    app()
