"""Letters benchmark: a 10,000-letter campaign rendered to PDF, and letter contacts for a
1,000,000-person list, each against its baseline measured in the same run.

    .venv/bin/python -m bench.letters

On a database of its own it generates a population, moves it all into one caisse (ALPES) so
that one target list can hold a million people, starts the services as processes, then:
- runs a letter campaign through the API on a 10,000-person list (reads the list from
  targeting by pages, records the invitations, writes the merged PDF) and reports letters per
  second and the interviews process's peak RSS, against ReportLab drawing the same letters
  in-process with nothing else (no HTTP, no database);
- records a letter contact for each person of a 1,000,000-person list through the API
  (``POST /letter-contacts``: the job reads the ids from targeting and inserts them) against a
  raw ``INSERT … SELECT`` of the same rows from the list's table.
"""

import asyncio
import contextlib
import io
import subprocess
import threading
import time
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import asyncpg
import httpx
import typer

from bench.figures import record
from bench.targeting import BENCH_DIR, connect_args
from services.interviews.letters import pdf
from services.interviews.letters.seed import INTERVIEW_PROPOSAL
from services.interviews.letters.service import _Mailing
from services.platform.database import drop_database, ensure_database, migrate, start_embedded
from services.platform.seed import seed_all
from services.platform.stack import (
    StackConfig,
    running_processes,
    service_environment,
    start_services,
    start_worker,
)
from services.targeting.registry.columns import IMPORT_COLUMNS
from services.targeting.registry.generator import write_population

app = typer.Typer(add_completion=False)
http = httpx.Client(timeout=1800)
CAISSE = "ALPES"


async def _load_population(url: str, size: int) -> None:
    path = BENCH_DIR / f"population-{size}.csv"
    if not path.exists():
        write_population(path, size)
    connection = await asyncpg.connect(**connect_args(url))
    try:
        await connection.copy_to_table(
            "targeting_insured_person",
            source=path,
            columns=list(IMPORT_COLUMNS),
            format="csv",
            header=True,
        )
        await connection.execute(
            "UPDATE targeting_insured_person SET caisse_code = $1, contact_opt_out = false",
            CAISSE,
        )
        await connection.execute("VACUUM ANALYZE targeting_insured_person")
    finally:
        await connection.close()


def _wait(base: str, headers: dict[str, str], job_id: str) -> dict[str, Any]:
    while True:
        job = http.get(f"{base}/jobs/{job_id}", headers=headers).json()
        if job["status"] in ("succeeded", "failed"):
            return dict(job)
        time.sleep(0.2)


def _action(targeting: str, headers: dict[str, str], code: str) -> int:
    body = {
        "code": code,
        "title": f"Bench {code}",
        "contact_type": "letter",
        "target_description": "Tout le monde",
        "specific_objective": "",
        "content": "",
        "calendar_start": "2011-01-01",
        "calendar_end": "2011-12-31",
        "modalities": "courrier",
        "tools": "",
        "target_definition": {"filter": {}},
        "recency_window_days": 0,
    }
    response = http.post(f"{targeting}/policy/2011/actions", json=body, headers=headers)
    response.raise_for_status()
    return int(response.json()["id"])


def _target_list(targeting: str, headers: dict[str, str], action: int, size: int | None) -> str:
    body: dict[str, Any] = {"sampling": {"size": size}} if size else {}
    started = http.post(f"{targeting}/actions/{action}/target-lists", json=body, headers=headers)
    started.raise_for_status()
    job = _wait(targeting, headers, started.json()["job"]["id"])
    assert job["status"] == "succeeded", job
    return str(started.json()["list"]["id"])


def _bare_render_seconds(letters: int) -> float:
    mailing = _Mailing(
        INTERVIEW_PROPOSAL.subject,
        INTERVIEW_PROPOSAL.body,
        {
            "caisse.name": "RSI Alpes",
            "action.title": "Bench",
            "campaign.contact_phone": "04 79 00 00 00",
            "campaign.reply_by": "31/12/2011",
            "letter.date": "25/11/2026",
        },
    )
    recipient = {
        "civility": "Madame",
        "first_name": "Anne",
        "last_name": "Arnaud",
        "address_line": "12 rue de la République",
        "postcode": "73000",
        "city": "Chambéry",
    }
    started = time.perf_counter()
    canvas = pdf.open_batch(io.BytesIO(), "bench")
    pdf.add_letters(canvas, (mailing.letter(recipient) for _ in range(letters)))
    canvas.save()
    return time.perf_counter() - started


async def _raw_insert_select_seconds(url: str, list_id: str, action: int) -> float:
    connection = await asyncpg.connect(**connect_args(url))
    try:
        await connection.execute("TRUNCATE interviews_contact")
        await connection.execute("VACUUM ANALYZE interviews_contact")
        started = time.perf_counter()
        await connection.execute(
            "INSERT INTO interviews_contact "
            "(kind, caisse_code, person_id, action_id, channel, occurred_at, source_id) "
            "SELECT 'letter', $1, person_id, $2, 'letter', now(), $3 "
            "FROM targeting_target_list_member WHERE list_id = $4",
            CAISSE,
            action,
            list_id,
            list_id,
        )
        return time.perf_counter() - started
    finally:
        await connection.close()


