"""Volumetry and frozen target lists.

Recency exclusion across the service boundary: the contact history belongs to the interviews
service, but a list of 100,000 people cannot ask it person by person, nor pull its whole
history over HTTP at materialisation time. So interviews reports each completed contact to
targeting (``POST /contacts/recency``), which keeps only the latest date per person in its
own table; excluding "contacted within N days" is then one SQL predicate inside the same
``INSERT … SELECT`` that freezes the list. The price is eventual consistency: a contact made
seconds before a list is frozen may not have been reported yet.
"""

import math
import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Text, cast, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.shared.audit import AuditOperation, record_audit
from services.shared.auth import CaisseScope, Principal
from services.shared.errors import FieldError, NotFound, Unprocessable
from services.shared.exports import ExportFormat
from services.shared.jobs import Progress
from services.shared.queue import QueueTask, enqueue
from services.targeting.caisses.models import Caisse
from services.targeting.policy.models import PolicyAction
from services.targeting.registry.models import InsuredPerson, TargetingJob
from services.targeting.stats import aggregate
from services.targeting.stats.models import RegistryCount
from services.targeting.targets.definition import (
    TargetDefinition,
    filter_predicate,
    priority_group,
)
from services.targeting.targets.models import TargetList, TargetListMember
from services.targeting.targets.schemas import CaisseCount, Sampling, TargetListCreate, Volumetry

SERVICE = "targeting"
MATERIALISE_JOB = "target_list"
MEMBER_HEADER = (
    "Rang",
    "Groupe de priorité",
    "Identifiant de l'assuré",
    "Nom",
    "Prénom",
    "Sexe",
    "Date de naissance",
    "Adresse",
    "Code postal",
    "Commune",
    "Téléphone",
    "Courriel",
    "Groupe professionnel",
    "Statut",
    "Carrière incomplète",
)  # the columns of the list's export, in the order of ``_members_query``


async def check_caisses_exist(
    session: AsyncSession, definition: TargetDefinition, field: str
) -> None:
    if not definition.filter.caisses:
        return
    known = set(await session.scalars(select(Caisse.code)))
    unknown = sorted(set(definition.filter.caisses) - known)
    if unknown:
        raise Unprocessable(
            f"Caisses inconnues : {', '.join(unknown)}.",
            code="caisse.unknown_codes",
            errors=[
                FieldError(
                    field=f"{field}.filter.caisses",
                    location="body",
                    message="code de caisse inconnu",
                )
            ],
        )


def _scoped(query: Any, scope: CaisseScope) -> Any:
    if scope.caisse_codes is None:
        return query
    return query.where(InsuredPerson.caisse_code.in_(scope.caisse_codes))


async def volumetry(
    session: AsyncSession,
    scope: CaisseScope,
    definition: TargetDefinition,
    use_counts: bool = True,
) -> Volumetry:
    """Counts per caisse and priority group, materialising nothing; a caller bound to a
    caisse counts only its own, whatever the definition says. Read from the registry counts
    when one of their cubes covers the definition (``use_counts=False`` forces the scan)."""
    await check_caisses_exist(session, definition, "definition")
    cube = aggregate.covering_cube(definition) if use_counts else None
    counted: list[tuple[Any, ...]]
    if cube is None:
        group = priority_group(definition).label("priority_group")
        query = _scoped(
            select(
                InsuredPerson.caisse_code,
                group,
                func.count(),
                func.count().filter(InsuredPerson.contact_opt_out),
            ).where(filter_predicate(definition.filter)),
            scope,
        ).group_by(InsuredPerson.caisse_code, group)
        counted = [tuple(row) for row in await session.execute(query)]
    else:
        c = RegistryCount
        counted = await aggregate.rows(
            session,
            scope,
            cube,
            where=filter_predicate(definition.filter, c, aggregate.years_between),
            keys=[priority_group(definition, c, aggregate.years_between)],
            sums=[aggregate.people(), aggregate.people(c.contact_opt_out)],
        )
    groups = len(definition.priorities) + 1
    per_caisse: dict[str, CaisseCount] = {}
    for caisse, rank, matched, opted_out in counted:
        count = per_caisse.setdefault(
            caisse,
            CaisseCount(caisse_code=caisse, matched=0, opted_out=0, by_priority=[0] * groups),
        )
        count.matched += matched
        count.opted_out += opted_out
        count.by_priority[rank - 1] += matched
    rows = sorted(per_caisse.values(), key=lambda c: c.caisse_code)
    return Volumetry(
        priority_labels=definition.group_labels(),
        total_matched=sum(c.matched for c in rows),
        total_opted_out=sum(c.opted_out for c in rows),
        by_priority=[sum(c.by_priority[i] for c in rows) for i in range(groups)],
        by_caisse=rows,
    )


