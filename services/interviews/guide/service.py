"""The guide's versions (edited by the national office) and its use in an interview: the
sections proposed for the person, then what the counselor recorded."""

from datetime import date
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.audit import audit
from services.interviews.followups import service as followups
from services.interviews.gateways import TargetingGateway
from services.interviews.guide.conditions import Condition, Profile, applies
from services.interviews.guide.models import (
    GuideSection,
    GuideStatus,
    GuideVersion,
    InterviewRecord,
)
from services.interviews.guide.schemas import (
    GuideDraftWrite,
    GuideProposal,
    GuideVersionRead,
    InterviewRecordRead,
    InterviewRecordWrite,
    ProposedSection,
    SectionRead,
)
from services.interviews.scheduling import service as scheduling
from services.interviews.scheduling.models import Interview, InterviewStatus
from services.shared.audit import AuditOperation
from services.shared.auth import Principal
from services.shared.errors import Conflict, FieldError, NotFound, Unprocessable

_CONDITION: TypeAdapter[Condition] = TypeAdapter(Condition)


async def list_versions(session: AsyncSession) -> list[GuideVersion]:
    return list(await session.scalars(select(GuideVersion).order_by(GuideVersion.number.desc())))


async def _sections(session: AsyncSession, version: GuideVersion) -> list[GuideSection]:
    return list(
        await session.scalars(
            select(GuideSection)
            .where(GuideSection.version_id == version.id)
            .order_by(GuideSection.position)
        )
    )


async def version_read(session: AsyncSession, version: GuideVersion) -> GuideVersionRead:
    sections = [SectionRead.model_validate(s) for s in await _sections(session, version)]
    return GuideVersionRead.model_validate({**_summary(version), "sections": sections})


def _summary(version: GuideVersion) -> dict[str, Any]:
    keys = ("id", "number", "status", "created_by", "created_at", "published_at")
    return {key: getattr(version, key) for key in keys}


async def get_version(session: AsyncSession, number: int) -> GuideVersion:
    version = await session.scalar(select(GuideVersion).where(GuideVersion.number == number))
    if version is None:
        raise NotFound("Version du guide introuvable.", code="guide.version_not_found")
    return version


async def current_version(session: AsyncSession) -> GuideVersion:
    version = await session.scalar(
        select(GuideVersion)
        .where(GuideVersion.status == GuideStatus.PUBLISHED.value)
        .order_by(GuideVersion.number.desc())
        .limit(1)
    )
    if version is None:
        raise Conflict("Aucun guide n'a encore été publié.", code="guide.none_published")
    return version


async def create_draft(session: AsyncSession, principal: Principal) -> GuideVersion:
    """A new draft starts as a copy of the latest version; one draft at a time."""
    if await session.scalar(
        select(GuideVersion.id).where(GuideVersion.status == GuideStatus.DRAFT.value)
    ):
        raise Conflict(
            "Un brouillon existe déjà : modifiez-le ou publiez-le.", code="guide.draft_exists"
        )
    latest = await session.scalar(
        select(GuideVersion).order_by(GuideVersion.number.desc()).limit(1).with_for_update()
    )
    draft = GuideVersion(number=(latest.number + 1) if latest else 1, created_by=principal.subject)
    session.add(draft)
    await session.flush()
    if latest is not None:
        session.add_all(
            GuideSection(
                version_id=draft.id,
                position=s.position,
                key=s.key,
                title=s.title,
                content=s.content,
                condition=s.condition,
            )
            for s in await _sections(session, latest)
        )
        await session.flush()
    return draft


def _require_draft(version: GuideVersion) -> None:
    if version.status != GuideStatus.DRAFT.value:
        raise Conflict(
            f"La version {version.number} est {version.status} : elle ne change plus.",
            code="guide.version_frozen",
        )


async def replace_sections(
    session: AsyncSession, version: GuideVersion, body: GuideDraftWrite
) -> None:
    _require_draft(version)
    keys = [s.key for s in body.sections]
    if duplicate := next((k for k in keys if keys.count(k) > 1), None):
        raise Unprocessable(
            f"La clé de section {duplicate!r} apparaît deux fois.",
            code="guide.duplicate_key",
            errors=[FieldError(field="sections", location="body", message="clé en double")],
        )
    await session.execute(delete(GuideSection).where(GuideSection.version_id == version.id))
    session.add_all(
        GuideSection(
            version_id=version.id,
            position=position,
            key=s.key,
            title=s.title,
            content=s.content,
            condition=_CONDITION.dump_python(s.condition, mode="json", by_alias=True),
        )
        for position, s in enumerate(body.sections)
    )
    await session.flush()


