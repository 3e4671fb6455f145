"""The registry's use cases: search, a person's file, opposition, contact recency, imports."""

import asyncio
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.shared.audit import AuditOperation, record_audit
from services.shared.auth import CaisseScope, Principal
from services.shared.errors import FieldError, NotFound, Unprocessable
from services.shared.jobs import Progress
from services.shared.pagination import PageParams
from services.shared.queue import QueueTask, enqueue
from services.shared.storage import Storage
from services.targeting.caisses.models import Caisse
from services.targeting.registry.importing import RowValidator, upsert_persons
from services.targeting.registry.models import ImportRowError, InsuredPerson, TargetingJob
from services.targeting.registry.nir import NirError, normalize_nir, validate_nir
from services.targeting.registry.schemas import (
    BatchReport,
    ImportMode,
    PersonNamesQuery,
    PersonSearch,
    RowError,
)
from services.targeting.registry.tables import (
    TableKind,
    count_rows,
    inspect_table,
    table_rows,
)

SERVICE = "targeting"
IMPORT_JOB = "registry_import"
MAX_UPLOAD_BYTES = 1024**3
MAX_STORED_ERRORS = 100_000


async def search_persons(
    session: AsyncSession,
    scope: CaisseScope,
    principal: Principal,
    criteria: PersonSearch,
    page: PageParams,
) -> tuple[list[InsuredPerson], int]:
    if not criteria.nir and not criteria.name:
        raise Unprocessable("Donnez un NIR ou un nom à rechercher.", code="person.search_empty")
    query = select(InsuredPerson)
    if criteria.nir:
        nir = normalize_nir(criteria.nir)
        try:
            validate_nir(nir)
        except NirError as exc:  # say why rather than "nobody matches"
            raise Unprocessable(
                f"Ce NIR est invalide : {exc}.",
                code="person.invalid_nir",
                errors=[FieldError(field="nir", location="body", message=str(exc))],
            ) from exc
        query = query.where(InsuredPerson.nir == nir)
    if criteria.name:
        escaped = (
            criteria.name.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        )
        query = query.where(func.lower(InsuredPerson.last_name).like(f"{escaped}%"))
    if scope.caisse_codes is not None:
        query = query.where(InsuredPerson.caisse_code.in_(scope.caisse_codes))
    if criteria.caisse_code:
        query = query.where(InsuredPerson.caisse_code == criteria.caisse_code)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = list(
        await session.scalars(
            query.order_by(InsuredPerson.last_name, InsuredPerson.first_name, InsuredPerson.id)
            .limit(page.limit)
            .offset(page.offset)
        )
    )
    await record_audit(
        session,
        SERVICE,
        principal,
        AuditOperation.SEARCH,
        "insured_person",
        purpose=criteria.purpose or f"search returned {len(rows)} of {total}",
    )
    return rows, total


async def _get_in_scope(session: AsyncSession, scope: CaisseScope, person_id: int) -> InsuredPerson:
    person = await session.get(InsuredPerson, person_id)
    if person is None or not scope.allows(person.caisse_code):
        raise NotFound("Personne introuvable.", code="person.not_found")
    return person


async def read_person_file(
    session: AsyncSession,
    scope: CaisseScope,
    principal: Principal,
    person_id: int,
    purpose: str | None,
) -> InsuredPerson:
    person = await _get_in_scope(session, scope, person_id)
    await record_audit(
        session, SERVICE, principal, AuditOperation.READ, "insured_person", person.id, purpose
    )
    return person


async def person_names(
    session: AsyncSession, scope: CaisseScope, principal: Principal, query: PersonNamesQuery
) -> list[InsuredPerson]:
    """The names of these people, those of the caller's scope only (others are left out, as
    if unknown); each person shown is one audited read."""
    statement = select(InsuredPerson).where(InsuredPerson.id.in_(set(query.person_ids)))
    if scope.caisse_codes is not None:
        statement = statement.where(InsuredPerson.caisse_code.in_(scope.caisse_codes))
    rows = list(await session.scalars(statement.order_by(InsuredPerson.id)))
    purpose = query.purpose or "names"
    for person in rows:
        await record_audit(
            session, SERVICE, principal, AuditOperation.READ, "insured_person", person.id, purpose
        )
    return rows


