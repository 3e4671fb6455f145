"""Completed contacts reach targeting's recency exclusion: once, in order, none lost."""

from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.contacts.models import ContactChannel, ContactKind, RelayCursor
from services.interviews.contacts.relay import RECENCY, relay_recency
from services.interviews.contacts.service import record_contact
from services.interviews.deps import get_targeting
from services.interviews.gateways import TargetingGateway
from services.shared.auth import Principal, Role
from services.shared.errors import ServiceUnavailable
from services.shared.peers import PeerClient
from services.targeting.registry.models import InsuredPerson
from tests.factories import TokenFactory


def relay_principal(tokens: TokenFactory) -> Principal:
    return Principal(
        subject="client:interviews",
        role=Role.SERVICE,
        caisse_code=None,
        name="interviews",
        scopes=frozenset({"contacts:write"}),
        token=tokens.for_role(Role.SERVICE, None, "contacts:write"),
    )


async def _contact(session: AsyncSession, person: int, day: date, source: str) -> None:
    await record_contact(
        session,
        kind=ContactKind.INTERVIEW,
        caisse_code="ALPES",
        person_id=person,
        action_id=1,
        channel=ContactChannel.PHONE,
        occurred_at=datetime(day.year, day.month, day.day, 10, tzinfo=UTC),
        source_id=source,
    )


async def test_contacts_are_relayed_once_and_survive_a_targeting_outage(
    interviews_app: FastAPI,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
) -> None:
    arnaud, bernard = alpes["people"]["Arnaud"], alpes["people"]["Bernard"]
    await _contact(session, arnaud, date(2026, 11, 23), "a")
    await _contact(session, arnaud, date(2026, 11, 20), "b")
    await session.flush()
    sessions = interviews_app.state.sessionmaker
    caller = relay_principal(tokens)

    down = TargetingGateway(
        PeerClient("targeting", "http://127.0.0.1:9", httpx.AsyncClient(timeout=1))
    )
    with pytest.raises(ServiceUnavailable):
        await relay_recency(sessions, down, caller)
    assert (await session.get(RelayCursor, RECENCY)) is None  # nothing moved

    targeting: TargetingGateway = interviews_app.dependency_overrides[get_targeting]()
    assert await relay_recency(sessions, targeting, caller) == 2
    await _contact(session, bernard, date(2026, 11, 24), "c")
    await session.flush()
    assert await relay_recency(sessions, targeting, caller) == 1
    assert await relay_recency(sessions, targeting, caller) == 0
    dates = dict(
        (await session.execute(select(InsuredPerson.id, InsuredPerson.last_contacted_on))).all()
    )
    assert dates[arnaud] == date(2026, 11, 23) and dates[bernard] == date(2026, 11, 24)