async def publish(session: AsyncSession, version: GuideVersion) -> GuideVersion:
    """The draft becomes the guide in use; the one it replaces is retired."""
    _require_draft(version)
    await session.execute(
        update(GuideVersion)
        .where(GuideVersion.status == GuideStatus.PUBLISHED.value)
        .values(status=GuideStatus.RETIRED.value)
    )
    version.status = GuideStatus.PUBLISHED.value
    version.published_at = func.now()
    await session.flush()
    await session.refresh(version)
    return version


async def _profile(
    targeting: TargetingGateway, principal: Principal, interview: Interview, today: date
) -> Profile:
    # The person's file is read through targeting, which audits the read and applies its
    # own scoping.
    person = await targeting.person(principal, interview.person_id)
    action = await targeting.action(principal, interview.action_id)
    return Profile.of(person, action.code, today)


async def propose(
    session: AsyncSession,
    targeting: TargetingGateway,
    principal: Principal,
    interview: Interview,
    today: date,
) -> GuideProposal:
    version = await current_version(session)
    profile = await _profile(targeting, principal, interview, today)
    return GuideProposal(
        guide_version=version.number,
        sections=[
            ProposedSection(
                key=s.key,
                title=s.title,
                content=s.content,
                condition=_CONDITION.validate_python(s.condition),
                applies=applies(_CONDITION.validate_python(s.condition), profile),
            )
            for s in await _sections(session, version)
        ],
    )


def record_read(record: InterviewRecord, guide_version: int) -> InterviewRecordRead:
    return InterviewRecordRead(
        interview_id=str(record.interview_id),
        guide_version=guide_version,
        sections_proposed=record.sections_proposed,
        sections_covered=record.sections_covered,
        follow_ups=record.follow_ups,
        notes=record.notes,
        recorded_by=record.recorded_by,
        recorded_at=record.recorded_at,
    )


async def get_record(session: AsyncSession, interview: Interview) -> InterviewRecordRead:
    record = await session.get(InterviewRecord, interview.id)
    if record is None:
        raise NotFound("Rien n'a encore été enregistré pour cet entretien.", code="guide.no_record")
    version = await session.get_one(GuideVersion, record.guide_version_id)
    return record_read(record, version.number)


async def record(
    session: AsyncSession,
    targeting: TargetingGateway,
    principal: Principal,
    interview: Interview,
    body: InterviewRecordWrite,
    today: date,
) -> tuple[InterviewRecord, int]:
    """Records the outcome and what was covered. A held or missed interview may have its
    record completed later, never its outcome changed; a cancelled one has no record."""
    if interview.status == InterviewStatus.CANCELLED.value:
        raise Conflict(
            "L'entretien a été annulé : il n'y a pas de résultat à enregistrer.",
            code="interview.cancelled",
        )
    if interview.status != InterviewStatus.BOOKED.value and interview.status != body.outcome:
        raise Conflict(
            f"L'entretien est déjà enregistré comme {interview.status}.",
            code="interview.already_recorded",
        )
    proposal = await propose(session, targeting, principal, interview, today)
    known = {s.key for s in proposal.sections}
    if unknown := [key for key in body.sections_covered if key not in known]:
        raise Unprocessable(
            f"Section du guide inconnue : {', '.join(unknown)}.",
            code="guide.unknown_section",
            errors=[FieldError(field="sections_covered", location="body", message="clé inconnue")],
        )
    if interview.status == InterviewStatus.BOOKED.value:
        await scheduling.set_outcome(session, principal, interview, InterviewStatus(body.outcome))
    version = await current_version(session)
    record = await session.get(InterviewRecord, interview.id)
    if record is None:
        record = InterviewRecord(
            interview_id=interview.id,
            sections_proposed=[s.key for s in proposal.sections if s.applies],
        )
        session.add(record)
    record.guide_version_id = version.id
    record.sections_covered = body.sections_covered
    record.follow_ups = list(body.follow_ups)
    record.notes = body.notes
    record.recorded_by = principal.subject
    record.recorded_at = func.now()
    await followups.sync(
        session,
        interview_id=interview.id,
        caisse_code=interview.caisse_code,
        counselor_id=interview.counselor_id,
        person_id=interview.person_id,
        kinds=body.follow_ups,
        today=today,
    )
    await audit(session, principal, AuditOperation.UPDATE, "interview_record", interview.id)
    await session.flush()
    await session.refresh(record)
    return record, version.number
