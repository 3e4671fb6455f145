"""The registry counts (targeting_registry_count, kept by triggers) answer what a scan of the
registry answers: for random registries, random changes and random definitions."""

import uuid
from datetime import date
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import CaisseScope, Role
from services.targeting.policy.models import PolicyAction
from services.targeting.policy.seed import SOCLE_2011
from services.targeting.registry.models import InsuredPerson
from services.targeting.stats import aggregate
from services.targeting.stats import service as stats_service
from services.targeting.stats.models import RegistryCount
from services.targeting.targets import service as targets
from services.targeting.targets.definition import TargetDefinition
from tests.factories import TokenFactory, create_caisses, import_persons, person_row

CAISSES = ["ALPES", "BRETAGNE"]
CATEGORIES = ["coiffure", "bâtiment", "conseil"]
YEARS = range(1950, 1957)
DATES = st.dates(date(2008, 6, 1), date(2012, 6, 30))


@pytest.fixture(autouse=True)
async def caisses(session: AsyncSession) -> None:
    await create_caisses(session)


@st.composite
def people(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "nir": uuid.uuid4().hex[:15],
        "last_name": "Nom",
        "first_name": "Prénom",
        "sex": draw(st.sampled_from([1, 2])),
        "birth_date": draw(st.dates(date(YEARS[0], 1, 1), date(YEARS[-1], 12, 31))),
        "caisse_code": draw(st.sampled_from(CAISSES)),
        "professional_group": draw(st.sampled_from(["artisan", "commercant", "liberal"])),
        "professional_category": draw(st.sampled_from([None, *CATEGORIES])),
        "activity_code": draw(st.sampled_from([None, "9602A", "4399C"])),
        "status": draw(st.sampled_from(["active", "retired", "struck_off"])),
        "auto_entrepreneur": draw(st.booleans()),
        "business_created_on": draw(st.none() | DATES),
        "affiliated_on": draw(st.none() | DATES),
        "validated_quarters": draw(st.sampled_from([100, 164])),
        "required_quarters": 164,
        "conjoint_collaborateur": draw(st.booleans()),
        "cross_border": draw(st.booleans()),
        "contact_opt_out": draw(st.booleans()),
    }


# A change to some of the people: those whose id is ``rest`` modulo ``every``.
CHANGES = {
    "sex": st.sampled_from([1, 2]),
    "status": st.sampled_from(["active", "retired", "struck_off"]),
    "professional_category": st.sampled_from([None, *CATEGORIES]),
    "business_created_on": st.none() | DATES,
    "validated_quarters": st.sampled_from([100, 164]),
    "contact_opt_out": st.booleans(),
    "caisse_code": st.sampled_from(CAISSES),
    "last_contacted_on": DATES,  # changes no count: appends nothing
}
change = st.one_of(
    st.tuples(st.just("insert"), st.lists(people(), min_size=1, max_size=8)),
    st.tuples(
        st.just("update"),
        st.integers(1, 3),
        st.integers(0, 2),
        st.sampled_from(sorted(CHANGES)).flatmap(lambda c: st.tuples(st.just(c), CHANGES[c])),
    ),
    st.tuples(st.just("delete"), st.integers(2, 4), st.integers(0, 3)),
    # Compaction of every row, or of the touched combinations only.
    st.tuples(st.just("compact"), st.sampled_from([0.0, 2.0])),
)


def _years() -> st.SearchStrategy[dict[str, Any]]:
    return st.tuples(st.sampled_from(YEARS), st.sampled_from(YEARS)).map(
        lambda pair: {"start": min(pair), "end": max(pair)}
    )


def _dates() -> st.SearchStrategy[dict[str, Any]]:
    whole_years = st.tuples(st.integers(2008, 2012), st.integers(2008, 2012)).map(
        lambda pair: {"start": date(min(pair), 1, 1), "end": date(max(pair), 12, 31)}
    )
    any_dates = st.tuples(DATES, DATES).map(lambda pair: {"start": min(pair), "end": max(pair)})
    return whole_years | any_dates


def _subset(values: list[Any]) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(values), min_size=1, max_size=len(values), unique=True)


