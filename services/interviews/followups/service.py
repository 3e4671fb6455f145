"""The follow-ups worklist: what was promised in each interview record, due 30 days after
by default, until someone marks it done."""

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.followups.models import FollowUpTask
from services.interviews.followups.schemas import FollowUpRead, FollowUpState, FollowUpUpdate
from services.interviews.gateways import PersonName
from services.shared.auth import CaisseScope, Principal
from services.shared.errors import NotFound
from services.shared.pagination import PageParams

DEFAULT_DELAY = timedelta(days=30)


async def sync(
    session: AsyncSession,
    *,
    interview_id: object,
    caisse_code: str,
    counselor_id: int,
    person_id: int,
    kinds: Iterable[str],
    today: date,
) -> None:
    """The interview's follow-ups become ``kinds``: new ones are due in 30 days, those no
    longer listed go unless already done (what was done stays on record)."""
    wanted = set(kinds)
    existing = {
        task.kind: task
        for task in await session.scalars(
            select(FollowUpTask).where(FollowUpTask.interview_id == interview_id)
        )
    }
    gone = [t.id for kind, t in existing.items() if kind not in wanted and t.done_at is None]
    if gone:
        await session.execute(delete(FollowUpTask).where(FollowUpTask.id.in_(gone)))
    session.add_all(
        FollowUpTask(
            interview_id=interview_id,
            caisse_code=caisse_code,
            counselor_id=counselor_id,
            person_id=person_id,
            kind=kind,
            due_on=today + DEFAULT_DELAY,
        )
        for kind in sorted(wanted - set(existing))
    )
    await session.flush()


async def worklist(
    session: AsyncSession,
    scope: CaisseScope,
    *,
    caisse_code: str | None,
    counselor_id: int | None,
    state: FollowUpState,
    page: PageParams,
) -> tuple[list[FollowUpTask], int]:
    """Open ones by due date (the most urgent first); done ones latest first."""
    query = select(FollowUpTask)
    if scope.caisse_codes is not None:
        query = query.where(FollowUpTask.caisse_code.in_(scope.caisse_codes))
    if caisse_code is not None:
        query = query.where(FollowUpTask.caisse_code == caisse_code)
    if counselor_id is not None:
        query = query.where(FollowUpTask.counselor_id == counselor_id)
    if state is FollowUpState.OPEN:
        query = query.where(FollowUpTask.done_at.is_(None))
    elif state is FollowUpState.DONE:
        query = query.where(FollowUpTask.done_at.is_not(None))
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    order = (
        (FollowUpTask.done_at.desc(), FollowUpTask.id)
        if state is FollowUpState.DONE
        else (FollowUpTask.done_at.desc().nulls_first(), FollowUpTask.due_on, FollowUpTask.id)
    )
    rows = await session.scalars(query.order_by(*order).limit(page.limit).offset(page.offset))
    return list(rows), total


async def get(session: AsyncSession, scope: CaisseScope, task_id: int) -> FollowUpTask:
    task = await session.get(FollowUpTask, task_id)
    if task is None or not scope.allows(task.caisse_code):
        raise NotFound("Suivi introuvable.", code="followup.not_found")
    return task


async def update(
    session: AsyncSession, principal: Principal, task: FollowUpTask, body: FollowUpUpdate
) -> FollowUpTask:
    if body.done is True and task.done_at is None:
        task.done_at, task.done_by = datetime.now(UTC), principal.subject
    elif body.done is False:
        task.done_at, task.done_by = None, None
    if body.due_on is not None:
        task.due_on = body.due_on
    await session.flush()
    return task


def reads(
    tasks: Iterable[FollowUpTask], names: Mapping[int, PersonName], today: date
) -> list[FollowUpRead]:
    result = []
    for task in tasks:
        name = names.get(task.person_id)
        result.append(
            FollowUpRead(
                id=task.id,
                interview_id=task.interview_id,
                counselor_id=task.counselor_id,
                person_id=task.person_id,
                person_first_name=name.first_name if name else None,
                person_last_name=name.last_name if name else None,
                kind=task.kind,  # written from FollowUpKind only
                due_on=task.due_on,
                overdue=task.done_at is None and task.due_on < today,
                done_at=task.done_at,
                done_by=task.done_by,
            )
        )
    return result
