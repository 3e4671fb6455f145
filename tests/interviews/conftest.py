"""An ALPES caisse with the 2011 socle, the national guide and letter templates, people of
known profiles, and helpers to build a target list or an interview already held."""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.guide.seed import seed_national_guide
from services.interviews.letters.seed import seed_national_templates
from services.interviews.scheduling.models import Counselor, Interview
from services.shared.auth import Role
from services.targeting.policy.models import PolicyAction
from services.targeting.policy.seed import seed_socle_2011
from services.targeting.registry.models import InsuredPerson
from tests.conftest import RunJobs
from tests.factories import TokenFactory, create_caisses, import_persons, person_row

EIG_BORN = date(1952, 4, 10)


@pytest.fixture
async def alpes(
    session: AsyncSession, targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> dict[str, Any]:
    """ALPES: three people in the EIG target (born 1952, one auto-entrepreneur, one without
    a postal address), one young creator of 2011; BRETAGNE: one person."""
    await create_caisses(session)
    await seed_socle_2011(session)
    await seed_national_guide(session)
    await seed_national_templates(session)
    await import_persons(
        targeting_client,
        tokens,
        [
            person_row(last_name="Arnaud", first_name="Anne", sex=2, birth_date=EIG_BORN),
            person_row(last_name="Bernard", sex=1, birth_date=EIG_BORN, auto_entrepreneur=True),
            person_row(last_name="Sansadresse", birth_date=EIG_BORN, address_line="", postcode=""),
            person_row(
                last_name="Createur",
                birth_date=date(1985, 6, 1),
                business_created_on="2011-03-01",
                affiliated_on="2011-03-01",
            ),
            person_row(last_name="Breton", birth_date=EIG_BORN, caisse_code="BRETAGNE"),
        ],
    )
    people = {p.last_name: p.id for p in await session.scalars(select(InsuredPerson))}
    actions = {
        a.code: a.id
        for a in await session.scalars(select(PolicyAction).where(PolicyAction.year == 2011))
    }
    return {"people": people, "actions": actions}


async def materialise(
    client: httpx.AsyncClient, run_jobs: RunJobs, headers: dict[str, str], action_id: int
) -> dict[str, Any]:
    started = await client.post(f"/actions/{action_id}/target-lists", json={}, headers=headers)
    assert started.status_code == 202, started.text
    await run_jobs()
    listed = await client.get(f"/target-lists/{started.json()['list']['id']}", headers=headers)
    assert listed.json()["status"] == "ready", listed.text
    return dict(listed.json())


async def held_interview_slot(
    session: AsyncSession,
    person_id: int,
    action_id: int,
    *,
    caisse: str = "ALPES",
    hours_ago: int = 2,
    channel: str = "phone",
) -> uuid.UUID:
    """A booked interview that started in the past (the API books only in the future)."""
    counselor = await session.scalar(select(Counselor).where(Counselor.caisse_code == caisse))
    if counselor is None:
        counselor = Counselor(
            username=f"test.{caisse.lower()}", full_name="Test", caisse_code=caisse
        )
        session.add(counselor)
        await session.flush()
    start = datetime.now(UTC) - timedelta(hours=hours_ago)
    interview = Interview(
        id=uuid.uuid4(),
        caisse_code=caisse,
        counselor_id=counselor.id,
        person_id=person_id,
        action_id=action_id,
        channel=channel,
        during=Range(start, start + timedelta(minutes=45)),
        blocked=Range(start, start + timedelta(minutes=60)),
        created_by="test",
    )
    session.add(interview)
    await session.flush()
    return interview.id


def manager(tokens: TokenFactory, caisse: str = "ALPES") -> dict[str, str]:
    return tokens.headers(Role.CAISSE_MANAGER, caisse)


def counselor(tokens: TokenFactory, caisse: str = "ALPES") -> dict[str, str]:
    return tokens.headers(Role.COUNSELOR, caisse)
