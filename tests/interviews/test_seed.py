"""The demo's past interviews: just before the platform starts, never overlapping, topped up
rather than duplicated when the platform starts again."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.scheduling.models import Counselor, Interview
from services.interviews.seed import seed_past_interviews

NOW = datetime(2026, 3, 4, 15, 7, tzinfo=UTC)


async def _interviews(session: AsyncSession, counselor: Counselor) -> list[Interview]:
    return list(
        await session.scalars(
            select(Interview)
            .where(Interview.counselor_id == counselor.id)
            .order_by(Interview.during)
        )
    )


async def test_books_past_interviews_once_and_around_taken_hours(session: AsyncSession) -> None:
    counselor = Counselor(username="demo.counselor", full_name="Demo", caisse_code="ALPES")
    session.add(counselor)
    await session.flush()
    # An interview already at 14:00 (the first hour the seed would try).
    taken = datetime(2026, 3, 4, 14, 0, tzinfo=UTC)
    session.add(
        Interview(
            caisse_code="ALPES",
            counselor_id=counselor.id,
            person_id=99,
            action_id=1,
            channel="phone",
            during=Range(taken, taken + timedelta(minutes=45)),
            blocked=Range(taken, taken + timedelta(minutes=60)),
            status="done",
            created_by="test",
        )
    )
    await session.flush()

    booked = await seed_past_interviews(
        session, username="demo.counselor", action_id=7, person_ids=[1, 2, 3], now=NOW
    )

    assert booked == 3
    seeded = [i for i in await _interviews(session, counselor) if i.person_id != 99]
    assert [i.during.lower for i in seeded] == [
        datetime(2026, 3, 4, hour, 0, tzinfo=UTC) for hour in (11, 12, 13)
    ]
    assert {(i.status, i.action_id, i.channel) for i in seeded} == {("booked", 7, "phone")}
    assert sorted(i.person_id for i in seeded) == [1, 2, 3]

    again = await seed_past_interviews(
        session, username="demo.counselor", action_id=7, person_ids=[1, 2, 3], now=NOW
    )
    assert again == 0
    assert len(await _interviews(session, counselor)) == 4


async def test_unknown_counselor_books_nothing(session: AsyncSession) -> None:
    assert await seed_past_interviews(session, username="nobody", action_id=1, person_ids=[1]) == 0
