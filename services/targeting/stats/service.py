"""Per caisse and action counts for the bilans: how many people each action targets now
and how many its frozen lists hold.

An action whose definition the registry counts cover (:mod:`.aggregate`) is counted from
them, in milliseconds; the others by one scan of the registry answering all of them (one
``count(*) FILTER (WHERE …)`` column each, grouped by caisse), which takes over a second at
3 million people. Either way the figures only change when the registry or an action's
definition does, so they are also kept per registry generation (see
:class:`RegistryGeneration`), caller's scope and actions.
"""

import json
from collections import OrderedDict
from collections.abc import Hashable

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import CaisseScope
from services.targeting.caisses.models import Caisse
from services.targeting.policy.models import PolicyAction
from services.targeting.policy.service import list_actions
from services.targeting.registry.models import InsuredPerson
from services.targeting.stats import aggregate
from services.targeting.stats.models import RegistryCount, RegistryGeneration
from services.targeting.stats.schemas import ActionStats, TargetingStats
from services.targeting.targets.definition import TargetDefinition, filter_predicate
from services.targeting.targets.models import TargetList

Counts = dict[tuple[str, int], int]


class TargetedCounts:
    """The targeted counts computed lately, the oldest dropped beyond ``size`` entries."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Counts] = OrderedDict()

    async def get(
        self, session: AsyncSession, scope: CaisseScope, actions: list[PolicyAction]
    ) -> Counts:
        # The generation is read before the scan: the scan then sees at least that state, so
        # counts are never kept under a generation older than what they reflect.
        generation = await session.scalar(
            select(RegistryGeneration.generation).where(RegistryGeneration.id == 1)
        )
        key = (
            generation,
            scope.caisse_codes,
            tuple(
                (a.id, a.national, a.caisse_code, json.dumps(a.target_definition, sort_keys=True))
                for a in actions
            ),
        )
        if (counts := self._entries.get(key)) is not None:
            self._entries.move_to_end(key)
            return counts
        counts = await _targeted(session, scope, actions)
        self._entries[key] = counts
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return counts


async def _targeted(
    session: AsyncSession, scope: CaisseScope, actions: list[PolicyAction]
) -> Counts:
    """Each action from the registry counts when a cube covers its definition; the others
    in one scan of the registry, one ``count(*) FILTER`` column per action."""
    counts: Counts = {}
    scanned: list[tuple[PolicyAction, TargetDefinition]] = []
    for action in actions:
        definition = TargetDefinition.model_validate(action.target_definition)
        cube = aggregate.covering_cube(TargetDefinition(filter=definition.filter))
        if cube is None:
            scanned.append((action, definition))
            continue
        c = RegistryCount
        where = and_(
            filter_predicate(definition.filter, c, aggregate.years_between), ~c.contact_opt_out
        )
        if not action.national:
            where = and_(where, c.caisse_code == action.caisse_code)
        for caisse, count in await aggregate.rows(
            session, scope, cube, where=where, keys=[], sums=[aggregate.people()]
        ):
            counts[caisse, action.id] = count
    if scanned:
        counts.update(await _scanned(session, scope, scanned))
    return counts


async def _scanned(
    session: AsyncSession,
    scope: CaisseScope,
    actions: list[tuple[PolicyAction, TargetDefinition]],
) -> Counts:
    p = InsuredPerson
    columns = []
    for action, definition in actions:
        predicate = filter_predicate(definition.filter)
        if not action.national:
            predicate = and_(predicate, p.caisse_code == action.caisse_code)
        columns.append(func.count().filter(predicate).label(f"a{action.id}"))
    query = select(p.caisse_code, *columns).where(~p.contact_opt_out).group_by(p.caisse_code)
    if scope.caisse_codes is not None:
        query = query.where(p.caisse_code.in_(scope.caisse_codes))
    counts: Counts = {}
    for caisse, *per_action in await session.execute(query):
        for (action, _), count in zip(actions, per_action, strict=True):
            if count:
                counts[caisse, action.id] = count
    return counts


async def _listed(
    session: AsyncSession, scope: CaisseScope, actions: list[PolicyAction]
) -> dict[tuple[str, int], int]:
    """The sizes the frozen lists recorded (no scan of their members)."""
    lists = TargetList
    query = (
        select(lists.caisse_code, lists.action_id, func.sum(lists.size))
        .where(lists.status == "ready", lists.action_id.in_([a.id for a in actions]))
        .group_by(lists.caisse_code, lists.action_id)
    )
    if scope.caisse_codes is not None:
        query = query.where(lists.caisse_code.in_(scope.caisse_codes))
    return {(caisse, action): int(count) for caisse, action, count in await session.execute(query)}


async def action_stats(
    session: AsyncSession,
    scope: CaisseScope,
    year: int,
    caisse_code: str | None,
    targeted_counts: TargetedCounts,
) -> TargetingStats:
    """The socle's actions for every caisse in scope, and each regional action for its own."""
    if caisse_code is not None:
        scope.ensure(caisse_code, "Caisse")
        scope = CaisseScope(frozenset({caisse_code}))
    caisse_query = select(Caisse.code).order_by(Caisse.code)
    if scope.caisse_codes is not None:
        caisse_query = caisse_query.where(Caisse.code.in_(scope.caisse_codes))
    caisses = list(await session.scalars(caisse_query))
    actions = await list_actions(session, scope, year)
    if not caisses or not actions:
        return TargetingStats(items=[])
    targeted = await targeted_counts.get(session, scope, actions)
    listed = await _listed(session, scope, actions)
    items = [
        ActionStats(
            caisse_code=caisse,
            action_id=action.id,
            action_code=action.code,
            title=action.title,
            contact_type=action.contact_type,
            national=action.national,
            targeted=targeted.get((caisse, action.id), 0),
            listed=listed.get((caisse, action.id), 0),
        )
        for caisse in caisses
        for action in actions
        if action.national or action.caisse_code == caisse
    ]
    return TargetingStats(items=items)
