"""Versions of the questionnaire: drafts are edited, published versions never change."""

import secrets
from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import CaisseScope, Principal
from services.shared.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from services.surveys.questionnaires.models import Question, QuestionnaireVersion, VersionStatus
from services.surveys.questionnaires.schemas import (
    QuestionCreate,
    QuestionFields,
    QuestionRead,
    VersionCreate,
    VersionRead,
    VersionSummary,
    VersionUpdate,
)

NATIONAL_TITLE = "Questionnaire national de satisfaction"


def _owner(principal: Principal) -> str | None:
    """The version a caller edits: its caisse's regional one, or the national model."""
    return principal.caisse_code if principal.is_caisse_bound else None


async def list_versions(session: AsyncSession, scope: CaisseScope) -> list[QuestionnaireVersion]:
    query = select(QuestionnaireVersion)
    if scope.caisse_codes is not None:
        query = query.where(
            QuestionnaireVersion.caisse_code.is_(None)
            | QuestionnaireVersion.caisse_code.in_(scope.caisse_codes)
        )
    order = (QuestionnaireVersion.caisse_code.nulls_first(), QuestionnaireVersion.number.desc())
    return list(await session.scalars(query.order_by(*order)))


async def get_version(
    session: AsyncSession, scope: CaisseScope, version_id: int
) -> QuestionnaireVersion:
    version = await session.get(QuestionnaireVersion, version_id)
    if version is None or (
        version.caisse_code is not None and not scope.allows(version.caisse_code)
    ):
        raise NotFound(
            "Version de questionnaire introuvable.", code="questionnaire.version_not_found"
        )
    return version


async def own_questions(session: AsyncSession, version_id: int) -> list[Question]:
    return list(
        await session.scalars(
            select(Question).where(Question.version_id == version_id).order_by(Question.position)
        )
    )


async def questions_asked(
    session: AsyncSession, version: QuestionnaireVersion
) -> list[tuple[Question, bool]]:
    """Every question of the version in order, each with whether it is a national one."""
    national = (
        []
        if version.base_version_id is None
        else await own_questions(session, version.base_version_id)
    )
    own = await own_questions(session, version.id)
    regional = version.caisse_code is not None
    return [(q, True) for q in national] + [(q, not regional) for q in own]


def question_read(question: Question, national: bool) -> QuestionRead:
    return QuestionRead.model_validate(
        {
            **{c: getattr(question, c) for c in ("id", "key", "position", "type", "label")},
            "required": question.required,
            "options": question.options,
            "national": national,
        }
    )


async def version_read(session: AsyncSession, version: QuestionnaireVersion) -> VersionRead:
    return VersionRead(
        **VersionSummary.model_validate(version).model_dump(),
        introduction=version.introduction,
        questions=[question_read(q, n) for q, n in await questions_asked(session, version)],
    )


async def _published(session: AsyncSession, caisse_code: str | None) -> QuestionnaireVersion | None:
    owner = (
        QuestionnaireVersion.caisse_code.is_(None)
        if caisse_code is None
        else QuestionnaireVersion.caisse_code == caisse_code
    )
    return await session.scalar(
        select(QuestionnaireVersion).where(
            owner, QuestionnaireVersion.status == VersionStatus.PUBLISHED
        )
    )


async def published_national(session: AsyncSession) -> QuestionnaireVersion:
    national = await _published(session, None)
    if national is None:
        raise Conflict(
            "Aucun questionnaire national n'est publié.", code="questionnaire.none_published"
        )
    return national


def _ensure_editable(principal: Principal, version: QuestionnaireVersion) -> None:
    if version.caisse_code != _owner(principal):
        raise Forbidden(
            "Seul le national modifie le modèle national ; une caisse modifie ses propres "
            "questions.",
            code="questionnaire.national_only",
        )
    if version.status != VersionStatus.DRAFT:
        raise Conflict(
            f"La version {version.number} est {version.status} : une version publiée ne change "
            "plus ; créez un nouveau brouillon.",
            code="questionnaire.version_frozen",
        )


async def create_draft(
    session: AsyncSession, principal: Principal, body: VersionCreate
) -> QuestionnaireVersion:
    caisse = _owner(principal)
    owner = (
        QuestionnaireVersion.caisse_code.is_(None)
        if caisse is None
        else QuestionnaireVersion.caisse_code == caisse
    )
    versions = list(
        await session.scalars(
            select(QuestionnaireVersion)
            .where(owner)
            .order_by(QuestionnaireVersion.number.desc())
            .with_for_update()
        )
    )
    if any(v.status == VersionStatus.DRAFT for v in versions):
        raise Conflict(
            "Un brouillon existe déjà : modifiez-le ou publiez-le d'abord.",
            code="questionnaire.draft_exists",
        )
    latest = versions[0] if versions else None
    base = None if caisse is None else await published_national(session)
    default_title = NATIONAL_TITLE if caisse is None else f"Questions régionales — {caisse}"
    draft = QuestionnaireVersion(
        caisse_code=caisse,
        base_version_id=base.id if base else None,
        number=(latest.number + 1) if latest else 1,
        title=body.title or (latest.title if latest else default_title),
        introduction=body.introduction
        if body.introduction is not None
        else (latest.introduction if latest else ""),
        status=VersionStatus.DRAFT.value,
        created_by=principal.subject,
    )
    session.add(draft)
    await session.flush()
    if latest is not None:
        for question in await own_questions(session, latest.id):
            session.add(
                Question(
                    version_id=draft.id,
                    **{
                        c: getattr(question, c)
                        for c in ("position", "key", "type", "label", "required", "options")
                    },
                )
            )
        await session.flush()
    return draft


