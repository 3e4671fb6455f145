"""The national bilan: consolidation over caisses, from frozen versions or live figures."""

import hashlib
import time
from collections import Counter, defaultdict
from collections.abc import Hashable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.reporting.bilans import figures
from services.reporting.bilans.models import Bilan, BilanVersion
from services.reporting.bilans.schemas import ActionFigures, BilanDocument, Satisfaction, Totals
from services.reporting.bilans.service import deadline, is_late
from services.reporting.deps import Peers
from services.reporting.national.schemas import (
    CaisseComparison,
    CaisseSubmission,
    Consolidation,
    NationalActionFigures,
    NationalBilan,
    NationalLive,
    SubmissionCounts,
    SubmissionState,
)
from services.shared.auth import Principal
from services.shared.errors import ServiceUnavailable
from services.shared.etag import canonical_json, strong_etag
from services.shared.peers import PeerError

SUMMED = (
    "targeted", "listed", "invited", "booked", "held", "no_show", "meetings_held",
    "meeting_attendance", "letters_sent", "realised",
)  # fmt: skip


def _sum(values: list[int | None]) -> int | None:
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def _rate(realised: int | None, targeted: int | None) -> float | None:
    return None if realised is None or not targeted else realised / targeted


def _satisfaction_of(rows: list[ActionFigures]) -> Satisfaction | None:
    return figures.combined_satisfaction(r.satisfaction for r in rows if r.satisfaction is not None)


def _totals(per_caisse_totals: list[Totals]) -> Totals:
    fields: dict[str, Any] = {
        name: _sum([getattr(t, name) for t in per_caisse_totals])
        for name in Totals.model_fields
        if name not in ("realisation_rate", "satisfaction")
    }
    return Totals(
        **fields,
        realisation_rate=_rate(fields["realised"], fields["targeted"]),
        satisfaction=figures.combined_satisfaction(
            t.satisfaction for t in per_caisse_totals if t.satisfaction
        ),
    )


def consolidate(per_caisse: dict[str, tuple[list[ActionFigures], Totals]]) -> Consolidation:
    """Socle actions summed over caisses, and each caisse's rates side by side."""
    socle: dict[int, list[ActionFigures]] = defaultdict(list)
    comparison = []
    for caisse, (actions, totals) in sorted(per_caisse.items()):
        for action in actions:
            if action.national:
                socle[action.action_id].append(action)
        comparison.append(
            CaisseComparison(
                caisse_code=caisse,
                realisation_rates={
                    a.action_code: a.realisation_rate for a in actions if a.national
                },
                regional_actions=sum(1 for a in actions if not a.national),
                totals=totals,
            )
        )
    socle_rows = []
    for action_id, rows in socle.items():
        sums = {name: _sum([getattr(r, name) for r in rows]) for name in SUMMED}
        socle_rows.append(
            NationalActionFigures(
                action_id=action_id,
                action_code=rows[0].action_code,
                title=rows[0].title,
                contact_type=rows[0].contact_type,
                caisses=len(rows),
                **sums,
                realisation_rate=_rate(sums["realised"], sums["targeted"]),
                satisfaction=_satisfaction_of(rows),
            )
        )
    return Consolidation(
        caisses=sorted(per_caisse),
        socle=sorted(socle_rows, key=lambda r: r.action_code),
        comparison=comparison,
        totals=_totals([totals for _, totals in per_caisse.values()]),
    )


class NationalCache:
    """Keeps the last national documents by what they are computed from, so an unchanged
    national bilan is not consolidated again on every pull (its strong ETag stays the hash of
    its canonical JSON). Also keeps each caller's view of the caisse list for a minute: the
    caisses are reference data, and the key is the caller's token, so rights are unchanged."""

    NAMES_SECONDS = 60.0
    MAX_ENTRIES = 64

    def __init__(self) -> None:
        self._documents: dict[Hashable, tuple[bytes, str]] = {}
        self._names: dict[str, tuple[float, dict[str, str] | None]] = {}

    async def caisse_names(self, peers: Peers, principal: Principal) -> dict[str, str] | None:
        key = hashlib.sha256(principal.token.encode()).hexdigest()
        cached = self._names.get(key)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        names = await _caisse_names(peers, principal)
        _remember(self._names, key, (time.monotonic() + self.NAMES_SECONDS, names))
        return names

    def document(self, key: Hashable) -> tuple[bytes, str] | None:
        return self._documents.get(key)

    def remember(self, key: Hashable, body: bytes, etag: str) -> None:
        _remember(self._documents, key, (body, etag))