criteria = st.fixed_dictionaries(
    {},
    optional={
        "birth_years": _subset(list(YEARS)),
        "birth_year_range": _years(),
        "sexes": _subset([1, 2]),
        "statuses": _subset(["active", "retired", "struck_off"]),
        "professional_groups": _subset(["artisan", "commercant", "liberal"]),
        "professional_categories": _subset(CATEGORIES),
        "created_between": _dates(),
        "affiliated_between": _dates(),
        "auto_entrepreneur": st.booleans(),
        "incomplete_career": st.booleans(),
        "cross_border": st.booleans(),
        "conjoint_collaborateur": st.booleans(),
        "caisses": _subset(CAISSES),
        "activity_codes": _subset(["9602A", "4399C"]),
    },
)
definitions = st.builds(
    lambda filter_, groups: TargetDefinition.model_validate(
        {
            "filter": filter_,
            "priorities": [{"label": f"G{i}", "criteria": c} for i, c in enumerate(groups)],
        }
    ),
    criteria,
    st.lists(criteria.filter(bool), max_size=2),
)
scopes = st.sampled_from([CaisseScope(None), CaisseScope(frozenset({"ALPES"}))])


async def _apply(session: AsyncSession, step: tuple[Any, ...]) -> None:
    p = InsuredPerson
    match step:
        case ("insert", rows):
            for row in rows:
                row["nir"] = uuid.uuid4().hex[:15]  # the same drawn row may come twice
            await session.execute(insert(p), rows)
        case ("update", every, rest, (column, value)):
            await session.execute(
                update(p).where(p.id % every == rest % every).values({column: value})
            )
        case ("delete", every, rest):
            await session.execute(delete(p).where(p.id % every == rest % every))
        case ("compact", full_share):
            await aggregate.compact(session, full_share)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    initial=st.lists(people(), min_size=0, max_size=30),
    changes=st.lists(change, max_size=6),
    asked=st.lists(st.tuples(definitions, scopes), min_size=1, max_size=4),
)
async def test_counts_equal_a_scan_of_the_registry(
    session: AsyncSession,
    initial: list[dict[str, Any]],
    changes: list[tuple[Any, ...]],
    asked: list[tuple[TargetDefinition, CaisseScope]],
) -> None:
    async with session.begin_nested() as example:
        for step in [("insert", initial), *changes] if initial else changes:
            await _apply(session, step)
        for definition, scope in asked:
            counted = await targets.volumetry(session, scope, definition)
            scanned = await targets.volumetry(session, scope, definition, use_counts=False)
            assert counted == scanned, definition
        actions = [
            PolicyAction(
                id=index,
                national=scope.caisse_codes is None,
                caisse_code=None if scope.caisse_codes is None else "ALPES",
                target_definition=definition.model_dump(mode="json"),
            )
            for index, (definition, scope) in enumerate(asked, 1)
        ]
        everyone = CaisseScope(None)
        targeted = await stats_service._targeted(session, everyone, actions)
        scanned_counts = await stats_service._scanned(
            session,
            everyone,
            [(a, TargetDefinition.model_validate(a.target_definition)) for a in actions],
        )
        assert targeted == scanned_counts
        await example.rollback()


def test_the_socle_definitions_are_counted_from_the_cubes() -> None:
    for action in SOCLE_2011:
        definition = TargetDefinition.model_validate(action["target_definition"])
        assert aggregate.covering_cube(definition) is not None, action["code"]


def test_definitions_outside_the_cubes_fall_back_to_the_registry() -> None:
    naf = TargetDefinition.model_validate({"filter": {"activity_codes": ["9602A"]}})
    half_year = TargetDefinition.model_validate(
        {"filter": {"created_between": {"start": "2011-01-01", "end": "2011-06-30"}}}
    )
    across_cubes = TargetDefinition.model_validate(
        {"filter": {"birth_years": [1952], "professional_categories": ["coiffure"]}}
    )
    for definition in (naf, half_year, across_cubes):
        assert aggregate.covering_cube(definition) is None


