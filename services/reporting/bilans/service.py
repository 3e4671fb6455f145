"""The regional bilan's lifecycle: a live draft, submitted as a frozen version, reopened only
by the national office, each re-submission a new version.

A row is locked (``SELECT … FOR UPDATE``) for every change, so two concurrent submissions of
one bilan cannot both succeed: the second sees ``submitted`` and gets a 409.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.reporting.bilans import figures
from services.reporting.bilans.models import Bilan, BilanVersion
from services.reporting.bilans.schemas import (
    BilanDocument,
    BilanReopen,
    BilanVersionSummary,
    Qualitative,
)
from services.reporting.deps import Peers
from services.shared.audit import AuditOperation, record_audit
from services.shared.auth import Principal
from services.shared.errors import Conflict, NotFound, ServiceUnavailable
from services.shared.etag import canonical_json, strong_etag
from services.shared.peers import PeerError

SERVICE = "reporting"


def deadline(year: int) -> date:
    """Bilans are due by 31 January of the following year, that day included."""
    return date(year + 1, 1, 31)


def is_late(year: int, at: datetime) -> bool:
    return at.date() > deadline(year)


async def bilan_row(session: AsyncSession, caisse: str, year: int) -> Bilan | None:
    return await session.scalar(
        select(Bilan).where(Bilan.caisse_code == caisse, Bilan.year == year)
    )


async def check_caisse_exists(peers: Peers, principal: Principal, caisse: str) -> None:
    """An unknown caisse is a 404. When targeting cannot say (down, or a machine client without
    its read scope) the code is taken on trust: every figure group is then missing or refused,
    so nothing can be submitted for it."""
    try:
        await peers.targeting.caisse(principal, caisse)
    except ServiceUnavailable:
        return
    except PeerError as exc:
        if exc.status == 404:
            raise NotFound("Bilan introuvable.", code="bilan.not_found") from exc


async def _locked_row(session: AsyncSession, principal: Principal, caisse: str, year: int) -> Bilan:
    await session.execute(
        insert(Bilan)
        .values(caisse_code=caisse, year=year, status="draft", difficulties="",
                local_actions="", priorities="", latest_version=0, updated_by=principal.subject)
        .on_conflict_do_nothing(index_elements=["caisse_code", "year"])
    )  # fmt: skip
    row = await session.scalar(
        select(Bilan)
        .where(Bilan.caisse_code == caisse, Bilan.year == year)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert row is not None
    return row


def _qualitative(row: Bilan | None) -> Qualitative:
    if row is None:
        return Qualitative()
    return Qualitative(
        difficulties=row.difficulties, local_actions=row.local_actions, priorities=row.priorities
    )


async def live_document(
    peers: Peers, principal: Principal, row: Bilan | None, caisse: str, year: int, now: datetime
) -> BilanDocument:
    """The draft: figures computed now from the peers, the caisse's own text from the row."""
    stats = await figures.fetch_stats(peers, principal, year, caisse)
    actions = figures.action_figures(stats)
    return BilanDocument(
        caisse_code=caisse,
        year=year,
        status="draft",
        version=None,
        previous_versions=row.latest_version if row else 0,
        deadline=deadline(year),
        submitted_at=None,
        submitted_by=None,
        late=is_late(year, now),
        missing=stats.missing,
        actions=actions,
        totals=figures.totals(actions, stats),
        qualitative=_qualitative(row),
    )


async def latest_version(session: AsyncSession, row: Bilan) -> BilanVersion:
    version = await session.scalar(
        select(BilanVersion).where(
            BilanVersion.bilan_id == row.id, BilanVersion.version == row.latest_version
        )
    )
    assert version is not None
    return version


async def latest_etag(session: AsyncSession, row: Bilan) -> str | None:
    """The ETag of the version in force, read alone (a 304 needs no document)."""
    return await session.scalar(
        select(BilanVersion.etag).where(
            BilanVersion.bilan_id == row.id, BilanVersion.version == row.latest_version
        )
    )


async def current_document(
    session: AsyncSession, peers: Peers, principal: Principal, row: Bilan | None,
    caisse: str, year: int, now: datetime, version: int | None = None,
) -> BilanDocument:  # fmt: skip
    """The version asked for, else the submitted version in force, else the live draft."""
    if version is not None:
        return BilanDocument.model_validate((await get_version(session, row, version)).document)
    if row is not None and row.status == "submitted":
        return BilanDocument.model_validate((await latest_version(session, row)).document)
    return await live_document(peers, principal, row, caisse, year, now)


