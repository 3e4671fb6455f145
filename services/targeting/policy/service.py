"""The yearly policy: the national socle (edited by the national office) and regional
actions (each caisse's own, edited by its manager)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import CaisseScope, Principal
from services.shared.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from services.shared.local_time import LOCAL_TIME
from services.targeting.policy.models import PolicyAction, PolicyYear
from services.targeting.policy.schemas import (
    ActionCreate,
    ActionUpdate,
    CarryOver,
    YearPreparation,
    YearRead,
)


def _today() -> date:
    return datetime.now(LOCAL_TIME).date()


def _socle_published() -> ColumnElement[bool]:
    """The year's socle is out: not prepared from another year, or prepared and published."""
    unpublished = select(PolicyYear.year).where(
        PolicyYear.year == PolicyAction.year,
        or_(PolicyYear.published_on.is_(None), PolicyYear.published_on > _today()),
    )
    return ~unpublished.exists()


def _visible(scope: CaisseScope) -> ColumnElement[bool]:
    """What a caller sees: everything outside caisses; in a caisse, the published socles and
    its own actions."""
    if scope.caisse_codes is None:
        return true()
    return or_(
        and_(PolicyAction.national, _socle_published()),
        PolicyAction.caisse_code.in_(scope.caisse_codes),
    )


async def list_actions(session: AsyncSession, scope: CaisseScope, year: int) -> list[PolicyAction]:
    query = select(PolicyAction).where(PolicyAction.year == year, _visible(scope))
    return list(
        await session.scalars(query.order_by(PolicyAction.national.desc(), PolicyAction.code))
    )


async def get_action(session: AsyncSession, scope: CaisseScope, action_id: int) -> PolicyAction:
    action = await session.get(PolicyAction, action_id)
    if action is None or not (
        (action.national and await _is_visible_socle(session, scope, action.year))
        or (action.caisse_code is not None and scope.allows(action.caisse_code))
    ):
        raise NotFound("Action introuvable.", code="action.not_found")
    return action


async def _is_visible_socle(session: AsyncSession, scope: CaisseScope, year: int) -> bool:
    if scope.caisse_codes is None:
        return True
    prepared = await session.get(PolicyYear, year)
    return prepared is None or _is_published(prepared)


def _is_published(prepared: PolicyYear) -> bool:
    return prepared.published_on is not None and prepared.published_on <= _today()


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


async def list_years(session: AsyncSession, scope: CaisseScope) -> list[YearRead]:
    """The years with a socle (or being prepared), newest first; caisses see published ones."""
    rows = await session.execute(
        select(PolicyAction.year, func.count())
        .where(PolicyAction.national)
        .group_by(PolicyAction.year)
    )
    counts: dict[int, int] = {year: count for year, count in rows}
    prepared = {row.year: row for row in await session.scalars(select(PolicyYear))}
    years = [
        _year_read(year, counts.get(year, 0), prepared.get(year))
        for year in sorted(set(counts) | set(prepared), reverse=True)
    ]
    if scope.caisse_codes is not None:
        years = [year for year in years if year.published]
    return years


def _year_read(year: int, national_actions: int, prepared: PolicyYear | None) -> YearRead:
    if prepared is None:
        return YearRead(
            year=year,
            national_actions=national_actions,
            prepared_from=None,
            criteria_shifted=None,
            published_on=None,
            published=True,
        )
    return YearRead(
        year=year,
        national_actions=national_actions,
        prepared_from=prepared.prepared_from,
        criteria_shifted=prepared.criteria_shifted,
        published_on=prepared.published_on,
        published=_is_published(prepared),
    )


async def prepare_year(
    session: AsyncSession, principal: Principal, year: int, body: YearPreparation
) -> YearRead:
    """Copies ``body.from_year``'s socle into ``year``: calendars move by the years between
    them, and so do the age criteria if asked. Caisses see it from its publication date."""
    if body.from_year >= year:
        raise Unprocessable(
            f"L'année de départ doit précéder {year}.",
            errors=[FieldError(field="from_year", location="body", message="pas avant l'année")],
            code="policy.invalid",
        )
    if await session.get(PolicyYear, year) is not None or await _national_count(session, year):
        raise Conflict(
            f"Le socle {year} existe déjà : modifiez-le action par action.", code="policy.conflict"
        )
    socle = list(
        await session.scalars(
            select(PolicyAction)
            .where(PolicyAction.year == body.from_year, PolicyAction.national)
            .order_by(PolicyAction.code)
        )
    )
    if not socle:
        raise NotFound(f"Aucun socle national pour {body.from_year}.", code="policy.not_found")
    years = year - body.from_year
    for action in socle:
        session.add(_copy(action, year, years, body.shift_age_criteria, principal.subject))
    prepared = PolicyYear(
        year=year,
        prepared_from=body.from_year,
        criteria_shifted=body.shift_age_criteria,
        published_on=body.published_on,
        prepared_by=principal.subject,
    )
    session.add(prepared)
    await session.flush()
    await session.refresh(prepared)
    return _year_read(year, len(socle), prepared)


