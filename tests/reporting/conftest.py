"""Reporting's fixtures: a small hand-counted population in the real targeting service, and
stand-ins for the interviews and surveys ``/stats`` endpoints (served over ASGI from the
contract's JSON) until those services publish theirs.

The hand-counted figures (ALPES, 2011):

| action       | targeted | listed | invited | booked | held | no-show | attendance | letters |
|--------------|---------:|-------:|--------:|-------:|-----:|--------:|-----------:|--------:|
| EIG          | 4        | 4      | 10      | 4      | 3    | 1       | 0          | 0       |
| CREATEURS    | 2        | 0      | 0       | 0      | 0    | 0       | 0          | 1       |
| RENCONTRE_AE | 1        | 0      | 0       | 0      | 0    | 0       | 0          | 0       |
| RENCONTRE_CS | 4        | 0      | 0       | 0      | 0    | 0       | 3 (of 5)   | 0       |

BRETAGNE: EIG targeted 1, held 1 (phone); RENCONTRE_CS targeted 1.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Annotated, Any

import httpx
import pytest
from fastapi import FastAPI, Query
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.reporting.deps import Peers, get_clock, get_peers
from services.shared.auth import Role
from services.shared.peers import PeerClient
from services.targeting.policy.models import PolicyAction
from services.targeting.policy.seed import seed_socle_2011
from tests.conftest import RunJobs
from tests.factories import TokenFactory, create_caisses, import_persons, person_row

YEAR = 2011
ON_TIME = datetime(2012, 1, 20, 10, 0, tzinfo=UTC)
LATE = datetime(2012, 2, 3, 10, 0, tzinfo=UTC)
Item = dict[str, Any]


@dataclass
class Clock:
    now: datetime = ON_TIME

    def __call__(self) -> datetime:
        return self.now


@dataclass
class StatsData:
    """What the stand-ins serve; tests edit it."""

    interviews: list[Item] = field(default_factory=list)
    surveys: list[Item] = field(default_factory=list)


def stats_app(items: Callable[[], list[Item]]) -> FastAPI:
    """A peer serving ``GET /stats`` exactly as contracts.md describes it."""
    app = FastAPI()

    @app.get("/stats")
    async def stats(
        action_id: Annotated[list[int] | None, Query()] = None, caisse_code: str | None = None
    ) -> dict[str, list[Item]]:
        return {
            "items": [
                item
                for item in items()
                if (not action_id or item["action_id"] in action_id)
                and (caisse_code is None or item["caisse_code"] == caisse_code)
            ]
        }

    return app


def _asgi(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://peer")


DOWN = "http://127.0.0.1:9"  # nothing listens there: a real connection refusal


@dataclass
class PeerSwitch:
    """Which stand-ins are up; a down peer is a real refused connection."""

    targeting_up: bool = True
    interviews_up: bool = True
    surveys_up: bool = True


@pytest.fixture
def clock(reporting_app: FastAPI) -> Clock:
    clock = Clock()
    reporting_app.dependency_overrides[get_clock] = lambda: clock
    return clock


@pytest.fixture
def stats_data() -> StatsData:
    return StatsData()


@pytest.fixture
def peer_switch(
    reporting_app: FastAPI, targeting_app: FastAPI, stats_data: StatsData
) -> PeerSwitch:
    switch = PeerSwitch()
    targeting = _asgi(targeting_app)
    interviews = _asgi(stats_app(lambda: stats_data.interviews))
    surveys = _asgi(stats_app(lambda: stats_data.surveys))
    refused = httpx.AsyncClient(timeout=2.0)

    def peers() -> Peers:
        return Peers(
            PeerClient("targeting", "http://peer" if switch.targeting_up else DOWN,
                       targeting if switch.targeting_up else refused),
            PeerClient("interviews", "http://peer" if switch.interviews_up else DOWN,
                       interviews if switch.interviews_up else refused),
            PeerClient("surveys", "http://peer" if switch.surveys_up else DOWN,
                       surveys if switch.surveys_up else refused),
        )  # fmt: skip

    reporting_app.dependency_overrides[get_peers] = peers
    return switch


@pytest.fixture
async def action_ids(
    session: AsyncSession,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    tokens: TokenFactory,
    run_jobs: RunJobs,
) -> dict[str, int]:
    """The 2011 socle and the population of the table above, EIG list frozen for ALPES."""
    await create_caisses(session)
    await seed_socle_2011(session)
    eig = {"birth_date": date(1952, 3, 1)}
    other = {"professional_category": "boulangerie", "birth_date": date(1980, 1, 1)}
    rows = [
        *(person_row(**eig) for _ in range(4)),
        person_row(**eig, contact_opt_out=True),
        person_row(**other, business_created_on="2011-04-01"),
        person_row(**other, business_created_on="2011-09-01"),
        person_row(**other, auto_entrepreneur=True),
        person_row(**eig, caisse_code="BRETAGNE"),
    ]
    await import_persons(targeting_client, tokens, rows)
    ids = {
        code: action_id
        for code, action_id in await session.execute(
            select(PolicyAction.code, PolicyAction.id).where(PolicyAction.year == YEAR)
        )
    }
    started = await targeting_client.post(
        f"/actions/{ids['EIG']}/target-lists",
        json={},
        headers=tokens.headers(Role.CAISSE_MANAGER, "ALPES"),
    )
    assert started.status_code == 202, started.text
    await run_jobs()
    return ids


def contact_item(caisse: str, action_id: int, **figures: Any) -> Item:
    item: Item = {
        "caisse_code": caisse,
        "action_id": action_id,
        "invited": 0,
        "channels": [],
        "meetings_held": 0,
        "meeting_registrations": 0,
        "meeting_attendance": 0,
        "letters_sent": 0,
    }
    item.update(figures)
    return item


def channel(name: str, booked: int, held: int, no_show: int, cancelled: int) -> Item:
    return {"channel": name, "booked": booked, "held": held, "no_show": no_show,
            "cancelled": cancelled}  # fmt: skip


def survey_item(caisse: str, action_id: int | None, links: int, responses: int,
                mean: float | None, share: float | None) -> Item:  # fmt: skip
    return {
        "caisse_code": caisse,
        "action_id": action_id,
        "links_issued": links,
        "responses": responses,
        "response_rate": responses / links if links else None,
        "overall_satisfaction_mean": mean,
        "satisfied_share": share,
    }


@pytest.fixture
def fixture_stats(
    stats_data: StatsData, action_ids: dict[str, int], peer_switch: PeerSwitch, clock: Clock
) -> dict[str, int]:
    """Fills the stand-ins with the table's contacts and satisfaction results."""
    ids = action_ids
    stats_data.interviews = [
        contact_item(
            "ALPES",
            ids["EIG"],
            invited=10,
            channels=[channel("in_person", 3, 2, 1, 1), channel("phone", 1, 1, 0, 0)],
        ),
        contact_item("ALPES", ids["CREATEURS"], letters_sent=1),
        contact_item(
            "ALPES",
            ids["RENCONTRE_CS"],
            meetings_held=1,
            meeting_registrations=5,
            meeting_attendance=3,
        ),
        contact_item("ALPES", 999_999, invited=500),  # another year's action
        contact_item("BRETAGNE", ids["EIG"], channels=[channel("phone", 2, 1, 1, 0)]),
    ]
    stats_data.surveys = [
        survey_item("ALPES", ids["EIG"], 4, 3, 4.0, 2 / 3),
        survey_item("ALPES", ids["RENCONTRE_CS"], 2, 1, 5.0, 1.0),
        survey_item("ALPES", None, 10, 10, 1.0, 0.0),  # spontaneous interviews
        survey_item("BRETAGNE", ids["EIG"], 1, 1, 3.0, 0.0),
    ]
    return ids