def _remember(store: dict[Any, Any], key: Any, value: Any) -> None:
    store.pop(key, None)
    store[key] = value
    while len(store) > NationalCache.MAX_ENTRIES:
        store.pop(next(iter(store)))


async def _caisse_names(peers: Peers, principal: Principal) -> dict[str, str] | None:
    """Every caisse, from targeting; None when it is down or refuses the caller (a machine
    client without ``targeting:read``)."""
    try:
        caisses = await peers.targeting.caisses(principal)
    except (ServiceUnavailable, PeerError):
        return None
    return {c.code: c.name for c in caisses}


def _state(row: Bilan | None, version: BilanVersion | None, overdue: bool) -> SubmissionState:
    if row is not None and row.status == "submitted" and version is not None:
        return "late" if version.late else "submitted"
    return "missing" if overdue else "pending"


async def national_bilan(
    session: AsyncSession, peers: Peers, principal: Principal, year: int, now: datetime
) -> NationalBilan:
    return await _national_bilan(session, await _caisse_names(peers, principal), year, now)


async def tagged_national_bilan(
    session: AsyncSession,
    peers: Peers,
    principal: Principal,
    cache: NationalCache,
    year: int,
    now: datetime,
) -> tuple[bytes, str]:
    """The national bilan's canonical JSON and strong ETag; recomputed only when the caisses,
    a bilan's state or version, or the deadline's passing has changed."""
    names = await cache.caisse_names(peers, principal)
    states = await session.execute(
        select(Bilan.caisse_code, Bilan.status, Bilan.latest_version, BilanVersion.etag)
        .outerjoin(
            BilanVersion,
            (BilanVersion.bilan_id == Bilan.id) & (BilanVersion.version == Bilan.latest_version),
        )
        .where(Bilan.year == year)
        .order_by(Bilan.caisse_code)
    )
    key = (
        year,
        is_late(year, now),
        None if names is None else tuple(sorted(names.items())),
        tuple(tuple(row) for row in states),
    )
    if (cached := cache.document(key)) is not None:
        return cached
    bilan = await _national_bilan(session, names, year, now)
    body = canonical_json(bilan.model_dump(mode="json"))
    etag = strong_etag(body)
    cache.remember(key, body, etag)
    return body, etag


async def _national_bilan(
    session: AsyncSession, names: dict[str, str] | None, year: int, now: datetime
) -> NationalBilan:
    rows = {
        row.caisse_code: row
        for row in await session.scalars(select(Bilan).where(Bilan.year == year))
    }
    versions = {
        caisse: version
        for caisse, version in await session.execute(
            select(Bilan.caisse_code, BilanVersion)
            .join(BilanVersion, BilanVersion.bilan_id == Bilan.id)
            .where(
                Bilan.year == year,
                Bilan.status == "submitted",
                BilanVersion.version == Bilan.latest_version,
            )
        )
    }
    overdue = is_late(year, now)
    codes = sorted(set(names or {}) | set(rows))
    submissions = []
    for code in codes:
        row, version = rows.get(code), versions.get(code)
        submissions.append(
            CaisseSubmission(
                caisse_code=code,
                name=(names or {}).get(code),
                state=_state(row, version, overdue),
                version=version.version if version else None,
                submitted_at=version.submitted_at if version else None,
                reopened=bool(row and row.status == "draft" and row.latest_version),
            )
        )
    counted = Counter(submission.state for submission in submissions)
    documents = {
        code: BilanDocument.model_validate(version.document) for code, version in versions.items()
    }
    return NationalBilan(
        year=year,
        deadline=deadline(year),
        deadline_passed=overdue,
        submissions=submissions,
        counts=SubmissionCounts(
            submitted=counted["submitted"],
            late=counted["late"],
            missing=counted["missing"],
            pending=counted["pending"],
        ),
        consolidated=consolidate({c: (d.actions, d.totals) for c, d in documents.items()}),
        missing=[] if names is not None else ["caisses"],
    )


async def national_live(peers: Peers, principal: Principal, year: int) -> NationalLive:
    stats = await figures.fetch_stats(peers, principal, year, None)
    caisses = sorted({i.caisse_code for i in stats.targeting or []})
    per_caisse = {}
    for caisse in caisses:
        own = stats.for_caisse(caisse)
        actions = figures.action_figures(own)
        per_caisse[caisse] = (actions, figures.totals(actions, own))
    return NationalLive(year=year, missing=stats.missing, consolidated=consolidate(per_caisse))