async def set_opposition(
    session: AsyncSession, scope: CaisseScope, principal: Principal, person_id: int, opposed: bool
) -> InsuredPerson:
    person = await _get_in_scope(session, scope, person_id)
    person.contact_opt_out = opposed
    person.updated_at = func.now()
    await record_audit(
        session,
        SERVICE,
        principal,
        AuditOperation.UPDATE,
        "insured_person",
        person.id,
        "opposition to contact" if opposed else "opposition withdrawn",
    )
    await session.flush()
    await session.refresh(person)
    return person


async def record_contacts(session: AsyncSession, contacts: Iterable[tuple[int, Any]]) -> int:
    """Keeps the latest contact date per person (reported by the interviews service)."""
    pairs = list(contacts)
    result = await session.execute(
        text(
            "UPDATE targeting_insured_person p SET last_contacted_on = c.contacted_on "
            "FROM (SELECT person_id, max(contacted_on) AS contacted_on "
            "FROM unnest(CAST(:ids AS bigint[]), CAST(:dates AS date[])) "
            "AS u(person_id, contacted_on) "
            "GROUP BY person_id) c WHERE p.id = c.person_id "
            "AND (p.last_contacted_on IS NULL OR p.last_contacted_on < c.contacted_on)"
        ),
        {"ids": [p for p, _ in pairs], "dates": [d for _, d in pairs]},
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def _validator(session: AsyncSession, scope: CaisseScope) -> RowValidator:
    codes = frozenset(await session.scalars(select(Caisse.code)))
    return RowValidator(known_caisses=codes, scope=scope)


async def import_batch(
    session: AsyncSession,
    scope: CaisseScope,
    principal: Principal,
    mode: ImportMode,
    persons: Sequence[Mapping[str, Any]],
) -> BatchReport:
    """The JSON batch API: same rules as the CSV import, answered at once."""
    errors: list[RowError] = []

    async def collect(batch: list[RowError]) -> None:
        errors.extend(batch)

    async with session.begin_nested() as savepoint:
        report = await upsert_persons(
            session, enumerate(persons, start=1), await _validator(session, scope), mode, collect
        )
        if not report.written:
            await savepoint.rollback()
    await record_audit(
        session,
        SERVICE,
        principal,
        AuditOperation.IMPORT,
        "insured_person",
        purpose=f"JSON batch: {report.message}",
    )
    return BatchReport(
        **report.model_dump(), errors=sorted(errors, key=lambda e: (e.line, e.field))
    )


IMPORT_TASK = QueueTask("targeting.import_csv", queue="targeting")


async def start_csv_import(
    session: AsyncSession,
    storage: Storage,
    scope: CaisseScope,
    principal: Principal,
    upload: BinaryIO,
    mode: ImportMode,
) -> TargetingJob:
    """Checks the upload reads as a table (refused at once otherwise), stores it where every
    worker can read it, then queues its import."""
    job = TargetingJob(
        kind=IMPORT_JOB,
        caisse_code=principal.caisse_code,
        created_by=principal.subject,
        result={"mode": mode.value},
    )
    session.add(job)
    await session.flush()
    spool = await asyncio.to_thread(_spool_upload, upload)
    try:
        table = await asyncio.to_thread(inspect_table, spool)
        await storage.put_file(upload_key(job.id), spool, _MEDIA_TYPES[table.kind])
    finally:
        await asyncio.to_thread(spool.unlink, missing_ok=True)
    await record_audit(
        session,
        SERVICE,
        principal,
        AuditOperation.IMPORT,
        "import_job",
        job.id,
        f"import ({table.description})",
    )
    caisse_codes = None if scope.caisse_codes is None else sorted(scope.caisse_codes)
    await enqueue(
        session, IMPORT_TASK, job_id=str(job.id), caisse_codes=caisse_codes, mode=mode.value
    )
    return job


_MEDIA_TYPES = {
    TableKind.CSV: "text/csv",
    TableKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def upload_key(job_id: uuid.UUID) -> str:
    return f"imports/{job_id}.csv"


def _spool_upload(upload: BinaryIO) -> Path:
    spool = Path(tempfile.mkstemp(prefix="rsi-import-", suffix=".csv")[1])
    with spool.open("wb") as target:
        shutil.copyfileobj(upload, target, length=1024 * 1024)
    if spool.stat().st_size > MAX_UPLOAD_BYTES:
        spool.unlink()
        raise Unprocessable(
            f"Le fichier dépasse {MAX_UPLOAD_BYTES // 1024**2} Mio.", code="import.file_too_large"
        )
    return spool


async def run_csv_import(
    sessions: async_sessionmaker[AsyncSession],
    storage: Storage,
    progress: Progress,
    job_id: uuid.UUID,
    scope: CaisseScope,
    mode: ImportMode,
) -> dict[str, Any]:
    """The import's job. The rows go in one transaction and the row errors of an earlier,
    interrupted run are dropped first: running it again imports nothing twice."""
    spool = Path(tempfile.mkstemp(prefix="rsi-import-", suffix=".csv")[1])
    try:
        await storage.get_file(upload_key(job_id), spool)
        async with sessions() as session, session.begin():
            await session.execute(delete(ImportRowError).where(ImportRowError.job_id == job_id))
        report = await _run_csv_import(sessions, progress, job_id, spool, scope, mode)
    finally:
        await asyncio.to_thread(spool.unlink, missing_ok=True)
    await storage.delete(upload_key(job_id))
    return report


async def _run_csv_import(
    sessions: async_sessionmaker[AsyncSession],
    progress: Progress,
    job_id: uuid.UUID,
    spool: Path,
    scope: CaisseScope,
    mode: ImportMode,
) -> dict[str, Any]:
    table = await asyncio.to_thread(inspect_table, spool)
    await progress.set_total(await asyncio.to_thread(count_rows, spool, table))
    stored = 0

    async def store_errors(errors: list[RowError]) -> None:
        nonlocal stored
        keep = errors[: max(MAX_STORED_ERRORS - stored, 0)]
        if keep:  # in a transaction of their own: kept even when the import is rolled back
            async with sessions() as error_session, error_session.begin():
                await error_session.execute(
                    insert(ImportRowError),
                    [{"job_id": job_id, **error.model_dump()} for error in keep],
                )
            stored += len(keep)

    async with sessions() as session, session.begin():
        # Buffered reads of a local file between database round trips: not worth a thread.
        report = await upsert_persons(
            session,
            table_rows(spool, table),
            await _validator(session, scope),
            mode,
            store_errors,
            progress.advance,
        )
        if not report.written:
            await session.rollback()
    await progress.advance(report.rows)
    return report.model_dump(mode="json")


async def get_job(session: AsyncSession, scope: CaisseScope, job_id: uuid.UUID) -> TargetingJob:
    job = await session.get(TargetingJob, job_id)
    visible = job is not None and (
        scope.caisse_codes is None
        or (job.caisse_code is not None and scope.allows(job.caisse_code))
    )
    if job is None or not visible:
        raise NotFound("Tâche introuvable.", code="job.not_found")
    return job


async def list_import_errors(
    session: AsyncSession, scope: CaisseScope, job_id: uuid.UUID, page: PageParams
) -> tuple[list[ImportRowError], int]:
    await get_job(session, scope, job_id)
    query = select(ImportRowError).where(ImportRowError.job_id == job_id)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(ImportRowError.line, ImportRowError.id).limit(page.limit).offset(page.offset)
    )
    return list(rows), total


IMPORT_ERRORS_HEADER = ("Ligne", "Colonne", "Problème")


def import_errors_statement(job_id: uuid.UUID) -> Any:
    return (
        select(ImportRowError.line, ImportRowError.field, ImportRowError.message)
        .where(ImportRowError.job_id == job_id)
        .order_by(ImportRowError.line, ImportRowError.id)
    )