def _rss_mb(pid: int) -> float:
    """VmRSS of a process (0 once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1]) / 1024


def _tree(pid: int) -> list[int]:
    """The process and its descendants (parents read from /proc/*/stat)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # "pid (name) state ppid …": the name may hold spaces, not a ")".
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
    tree = [pid]
    for candidate in tree:
        tree += [child for child, parent in parents.items() if parent == candidate]
    return tree


class _TreeRss(threading.Thread):
    """Samples the resident memory of a process and its children (the volumes' pool), every
    0.2 s, keeping the peak of their sum."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self._done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.2):
            self.peak = max(self.peak, sum(_rss_mb(pid) for pid in _tree(self.pid)))

    def stop(self) -> float:
        self._done.set()
        self.join()
        return self.peak


@app.command()
def main(
    size: Annotated[int, typer.Option(help="Persons (all in one caisse).")] = 1_000_000,
    letters: Annotated[int, typer.Option(help="Letters of the PDF campaign.")] = 10_000,
    port_base: Annotated[int, typer.Option()] = 19210,
) -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    server = start_embedded(BENCH_DIR / "postgres")
    name = "rsi_bench_letters"
    drop_database(server, name)
    url = ensure_database(server, name)
    migrate(url)
    asyncio.run(seed_all(url, demo=True, population=0))
    asyncio.run(_load_population(url, size))
    config = StackConfig(
        data_dir=BENCH_DIR, port_base=port_base, spa_port=0, build_spa=False, database_url=url
    )
    processes: list[subprocess.Popen[bytes]]
    with running_processes() as processes:
        env = service_environment(config, url)
        start_services(config, env, processes, log_dir=BENCH_DIR)
        worker = start_worker(env, processes, log_dir=BENCH_DIR)  # runs the jobs
        login = http.post(
            f"{config.service_url('identity')}/auth/login",
            json={"username": "manager.alpes", "password": "manager-demo"},
        ).json()
        headers = {"Authorization": f"Bearer {login['access_token']}"}
        targeting, interviews = config.service_url("targeting"), config.service_url("interviews")

        sample_list = _target_list(targeting, headers, _action(targeting, headers, "PDF"), letters)
        template = next(
            t
            for t in http.get(f"{interviews}/letter-templates", headers=headers).json()
            if t["name"].startswith("Proposition")
        )
        rss_before = _rss_mb(worker.pid)
        sampler = _TreeRss(worker.pid)
        sampler.start()
        started = time.perf_counter()
        campaign = http.post(
            f"{interviews}/campaigns",
            json={
                "target_list_id": sample_list,
                "template_id": template["id"],
                "contact_phone": "04 79 00 00 00",
                "reply_by": date(2011, 12, 31).isoformat(),
                "capacity_check": "off",  # 10,000 people, a few demo counselors
            },
            headers=headers,
        )
        campaign.raise_for_status()
        job = _wait(interviews, headers, campaign.json()["job"]["id"])
        campaign_s = time.perf_counter() - started
        assert job["status"] == "succeeded", job
        written = job["result"]["letters"]
        volumes = job["result"].get("volumes", 1)
        rss_peak = sampler.stop()
        rss_after = _rss_mb(worker.pid)
        bare_s = _bare_render_seconds(written)

        action = _action(targeting, headers, "CONTACTS")
        whole_list = _target_list(targeting, headers, action, None)
        started = time.perf_counter()
        recorded = http.post(
            f"{interviews}/letter-contacts",
            json={"target_list_id": whole_list, "sent_on": "2011-04-01"},
            headers=headers,
        )
        recorded.raise_for_status()
        job = _wait(interviews, headers, recorded.json()["job"]["id"])
        contacts_s = time.perf_counter() - started
        assert job["status"] == "succeeded", job
        contacts = job["result"]["recorded"]
    raw_s = asyncio.run(_raw_insert_select_seconds(url, whole_list, action))
    record(
        "letters",
        letters=written,
        campaign_s=campaign_s,
        bare_s=bare_s,
        volumes=volumes,
        rss_before_mb=rss_before,
        rss_peak_mb=rss_peak,
        rss_after_mb=rss_after,
        contacts=contacts,
        contacts_s=contacts_s,
        contacts_raw_s=raw_s,
    )
    print(
        f"PDF campaign: {written:,} letters in {campaign_s:.1f} s = {written / campaign_s:.0f} "
        f"letters/s, {volumes} volumes (worker and its processes: RSS {rss_before:.0f} MiB "
        f"before, peak {rss_peak:.0f}, after {rss_after:.0f}) | bare "
        f"ReportLab: {written / bare_s:.0f} letters/s | ratio {campaign_s / bare_s:.2f}\n"
        f"letter contacts: {contacts:,} in {contacts_s:.1f} s | raw INSERT ... SELECT "
        f"{raw_s:.1f} s | ratio {contacts_s / raw_s:.2f} (target <= 2)"
    )


if __name__ == "__main__":
    app()
