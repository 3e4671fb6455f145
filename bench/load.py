"""Mixed load: counselors searching, reading files, looking for slots, booking and reading
their agenda, for a given time (10 minutes by default), with a bounded asyncio client.

    .venv/bin/python -m bench.load [--minutes 10] [--counselors 20]

On a demo database of its own it starts the services as processes and reports, per kind of
request, the count and the p50 / p95 latencies, the error rate (a 409 for a slot taken by
another counselor is an answer, not an error), and each service's resident memory at minute 2
and at the end (the memory must not grow in between). The quick form runs in the tests
(tests/platform/test_load.py).
"""

import asyncio
import random
import statistics
import subprocess
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer

from bench.stack import demo_stack
from services.platform.stack import SERVICES, StackConfig

app = typer.Typer(add_completion=False)
NAMES = ("MAR", "BER", "DUR", "LEF", "MOR", "GIR", "ROU", "FAU", "BLA", "GAR")


@dataclass
class LoadReport:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    answered_409: int = 0

    @property
    def requests(self) -> int:
        return sum(len(samples) for samples in self.latencies.values())

    def lines(self) -> list[str]:
        rows = []
        for kind, samples in sorted(self.latencies.items()):
            ordered = sorted(samples)
            p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
            p50 = statistics.median(ordered)
            rows.append(
                f"{kind:10} {len(samples):6} requests  p50 {p50 * 1000:6.0f} ms"
                f"  p95 {p95 * 1000:6.0f} ms"
            )
        return rows


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def counselor_session(
    config: StackConfig,
    headers: dict[str, str],
    eig: int,
    report: LoadReport,
    until: float,
    seed: int,
) -> None:
    """One counselor's day, as fast as the platform answers."""
    rng = random.Random(seed)
    targeting, interviews = config.service_url("targeting"), config.service_url("interviews")
    first = date.today() + timedelta(days=7 + rng.randrange(60))
    async with httpx.AsyncClient(timeout=30, headers=headers) as client:

        async def call(kind: str, method: str, url: str, **kwargs: Any) -> httpx.Response | None:
            started = time.monotonic()
            try:
                response = await client.request(method, url, **kwargs)
            except httpx.HTTPError as exc:
                report.errors.append(f"{kind}: {type(exc).__name__}")
                return None
            report.latencies[kind].append(time.monotonic() - started)
            if response.status_code == 409:
                report.answered_409 += 1
            elif response.status_code >= 400:
                report.errors.append(f"{kind}: {response.status_code} {response.text[:120]}")
            return response

        counselors = await call("counselors", "GET", f"{interviews}/counselors")
        own = counselors.json() if counselors is not None and counselors.status_code == 200 else []
        while time.monotonic() < until:
            found = await call(
                "search",
                "POST",
                f"{targeting}/persons/search",
                json={"name": rng.choice(NAMES), "purpose": "charge"},
            )
            items = found.json()["items"] if found is not None and found.status_code == 200 else []
            if not items:
                continue
            person = rng.choice(items)
            await call("file", "GET", f"{targeting}/persons/{person['id']}")
            day = first + timedelta(days=rng.randrange(20))
            slots = await call(
                "slots",
                "GET",
                f"{interviews}/slots",
                params={
                    "action_id": eig,
                    "channel": "phone",
                    "from": day.isoformat(),
                    "to": (day + timedelta(days=6)).isoformat(),
                },
            )
            free = slots.json() if slots is not None and slots.status_code == 200 else []
            if free and rng.random() < 0.5:
                slot = rng.choice(free)
                await call(
                    "book",
                    "POST",
                    f"{interviews}/interviews",
                    json={
                        "person_id": person["id"],
                        "action_id": eig,
                        "channel": "phone",
                        "start": slot["start"],
                        "counselor_id": slot["counselor_id"],
                    },
                )
            if own:
                await call(
                    "agenda",
                    "GET",
                    f"{interviews}/counselors/{own[0]['id']}/interviews",
                    params={
                        "start": f"{day.isoformat()}T00:00:00+01:00",
                        "end": f"{(day + timedelta(days=7)).isoformat()}T00:00:00+01:00",
                    },
                )


async def run_load(
    config: StackConfig,
    counselors: int,
    seconds: float,
    processes: list[subprocess.Popen[bytes]] | None = None,
    sample_at: float | None = None,
) -> tuple[LoadReport, dict[str, float], dict[str, float]]:
    """The load for ``seconds``; memory of each service sampled at ``sample_at`` and at the end."""
    async with httpx.AsyncClient(timeout=30) as client:
        login = await client.post(
            f"{config.service_url('identity')}/auth/login",
            json={"username": "conseiller.alpes", "password": "conseiller-demo"},
        )
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        actions = await client.get(
            f"{config.service_url('targeting')}/policy/2011/actions", headers=headers
        )
    eig = next(a["id"] for a in actions.json() if a["code"] == "EIG")
    report = LoadReport()
    start = time.monotonic()
    until = start + seconds
    early: dict[str, float] = {}

    def memory() -> dict[str, float]:
        return {s: rss_mib(p.pid) for s, p in zip(SERVICES, processes or [], strict=False)}

    async def sample_memory() -> None:
        if sample_at is not None:
            await asyncio.sleep(sample_at)
            early.update(memory())

    await asyncio.gather(
        sample_memory(),
        *(counselor_session(config, headers, eig, report, until, n) for n in range(counselors)),
    )
    return report, early, memory()


@app.command()
def main(
    minutes: Annotated[float, typer.Option(help="How long the load lasts.")] = 10,
    counselors: Annotated[int, typer.Option(help="Concurrent counselors.")] = 20,
    port_base: Annotated[int, typer.Option()] = 19310,
) -> None:
    with demo_stack("rsi_bench_load", 60_000, port_base) as (config, processes):
        report, early, late = asyncio.run(
            run_load(config, counselors, minutes * 60, processes, sample_at=min(120, minutes * 12))
        )
    print(
        f"{counselors} counselors for {minutes:g} min: {report.requests} requests, "
        f"{len(report.errors)} errors ({report.answered_409} answered 409: slot taken)"
    )
    for line in report.lines():
        print("  " + line)
    for service in SERVICES:
        print(
            f"  {service:10} RSS at minute 2: {early.get(service, float('nan')):6.0f} MiB, "
            f"at the end: {late[service]:6.0f} MiB"
        )
    for error in report.errors[:10]:
        print("  error:", error)


if __name__ == "__main__":
    app()