async def _counted_people(session: AsyncSession) -> int:
    cube = aggregate.cube_id(aggregate.CUBES[0])
    total = await session.scalar(
        select(func.sum(RegistryCount.people)).where(RegistryCount.cube == cube)
    )
    return int(total or 0)


async def test_imports_and_oppositions_through_the_api_keep_the_counts(
    session: AsyncSession, targeting_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    rows = [person_row(birth_date=date(1952, 1 + i, 3), **{"sex": 1 + i % 2}) for i in range(6)]
    await import_persons(targeting_client, tokens, rows)
    again = [{**rows[0], "status": "retired"}, person_row(caisse_code="BRETAGNE")]
    await import_persons(targeting_client, tokens, again)
    person = await session.scalar(
        select(InsuredPerson.id).where(InsuredPerson.nir == rows[1]["nir"])
    )
    response = await targeting_client.put(
        f"/persons/{person}/opposition",
        json={"contact_opt_out": True},
        headers=tokens.headers(Role.ADMIN),
    )
    assert response.status_code == 200, response.text
    assert await _counted_people(session) == 7
    eig = TargetDefinition.model_validate(SOCLE_2011[0]["target_definition"])
    counted = await targets.volumetry(session, CaisseScope(None), eig)
    assert counted == await targets.volumetry(session, CaisseScope(None), eig, use_counts=False)
    # 1952, active: five of the six first (one retired since), and the BRETAGNE one.
    assert (counted.total_matched, counted.total_opted_out) == (6, 1)


async def test_compaction_folds_the_rows_and_keeps_the_sums(session: AsyncSession) -> None:
    # Only this test's rows (people other tests committed have counts of their own; the
    # test's transaction is rolled back, so they come back afterwards).
    await session.execute(delete(RegistryCount))
    same = {
        "last_name": "Nom",
        "first_name": "Jean",
        "sex": 1,
        "birth_date": date(1952, 3, 1),
        "caisse_code": "ALPES",
        "professional_group": "artisan",
        "status": "active",
        "validated_quarters": 164,
        "required_quarters": 164,
    }
    rows = [{**same, "nir": uuid.uuid4().hex[:15]} for _ in range(4)]
    # Two statements of two people each (one multi-row VALUES each).
    await session.execute(insert(InsuredPerson).values(rows[:2]))
    await session.execute(insert(InsuredPerson).values(rows[2:]))
    await session.execute(update(InsuredPerson).values(last_contacted_on=date(2011, 5, 1)))
    cube = aggregate.cube_id(aggregate.CUBES[0])
    appended = await session.scalar(
        select(func.count()).select_from(RegistryCount).where(RegistryCount.cube == cube)
    )
    assert appended == 2  # one row per statement; the contact dates appended nothing
    await aggregate.compact(session)
    folded = (
        await session.execute(
            select(RegistryCount.people, RegistryCount.settled).where(RegistryCount.cube == cube)
        )
    ).all()
    assert [tuple(row) for row in folded] == [(4, True)]
    assert await aggregate.compact(session) == 0  # nothing left to fold
    # One person objects: only the combinations that changed are rewritten.
    await session.execute(
        insert(InsuredPerson).values(
            {**same, "caisse_code": "BRETAGNE", "nir": uuid.uuid4().hex[:15]}
        )
    )
    await aggregate.compact(session)
    bretagne = set(
        await session.scalars(
            select(RegistryCount.id).where(RegistryCount.caisse_code == "BRETAGNE")
        )
    )
    objects = update(InsuredPerson).where(InsuredPerson.nir == rows[0]["nir"])
    await session.execute(objects.values(contact_opt_out=True))
    await aggregate.compact(session, full_share=2.0)
    alpes = (
        await session.execute(
            select(RegistryCount.contact_opt_out, RegistryCount.people, RegistryCount.settled)
            .where(RegistryCount.cube == cube, RegistryCount.caisse_code == "ALPES")
            .order_by(RegistryCount.contact_opt_out)
        )
    ).all()
    assert [tuple(row) for row in alpes] == [(False, 3, True), (True, 1, True)]
    assert bretagne == set(
        await session.scalars(
            select(RegistryCount.id).where(RegistryCount.caisse_code == "BRETAGNE")
        )
    )
