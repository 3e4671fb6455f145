"""Counts of the registry read from :class:`RegistryCount` instead of a scan of the registry.

The registry counts group people by caisse, opt-out and, per *cube*, a subset of the
dimensions target definitions filter on. A definition (filter and priority groups together)
whose criteria all fall within one cube is counted from that cube's rows, a few thousand
rows instead of millions of people; any other definition (NAF codes, dates that are not
whole years) falls back to the registry. Both answer the same numbers: the triggers that
keep the counts run in the transaction of every statement that changes the registry
(migration ``c41f7b2e9d65``), and ``tests/targeting/test_registry_counts.py`` checks the
two against each other on random registries and definitions.

The cubes are chosen for the definitions the policy uses: ages (the EIG populations), trades
(the collective meetings by professional category) and dates (the business creators of a
year). A cube costs rows (its distinct combinations per caisse) and upkeep on every change;
adding one means adding it here and to the triggers, in a migration.
"""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    cast,
    func,
    select,
    text,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from services.shared.auth import CaisseScope
from services.targeting.stats.models import RegistryCount
from services.targeting.targets.definition import DateRange, TargetDefinition, TargetFilter

# Every optional dimension, in the order of the triggers' ``GROUPING()`` arguments.
DIMENSIONS = (
    "birth_year",
    "sex",
    "status",
    "professional_group",
    "professional_category",
    "business_created_year",
    "affiliated_year",
    "auto_entrepreneur",
    "incomplete_career",
    "cross_border",
    "conjoint_collaborateur",
)
# Smallest first: a definition is counted from the first cube that has all its dimensions.
CUBES: tuple[frozenset[str], ...] = (
    frozenset(
        {"sex", "status", "professional_group", "professional_category"}
        | {"auto_entrepreneur", "incomplete_career", "cross_border", "conjoint_collaborateur"}
    ),
    frozenset(
        {"sex", "status", "professional_group", "business_created_year", "affiliated_year"}
        | {"auto_entrepreneur"}
    ),
    frozenset(
        {"birth_year", "sex", "status", "professional_group"}
        | {"auto_entrepreneur", "incomplete_career"}
    ),
)
_YEAR_COLUMNS = {"business_created_on": "business_created_year", "affiliated_on": "affiliated_year"}
_FLAGS = ("auto_entrepreneur", "incomplete_career", "cross_border", "conjoint_collaborateur")
COMPACTION_LOCK = 0x7267_636F  # pg_advisory_xact_lock key: one compaction at a time


def cube_id(cube: frozenset[str]) -> int:
    """SQL's ``GROUPING(DIMENSIONS…)`` for that cube: a bit set per dimension left out."""
    width = len(DIMENSIONS)
    return sum(1 << (width - 1 - i) for i, name in enumerate(DIMENSIONS) if name not in cube)


def _whole_years(dates: DateRange) -> bool:
    return (dates.start.month, dates.start.day, dates.end.month, dates.end.day) == (1, 1, 12, 31)


def _dimensions(criteria: TargetFilter) -> set[str] | None:
    """The dimensions the criteria read, or None if one of them is not a dimension."""
    if criteria.activity_codes:
        return None
    used: set[str] = set()
    if criteria.birth_years or criteria.birth_year_range:
        used.add("birth_year")
    for name, criterion in (
        ("sex", criteria.sexes),
        ("status", criteria.statuses),
        ("professional_group", criteria.professional_groups),
        ("professional_category", criteria.professional_categories),
    ):
        if criterion:
            used.add(name)
    for name, dates in (
        ("business_created_year", criteria.created_between),
        ("affiliated_year", criteria.affiliated_between),
    ):
        if dates is not None:
            if not _whole_years(dates):
                return None
            used.add(name)
    used.update(flag for flag in _FLAGS if getattr(criteria, flag) is not None)
    return used