MATERIALISE_TASK = QueueTask("targeting.materialise_list", queue="targeting")


async def start_materialisation(
    session: AsyncSession,
    scope: CaisseScope,
    principal: Principal,
    action: PolicyAction,
    body: TargetListCreate,
) -> tuple[TargetList, TargetingJob]:
    caisse = principal.caisse_code if principal.is_caisse_bound else body.caisse_code
    if caisse is None:
        raise Unprocessable(
            "Précisez la caisse de la liste.",
            code="target_list.caisse_required",
            errors=[FieldError(field="caisse_code", location="body", message="obligatoire")],
        )
    if not scope.allows(caisse) or await session.get(Caisse, caisse) is None:
        raise NotFound("Caisse introuvable.", code="caisse.not_found")
    definition = TargetDefinition.model_validate(action.target_definition)
    job = TargetingJob(kind=MATERIALISE_JOB, caisse_code=caisse, created_by=principal.subject)
    session.add(job)
    await session.flush()
    target_list = TargetList(
        action_id=action.id,
        caisse_code=caisse,
        job_id=job.id,
        status="building",
        definition=definition.model_dump(mode="json", exclude_none=True),
        sampling=body.sampling.model_dump() if body.sampling else None,
        recency_window_days=action.recency_window_days,
        created_by=principal.subject,
    )
    session.add(target_list)
    await session.flush()
    await session.refresh(target_list)
    await session.refresh(job)
    seed = body.sampling.seed if body.sampling else body.seed
    await enqueue(
        session, MATERIALISE_TASK, job_id=str(job.id), list_id=str(target_list.id), seed=seed
    )
    return target_list, job


async def materialise(
    sessions: async_sessionmaker[AsyncSession], progress: Progress, list_id: uuid.UUID, seed: int
) -> dict[str, Any]:
    """The list's job: everything in one transaction, so a run that is interrupted leaves
    nothing and the next run starts afresh."""
    async with sessions() as session:
        target_list = await session.get_one(TargetList, list_id)
        if target_list.status == "ready":  # done by a run whose end was not recorded
            return {
                "list_id": str(list_id),
                "matched": target_list.matched,
                "size": target_list.size,
            }
        caisse = target_list.caisse_code
        definition = TargetDefinition.model_validate(target_list.definition)
        sampling = Sampling.model_validate(target_list.sampling) if target_list.sampling else None
    return await _materialise(sessions, progress, list_id, caisse, definition, sampling, seed)


async def mark_list_failed(sessions: async_sessionmaker[AsyncSession], list_id: uuid.UUID) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            update(TargetList).where(TargetList.id == list_id).values(status="failed")
        )


async def _materialise(
    sessions: async_sessionmaker[AsyncSession],
    progress: Progress,
    list_id: uuid.UUID,
    caisse: str,
    definition: TargetDefinition,
    sampling: Sampling | None,
    seed: int,
) -> dict[str, Any]:
    async with sessions() as session, session.begin():
        target_list = await session.get_one(TargetList, list_id)
        window = target_list.recency_window_days
        cutoff = date.today() - timedelta(days=window)
        p = InsuredPerson
        recent = p.last_contacted_on >= cutoff if window else literal(False)
        in_definition = [filter_predicate(definition.filter), p.caisse_code == caisse]
        matched, opted_out, recently = (
            await session.execute(
                select(
                    func.count(),
                    func.count().filter(p.contact_opt_out),
                    func.count().filter(~p.contact_opt_out, recent),
                ).where(*in_definition)
            )
        ).one()
        eligible = matched - opted_out - recently
        size = eligible
        if sampling is not None:
            size = min(eligible, sampling.size or math.ceil((sampling.share or 0) * eligible))
        await progress.set_total(size)
        group = priority_group(definition)
        draw = func.md5(literal(f"{seed}:") + cast(p.id, Text))
        chosen = (
            select(p.id.label("person_id"), group.label("priority_group"), draw.label("draw"))
            .where(*in_definition, ~p.contact_opt_out, ~func.coalesce(recent, False))
            .order_by(group, draw)
            .limit(size)
            .subquery()
        )
        ranked = select(
            literal(list_id),
            func.row_number().over(order_by=(chosen.c.priority_group, chosen.c.draw)),
            chosen.c.person_id,
            chosen.c.priority_group,
        )
        await session.execute(
            insert(TargetListMember).from_select(
                ["list_id", "rank", "person_id", "priority_group"], ranked
            )
        )
        target_list.status = "ready"
        target_list.matched = matched
        target_list.excluded_opt_out = opted_out
        target_list.excluded_recent_contact = recently
        target_list.size = size
    await progress.advance(size)
    return {"list_id": str(list_id), "matched": matched, "size": size}


