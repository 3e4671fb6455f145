"""One short journey through a running platform, shared by the deployment tests (metrics,
container-equivalent run, restore): a refused login, a manager's login, the caisses, a CSV
import written to the file storage and run by the worker, a frozen target list (a worker job
too), and the list's members read back."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from tests.factories import person_csv, person_row

JOB_SECONDS = 30.0


@dataclass(frozen=True)
class JourneyResult:
    imported_job: dict[str, Any]
    list_job: dict[str, Any]
    list_id: str
    members: int


def _wait_for(client: httpx.Client, job_url: str) -> dict[str, Any]:
    deadline = time.monotonic() + JOB_SECONDS
    while True:
        job = dict(client.get(job_url).json())
        if job["status"] in ("succeeded", "failed"):
            return job
        assert time.monotonic() < deadline, f"job still {job['status']}: {job}"
        time.sleep(0.2)


def run_journey(url: Callable[[str], str], rows: int = 20) -> JourneyResult:
    """``url(service)`` is where a service answers (its own port, or a gateway's
    ``/api/<service>``). Asserts each step's answer; returns what the jobs did."""
    with httpx.Client(timeout=20.0) as client:
        refused = client.post(
            f"{url('identity')}/auth/login",
            json={"username": "manager.alpes", "password": "not-the-password"},
        )
        assert refused.status_code == 401, refused.text
        login = client.post(
            f"{url('identity')}/auth/login",
            json={"username": "manager.alpes", "password": "manager-demo"},
        )
        assert login.status_code == 200, login.text
        client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        targeting = url("targeting")

        caisses = client.get(f"{targeting}/caisses")
        assert caisses.status_code == 200, caisses.text
        assert [c["code"] for c in caisses.json()["items"]] == ["ALPES"]

        csv = person_csv([person_row() for _ in range(rows)])
        started = client.post(
            f"{targeting}/imports",
            files={"file": ("persons.csv", csv, "text/csv")},
            data={"mode": "all_or_nothing"},
        )
        assert started.status_code == 202, started.text
        imported = _wait_for(client, f"{targeting}/jobs/{started.json()['id']}")
        assert imported["status"] == "succeeded", imported

        actions = client.get(f"{targeting}/policy/2011/actions").json()
        eig = next(a["id"] for a in actions if a["code"] == "EIG")
        asked = client.post(f"{targeting}/actions/{eig}/target-lists", json={})
        assert asked.status_code == 202, asked.text
        frozen = _wait_for(client, f"{targeting}/jobs/{asked.json()['job']['id']}")
        assert frozen["status"] == "succeeded", frozen
        list_id = asked.json()["list"]["id"]
        members = client.get(f"{targeting}/target-lists/{list_id}/members")
        assert members.status_code == 200, members.text
        return JourneyResult(imported, frozen, list_id, len(members.json()["items"]))