def covering_cube(definition: TargetDefinition) -> int | None:
    """The id of the smallest cube able to count the definition, if any."""
    needed: set[str] = set()
    for criteria in (definition.filter, *(group.criteria for group in definition.priorities)):
        dimensions = _dimensions(criteria)
        if dimensions is None:
            return None
        needed |= dimensions
    return next((cube_id(cube) for cube in CUBES if needed <= cube), None)


def years_between(source: Any, column: str, dates: DateRange) -> ColumnElement[bool]:
    """A whole-year date range on the counts' year columns."""
    between: ColumnElement[bool] = getattr(source, _YEAR_COLUMNS[column]).between(
        dates.start.year, dates.end.year
    )
    return between


def people(
    where: ColumnElement[bool] | InstrumentedAttribute[bool] | None = None,
) -> ColumnElement[int]:
    """The people of the rows (of those matching ``where``): the sum of their deltas."""
    total: ColumnElement[int] = func.sum(RegistryCount.people)
    if where is not None:
        total = func.sum(RegistryCount.people).filter(where)
    return cast(func.coalesce(total, 0), BigInteger)


async def rows(
    session: AsyncSession,
    scope: CaisseScope,
    cube: int,
    where: ColumnElement[bool],
    keys: Iterable[ColumnElement[Any]],
    sums: Iterable[ColumnElement[int]],
) -> list[tuple[Any, ...]]:
    """Per caisse and ``keys``, the ``sums`` (of :func:`people`) over one cube's rows matching
    ``where``; groups whose people sum to nothing are left out, as a count over the registry
    would not show them."""
    c = RegistryCount
    keys = list(keys)
    query = (
        select(c.caisse_code, *keys, *sums)
        .where(c.cube == cube, where)
        .group_by(c.caisse_code, *keys)
        .having(func.sum(c.people) != 0)
    )
    if scope.caisse_codes is not None:
        query = query.where(c.caisse_code.in_(scope.caisse_codes))
    return [tuple(row) for row in await session.execute(query)]


async def compact(session: AsyncSession, full_share: float = 0.1) -> int:
    """Folds the rows appended since the last compaction into one row per combination;
    answers the rows left. Sums are unchanged, so readers at any snapshot see the same counts;
    a change committed meanwhile is not yet visible to the delete and stays for next time.

    Past ``full_share`` of appended rows (an import) every row is rewritten, in cube and
    caisse order so that a cube's rows are read from few pages; below (an opposition), only
    the combinations the appended rows touch."""
    c = RegistryCount
    unsettled = await session.scalar(select(func.count()).select_from(c).where(~c.settled))
    if not unsettled:
        return 0
    await session.execute(select(func.pg_advisory_xact_lock(COMPACTION_LOCK)))
    total = await session.scalar(select(func.count()).select_from(c)) or 0
    columns = ("cube", "caisse_code", "contact_opt_out", *DIMENSIONS)
    key = ", ".join(columns)
    if unsettled >= full_share * total:
        gone = f"DELETE FROM targeting_registry_count RETURNING {key}, people"  # noqa: S608
    else:
        same = " AND ".join(
            f"old.{name} IS NOT DISTINCT FROM touched.{name}" for name in DIMENSIONS
        )
        gone = f"""
            DELETE FROM targeting_registry_count AS old
            USING (SELECT DISTINCT {key} FROM targeting_registry_count WHERE NOT settled) AS touched
            WHERE old.cube = touched.cube AND old.caisse_code = touched.caisse_code
              AND old.contact_opt_out = touched.contact_opt_out AND {same}
            RETURNING {", ".join(f"old.{name}" for name in columns)}, old.people"""  # noqa: S608
    await session.execute(
        text(
            f"""
            WITH gone AS ({gone})
            INSERT INTO targeting_registry_count ({key}, people, settled)
            SELECT {key}, sum(people), true FROM gone GROUP BY {key} HAVING sum(people) <> 0
            ORDER BY cube, caisse_code
            """  # noqa: S608 - column names from constants
        )
    )
    return await session.scalar(select(func.count()).select_from(c)) or 0