async def get_list(session: AsyncSession, scope: CaisseScope, list_id: uuid.UUID) -> TargetList:
    target_list = await session.get(TargetList, list_id)
    if target_list is None or not scope.allows(target_list.caisse_code):
        raise NotFound("Liste cible introuvable.", code="target_list.not_found")
    return target_list


async def list_lists(
    session: AsyncSession, scope: CaisseScope, action_id: int | None, limit: int, offset: int
) -> tuple[Sequence[TargetList], int]:
    query = select(TargetList)
    if action_id is not None:
        query = query.where(TargetList.action_id == action_id)
    if scope.caisse_codes is not None:
        query = query.where(TargetList.caisse_code.in_(scope.caisse_codes))
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(TargetList.created_at.desc()).limit(limit).offset(offset)
    )
    return list(rows), total


def _members_query(list_id: uuid.UUID) -> Any:
    m, p = TargetListMember, InsuredPerson
    return (
        select(
            m.rank,
            m.priority_group,
            m.person_id,
            p.last_name,
            p.first_name,
            p.sex,
            p.birth_date,
            p.address_line,
            p.postcode,
            p.city,
            p.phone,
            p.email,
            p.professional_group,
            p.status,
            p.incomplete_career,
        )
        .join(p, p.id == m.person_id)
        .where(m.list_id == list_id)
        .order_by(m.rank)
    )


async def list_person_ids(
    session: AsyncSession,
    scope: CaisseScope,
    principal: Principal,
    list_id: uuid.UUID,
    after_rank: int,
    limit: int,
) -> tuple[list[int], int | None]:
    """Only the ids, in large pages: what a job over a whole list needs (letter contacts)."""
    await get_list(session, scope, list_id)
    rows = (
        await session.execute(
            select(TargetListMember.rank, TargetListMember.person_id)
            .where(TargetListMember.list_id == list_id, TargetListMember.rank > after_rank)
            .order_by(TargetListMember.rank)
            .limit(limit + 1)
        )
    ).all()
    more, rows = len(rows) > limit, rows[:limit]
    await record_audit(session, SERVICE, principal, AuditOperation.READ, "target_list_ids", list_id)
    return [row.person_id for row in rows], (rows[-1].rank if more else None)


async def list_members(
    session: AsyncSession,
    scope: CaisseScope,
    principal: Principal,
    list_id: uuid.UUID,
    after_rank: int,
    limit: int,
) -> tuple[list[dict[str, Any]], bool]:
    """A page of members after ``after_rank``, and whether more follow (read one row more
    than asked, so a full last page does not announce an empty one)."""
    await get_list(session, scope, list_id)
    rows = await session.execute(
        _members_query(list_id).where(TargetListMember.rank > after_rank).limit(limit + 1)
    )
    members = [dict(row._mapping) for row in rows]
    more, members = len(members) > limit, members[:limit]
    await record_audit(
        session,
        SERVICE,
        principal,
        AuditOperation.READ,
        "target_list",
        list_id,
        f"members {after_rank + 1}-{after_rank + len(members)}",
    )
    return members, more


async def export_members(
    session: AsyncSession,
    scope: CaisseScope,
    principal: Principal,
    list_id: uuid.UUID,
    export_format: ExportFormat,
) -> Any:
    """The statement of the whole list, for a download; the export is audited."""
    await get_list(session, scope, list_id)
    await record_audit(
        session,
        SERVICE,
        principal,
        AuditOperation.EXPORT,
        "target_list",
        list_id,
        f"{export_format.value.upper()} export",
    )
    return _members_query(list_id)
