"""The yearly policy: the national socle (edited by the national office) and regional
actions (each caisse's own, edited by its manager)."""

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import CaisseScope, Principal
from services.shared.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from services.targeting.policy.models import PolicyAction
from services.targeting.policy.schemas import ActionCreate, ActionUpdate


async def list_actions(session: AsyncSession, scope: CaisseScope, year: int) -> list[PolicyAction]:
    query = select(PolicyAction).where(PolicyAction.year == year)
    if scope.caisse_codes is not None:
        query = query.where(
            or_(PolicyAction.national, PolicyAction.caisse_code.in_(scope.caisse_codes))
        )
    return list(
        await session.scalars(query.order_by(PolicyAction.national.desc(), PolicyAction.code))
    )


async def get_action(session: AsyncSession, scope: CaisseScope, action_id: int) -> PolicyAction:
    action = await session.get(PolicyAction, action_id)
    if action is None or not (
        action.national or (action.caisse_code is not None and scope.allows(action.caisse_code))
    ):
        raise NotFound("Action introuvable.", code="action.not_found")
    return action


async def create_action(
    session: AsyncSession, principal: Principal, year: int, body: ActionCreate
) -> PolicyAction:
    national = not principal.is_caisse_bound
    caisse = None if national else principal.caisse_code
    duplicate = await session.scalar(
        select(func.count()).where(
            PolicyAction.year == year,
            PolicyAction.code == body.code,
            or_(PolicyAction.national, PolicyAction.caisse_code == caisse),
        )
    )
    if duplicate:
        raise Conflict(
            f"Une action de code « {body.code} » existe déjà pour {year}.",
            code="action.duplicate_code",
        )
    action = PolicyAction(
        **body.model_dump(mode="json", exclude={"calendar_start", "calendar_end"}),
        calendar_start=body.calendar_start,
        calendar_end=body.calendar_end,
        year=year,
        national=national,
        caisse_code=caisse,
        created_by=principal.subject,
    )
    session.add(action)
    await session.flush()
    await session.refresh(action)
    return action


async def update_action(
    session: AsyncSession,
    scope: CaisseScope,
    principal: Principal,
    action_id: int,
    body: ActionUpdate,
) -> PolicyAction:
    action = await get_action(session, scope, action_id)
    if action.national and principal.is_caisse_bound:
        raise Forbidden(
            "Seul le national modifie les actions du socle.", code="action.national_only"
        )
    changes = body.model_dump(exclude_unset=True)
    columns = PolicyAction.__table__.columns
    if cleared := [
        name for name, value in changes.items() if value is None and not columns[name].nullable
    ]:
        raise Unprocessable(
            f"{', '.join(cleared)} ne peut pas être vide : omettez le champ pour garder sa valeur.",
            code="action.null_field",
            errors=[FieldError(field=name, location="body", message="null") for name in cleared],
        )
    if body.target_definition is not None:
        changes["target_definition"] = body.target_definition.model_dump(mode="json")
    for name, value in changes.items():
        setattr(action, name, value)
    if action.calendar_start > action.calendar_end:
        raise Unprocessable(
            "calendar_start ne doit pas suivre calendar_end.",
            code="action.bad_calendar",
            errors=[
                FieldError(field="calendar_end", location="body", message="avant calendar_start")
            ],
        )
    action.updated_at = func.now()
    await session.flush()
    await session.refresh(action)
    return action