async def get_version(session: AsyncSession, row: Bilan | None, number: int) -> BilanVersion:
    version = None
    if row is not None:
        version = await session.scalar(
            select(BilanVersion).where(
                BilanVersion.bilan_id == row.id, BilanVersion.version == number
            )
        )
    if version is None:
        raise NotFound(f"Version {number} de ce bilan introuvable.", code="bilan.version_not_found")
    return version


async def list_versions(session: AsyncSession, row: Bilan | None) -> list[BilanVersion]:
    if row is None:
        return []
    return list(
        await session.scalars(
            select(BilanVersion)
            .where(BilanVersion.bilan_id == row.id)
            .order_by(BilanVersion.version)
        )
    )


async def update_qualitative(
    session: AsyncSession, principal: Principal, caisse: str, year: int, body: Qualitative
) -> Qualitative:
    row = await _locked_row(session, principal, caisse, year)
    if row.status == "submitted":
        raise Conflict(
            "Ce bilan est soumis : demandez d'abord au national de le rouvrir.",
            code="bilan.submitted",
        )
    row.difficulties, row.local_actions, row.priorities = (
        body.difficulties,
        body.local_actions,
        body.priorities,
    )
    row.updated_by = principal.subject
    await session.flush()
    return _qualitative(row)


async def submit(
    session: AsyncSession,
    peers: Peers,
    principal: Principal,
    caisse: str,
    year: int,
    now: datetime,
) -> BilanVersion:
    """Freezes the bilan as computed now into its next version."""
    row = await _locked_row(session, principal, caisse, year)
    if row.status == "submitted":
        raise Conflict(
            f"La version {row.latest_version} de ce bilan est déjà soumise ; le national "
            "doit la rouvrir avant une nouvelle soumission.",
            code="bilan.already_submitted",
        )
    document = await live_document(peers, principal, row, caisse, year, now)
    if document.missing:
        raise Conflict(
            "Des chiffres manquent (" + ", ".join(document.missing) + ") : un bilan soumis doit "
            "être complet ; réessayez quand les services seront revenus.",
            code="bilan.figures_missing",
        )
    number = row.latest_version + 1
    frozen = document.model_copy(
        update={
            "status": "submitted",
            "version": number,
            "previous_versions": row.latest_version,
            "submitted_at": now,
            "submitted_by": principal.name,
        }
    ).model_dump(mode="json")
    version = BilanVersion(
        bilan_id=row.id,
        version=number,
        document=frozen,
        etag=strong_etag(canonical_json(frozen)),
        late=document.late,
        submitted_by=principal.subject,
        submitted_at=now,
    )
    session.add(version)
    row.status, row.latest_version, row.updated_by = "submitted", number, principal.subject
    await session.flush()
    await record_audit(
        session, SERVICE, principal, AuditOperation.UPDATE, "bilan", row.id, f"submit v{number}"
    )
    return version


async def reopen(
    session: AsyncSession,
    principal: Principal,
    caisse: str,
    year: int,
    body: BilanReopen,
    now: datetime,
) -> BilanVersion:
    row = await bilan_row(session, caisse, year)
    if row is None:
        raise Conflict("Ce bilan n'a jamais été soumis.", code="bilan.never_submitted")
    row = await _locked_row(session, principal, caisse, year)
    if row.status != "submitted":
        raise Conflict(
            "Ce bilan n'est pas soumis : il n'y a rien à rouvrir.", code="bilan.not_submitted"
        )
    if row.latest_version != body.version:
        raise Conflict(
            f"La version soumise est désormais la {row.latest_version}, pas la {body.version} : "
            "relisez le bilan avant de le rouvrir.",
            code="bilan.version_changed",
        )
    reason = body.reason.strip()
    version = await latest_version(session, row)
    version.reopened_by, version.reopened_at = principal.subject, now
    version.reopen_reason = reason
    row.status, row.updated_by = "draft", principal.subject
    await session.flush()
    await record_audit(
        session,
        SERVICE,
        principal,
        AuditOperation.UPDATE,
        "bilan",
        row.id,
        f"reopen v{body.version}: {reason}"[:200],
    )
    return version


def summary(version: BilanVersion) -> BilanVersionSummary:
    return BilanVersionSummary(
        version=version.version,
        submitted_at=version.submitted_at,
        submitted_by=version.submitted_by,
        late=version.late,
        etag=version.etag,
        reopened_at=version.reopened_at,
        reopened_by=version.reopened_by,
        reopen_reason=version.reopen_reason,
    )


def stored_body(version: BilanVersion) -> tuple[bytes, str]:
    """The frozen document as served, and its tag (computed at submission)."""
    document: Any = version.document
    return canonical_json(document), version.etag