async def publish_year(
    session: AsyncSession, principal: Principal, year: int, published_on: date | None
) -> YearRead:
    prepared = await session.get(PolicyYear, year)
    if prepared is None:
        raise NotFound(
            f"Le socle {year} n'a pas été préparé à partir d'une autre année.",
            code="policy.not_found",
        )
    prepared.published_on = published_on
    prepared.prepared_by = principal.subject
    prepared.updated_at = func.now()
    await session.flush()
    await session.refresh(prepared)
    return _year_read(year, await _national_count(session, year), prepared)


async def carry_over(
    session: AsyncSession, principal: Principal, year: int, body: CarryOver
) -> tuple[list[PolicyAction], list[str]]:
    """Copies the caller's caisse's regional actions of ``body.from_year`` into ``year``;
    codes ``year`` already has are skipped, not overwritten."""
    caisse = principal.caisse_code
    if caisse is None:
        raise Forbidden(
            "Seule une caisse reconduit ses actions régionales.", code="policy.forbidden"
        )
    if body.from_year >= year:
        raise Unprocessable(
            f"L'année de départ doit précéder {year}.",
            errors=[FieldError(field="from_year", location="body", message="pas avant l'année")],
            code="policy.invalid",
        )
    prepared = await session.get(PolicyYear, year)
    if prepared is not None and not _is_published(prepared):
        raise NotFound(f"Le socle {year} n'est pas encore publié.", code="policy.not_found")
    query = select(PolicyAction).where(
        PolicyAction.year == body.from_year, PolicyAction.caisse_code == caisse
    )
    if body.codes is not None:
        query = query.where(PolicyAction.code.in_(body.codes))
    regional = list(await session.scalars(query.order_by(PolicyAction.code)))
    if body.codes is not None and (unknown := sorted(set(body.codes) - {a.code for a in regional})):
        raise Unprocessable(
            f"Actions régionales inconnues en {body.from_year} : {', '.join(unknown)}.",
            errors=[FieldError(field="codes", location="body", message=", ".join(unknown))],
            code="policy.invalid",
        )
    taken = set(
        await session.scalars(
            select(PolicyAction.code).where(
                PolicyAction.year == year,
                or_(PolicyAction.national, PolicyAction.caisse_code == caisse),
            )
        )
    )
    years = year - body.from_year
    created = [
        _copy(action, year, years, body.shift_age_criteria, principal.subject)
        for action in regional
        if action.code not in taken
    ]
    session.add_all(created)
    await session.flush()
    for action in created:
        await session.refresh(action)
    return created, sorted(action.code for action in regional if action.code in taken)


async def _national_count(session: AsyncSession, year: int) -> int:
    count = await session.scalar(
        select(func.count()).where(PolicyAction.year == year, PolicyAction.national)
    )
    return count or 0


# Columns a copy takes as they are; the year, the calendar and the target may move.
_COPIED = (
    "national",
    "caisse_code",
    "code",
    "title",
    "contact_type",
    "target_description",
    "specific_objective",
    "content",
    "modalities",
    "tools",
    "recency_window_days",
    "interview_minutes",
    "buffer_minutes",
    "booking_link_days",
    "change_notice_hours",
    "reminder_after_days",
)


def _copy(
    action: PolicyAction, year: int, years: int, shift_criteria: bool, by: str
) -> PolicyAction:
    definition = action.target_definition
    return PolicyAction(
        **{name: getattr(action, name) for name in _COPIED},
        year=year,
        calendar_start=shift_date(action.calendar_start, years),
        calendar_end=shift_date(action.calendar_end, years),
        target_definition=shift_definition(definition, years) if shift_criteria else definition,
        created_by=by,
    )


def shift_date(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def shift_definition(definition: dict[str, Any], years: int) -> dict[str, Any]:
    """A target definition (as stored) whose age criteria are ``years`` later: birth years
    and the creation and affiliation windows of the filter and of each priority group."""
    return {
        **definition,
        "filter": _shift_criteria(definition["filter"], years),
        "priorities": [
            {**group, "criteria": _shift_criteria(group["criteria"], years)}
            for group in definition.get("priorities", [])
        ],
    }


def _shift_criteria(criteria: dict[str, Any], years: int) -> dict[str, Any]:
    shifted = dict(criteria)
    if "birth_years" in criteria:
        shifted["birth_years"] = [year + years for year in criteria["birth_years"]]
    if "birth_year_range" in criteria:
        bounds = criteria["birth_year_range"]
        shifted["birth_year_range"] = {
            "start": bounds["start"] + years,
            "end": bounds["end"] + years,
        }
    for window in ("created_between", "affiliated_between"):
        if window in criteria:
            shifted[window] = {
                bound: shift_date(date.fromisoformat(day), years).isoformat()
                for bound, day in criteria[window].items()
            }
    return shifted