async def update_version(
    session: AsyncSession, principal: Principal, version: QuestionnaireVersion, body: VersionUpdate
) -> QuestionnaireVersion:
    _ensure_editable(principal, version)
    for name, value in body.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(version, name, value)
    await session.flush()
    return version


async def _national_keys(session: AsyncSession, version: QuestionnaireVersion) -> set[str]:
    if version.base_version_id is None:
        return set()
    return {q.key for q in await own_questions(session, version.base_version_id)}


async def add_question(
    session: AsyncSession, principal: Principal, version: QuestionnaireVersion, body: QuestionCreate
) -> Question:
    _ensure_editable(principal, version)
    existing = await own_questions(session, version.id)
    prefix = "q" if version.caisse_code is None else "r"
    key = body.key or f"{prefix}_{secrets.token_hex(4)}"
    taken = {q.key for q in existing} | await _national_keys(session, version)
    if key in taken:
        raise Unprocessable(
            f"La clé « {key} » est déjà utilisée dans ce questionnaire.",
            code="questionnaire.duplicate_key",
            errors=[FieldError(field="key", location="body", message="déjà utilisée")],
        )
    question = Question(
        version_id=version.id,
        position=max((q.position for q in existing), default=0) + 1,
        key=key,
        **body.model_dump(exclude={"key"}),
    )
    session.add(question)
    await session.flush()
    return question


async def _question(
    session: AsyncSession, version: QuestionnaireVersion, question_id: int
) -> Question:
    question = await session.get(Question, question_id)
    if question is None or question.version_id != version.id:
        raise NotFound(
            "Question introuvable dans cette version.", code="questionnaire.question_not_found"
        )
    return question


async def replace_question(
    session: AsyncSession,
    principal: Principal,
    version: QuestionnaireVersion,
    question_id: int,
    body: QuestionFields,
) -> Question:
    _ensure_editable(principal, version)
    question = await _question(session, version, question_id)
    for name, value in body.model_dump().items():
        setattr(question, name, value)
    await session.flush()
    return question


async def delete_question(
    session: AsyncSession, principal: Principal, version: QuestionnaireVersion, question_id: int
) -> None:
    _ensure_editable(principal, version)
    question = await _question(session, version, question_id)
    await session.delete(question)
    await session.flush()
    for position, remaining in enumerate(await own_questions(session, version.id), start=1):
        remaining.position = position
    await session.flush()


async def publish(
    session: AsyncSession, principal: Principal, version: QuestionnaireVersion
) -> QuestionnaireVersion:
    """The draft becomes what people answer; the version it replaces is retired. A regional
    version extends the national version published at that moment."""
    _ensure_editable(principal, version)
    if not await own_questions(session, version.id) and version.caisse_code is None:
        raise Conflict(
            "Le modèle national ne peut pas être publié sans questions.", code="questionnaire.empty"
        )
    if version.caisse_code is not None:
        base = await published_national(session)
        version.base_version_id = base.id
        own_keys = {q.key for q in await own_questions(session, version.id)}
        if clash := own_keys & await _national_keys(session, version):
            raise Conflict(
                f"Des clés régionales reprennent des clés nationales : {sorted(clash)}.",
                code="questionnaire.key_clash",
            )
    previous = await _published(session, version.caisse_code)
    if previous is not None:
        previous.status = VersionStatus.RETIRED.value
        await session.flush()
    version.status = VersionStatus.PUBLISHED.value
    version.published_at = func.now()
    await session.flush()
    await session.refresh(version)
    return version


async def retire(
    session: AsyncSession, principal: Principal, version: QuestionnaireVersion
) -> QuestionnaireVersion:
    if version.caisse_code != _owner(principal):
        raise Forbidden(
            "Seul le propriétaire de la version la retire.", code="questionnaire.owner_only"
        )
    if version.status != VersionStatus.PUBLISHED:
        raise Conflict(
            f"Seule une version publiée se retire ; celle-ci est {version.status}.",
            code="questionnaire.not_published",
        )
    await session.execute(
        update(QuestionnaireVersion)
        .where(QuestionnaireVersion.id == version.id)
        .values(status=VersionStatus.RETIRED.value)
    )
    await session.refresh(version)
    return version


async def questions_by_id(session: AsyncSession, ids: Sequence[int]) -> dict[int, Question]:
    return {q.id: q for q in await session.scalars(select(Question).where(Question.id.in_(ids)))}
