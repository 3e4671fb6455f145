"""The national kit: documents, their versions (files in the storage), the actions they are
tools of, and caisses' local adaptations."""

import hashlib
from collections import defaultdict
from datetime import datetime
from typing import BinaryIO

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import CaisseScope, Principal
from services.shared.errors import Conflict, FieldError, NotFound, Unprocessable
from services.shared.storage import Storage
from services.targeting.kit.formats import KitFormat, RefusedFile, recognise
from services.targeting.kit.models import (
    KitActionTool,
    KitAdaptation,
    KitCategory,
    KitDocument,
    KitVersion,
)
from services.targeting.kit.schemas import (
    AdaptationRead,
    KitDocumentCreate,
    KitDocumentDetail,
    KitDocumentRead,
    KitNews,
    KitVersionRead,
)
from services.targeting.policy.models import PolicyAction

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_CHANGES_CHARS = 2000
NEWS_LIMIT = 100


async def create_document(
    session: AsyncSession, principal: Principal, body: KitDocumentCreate
) -> KitDocumentRead:
    if await session.scalar(select(KitDocument.id).where(KitDocument.code == body.code)):
        raise Conflict(
            f"Un document du kit porte déjà le code « {body.code} ».", code="kit.conflict"
        )
    document = KitDocument(**body.model_dump(mode="json"), created_by=principal.subject)
    session.add(document)
    await session.flush()
    return (await _reads(session, CaisseScope(None), [document]))[0]


async def list_documents(session: AsyncSession, scope: CaisseScope) -> list[KitDocumentRead]:
    documents = list(await session.scalars(select(KitDocument).order_by(KitDocument.code)))
    return await _reads(session, scope, documents)


async def get_document(
    session: AsyncSession, scope: CaisseScope, document_id: int
) -> KitDocumentDetail:
    document = await _document(session, document_id)
    (read,) = await _reads(session, scope, [document])
    versions = await session.scalars(
        select(KitVersion)
        .where(KitVersion.document_id == document_id)
        .order_by(KitVersion.version.desc())
    )
    return KitDocumentDetail(
        **read.model_dump(), versions=[KitVersionRead.model_validate(v) for v in versions]
    )


async def publish_version(
    session: AsyncSession,
    storage: Storage,
    principal: Principal,
    document_id: int,
    filename: str,
    upload: BinaryIO,
    changes: str,
) -> KitVersionRead:
    """Stores the file as the document's next version. Old versions stay."""
    document = await _document(session, document_id)
    changes = _changes(changes)
    content, found = _read_upload(filename, upload)
    version = (await _current_version(session, document.id) or 0) + 1
    key = f"kit/{document.id}/v{version}{found.extensions[0]}"
    await storage.put_bytes(key, content, found.media_type)
    row = KitVersion(
        document_id=document.id,
        version=version,
        changes=changes,
        published_by=principal.subject,
        **_stored(key, filename, found, content),
    )
    session.add(row)
    await session.flush()
    await session.refresh(row)
    return KitVersionRead.model_validate(row)


async def set_tools(
    session: AsyncSession, document_id: int, action_ids: list[int]
) -> KitDocumentRead:
    """Makes the document a tool of exactly these actions of the socle."""
    document = await _document(session, document_id)
    wanted = set(action_ids)
    national = set(
        await session.scalars(
            select(PolicyAction.id).where(PolicyAction.id.in_(wanted), PolicyAction.national)
        )
    )
    if unknown := sorted(wanted - national):
        raise Unprocessable(
            f"Ces actions ne sont pas des actions du socle : {', '.join(map(str, unknown))}.",
            errors=[FieldError(field="action_ids", location="body", message="hors du socle")],
            code="kit.invalid",
        )
    await session.execute(delete(KitActionTool).where(KitActionTool.document_id == document.id))
    session.add_all(KitActionTool(document_id=document.id, action_id=a) for a in sorted(wanted))
    await session.flush()
    return (await _reads(session, CaisseScope(None), [document]))[0]


async def tools_of_action(
    session: AsyncSession, scope: CaisseScope, action_id: int
) -> list[KitDocumentRead]:
    documents = list(
        await session.scalars(
            select(KitDocument)
            .join(KitActionTool, KitActionTool.document_id == KitDocument.id)
            .where(KitActionTool.action_id == action_id)
            .order_by(KitDocument.code)
        )
    )
    return await _reads(session, scope, documents)


async def upload_adaptation(
    session: AsyncSession,
    storage: Storage,
    principal: Principal,
    document_id: int,
    filename: str,
    upload: BinaryIO,
) -> AdaptationRead:
    """The caller's caisse's adaptation of a document that allows one (replacing its last)."""
    caisse = principal.caisse_code
    assert caisse is not None  # managers only
    document = await _document(session, document_id)
    if not document.adaptable:
        raise Conflict("Ce document du kit ne s'adapte pas localement.", code="kit.conflict")
    current = await _current_version(session, document.id)
    if current is None:
        raise Conflict(
            "Ce document n'a encore aucune version nationale à adapter.", code="kit.conflict"
        )
    content, found = _read_upload(filename, upload)
    # Named by its content: a new upload never overwrites the file a concurrent one recorded.
    digest = hashlib.sha256(content).hexdigest()[:16]
    key = f"kit/{document.id}/caisse-{caisse.lower()}-{digest}{found.extensions[0]}"
    await storage.put_bytes(key, content, found.media_type)
    adaptation = await session.scalar(
        select(KitAdaptation).where(
            KitAdaptation.document_id == document.id, KitAdaptation.caisse_code == caisse
        )
    )
    if adaptation is None:
        adaptation = KitAdaptation(document_id=document.id, caisse_code=caisse)
        session.add(adaptation)
    for name, value in _stored(key, filename, found, content).items():
        setattr(adaptation, name, value)
    adaptation.based_on_version = current
    adaptation.uploaded_by = principal.subject
    adaptation.uploaded_at = func.now()
    await session.flush()
    await session.refresh(adaptation)
    return _adaptation_read(adaptation, current)


async def version_file(session: AsyncSession, document_id: int, version: int) -> KitVersion:
    row = await session.scalar(
        select(KitVersion).where(
            KitVersion.document_id == document_id, KitVersion.version == version
        )
    )
    if row is None:
        raise NotFound("Version du document introuvable.", code="kit.not_found")
    return row


async def adaptation_file(
    session: AsyncSession, scope: CaisseScope, document_id: int, caisse_code: str
) -> KitAdaptation:
    if not scope.allows(caisse_code):  # another caisse's: not found, and audited so
        raise NotFound("Adaptation locale introuvable.", code="kit.not_found")
    row = await session.scalar(
        select(KitAdaptation).where(
            KitAdaptation.document_id == document_id, KitAdaptation.caisse_code == caisse_code
        )
    )
    if row is None:
        raise NotFound("Adaptation locale introuvable.", code="kit.not_found")
    return row


async def news(session: AsyncSession, since: datetime) -> list[KitNews]:
    """Versions published since ``since`` (the ``NEWS_LIMIT`` newest): what managers are
    told about."""
    rows = await session.execute(
        select(KitVersion, KitDocument)
        .join(KitDocument, KitDocument.id == KitVersion.document_id)
        .where(KitVersion.published_at > since)
        .order_by(KitVersion.published_at.desc())
        .limit(NEWS_LIMIT)
    )
    return [
        KitNews(
            document_id=document.id,
            code=document.code,
            title=document.title,
            version=version.version,
            changes=version.changes,
            published_at=version.published_at,
        )
        for version, document in rows
    ]


def _changes(changes: str) -> str:
    text = changes.strip()
    if not text or len(text) > MAX_CHANGES_CHARS:
        raise Unprocessable(
            f"Dites ce qui change dans cette version (1 à {MAX_CHANGES_CHARS} caractères).",
            errors=[FieldError(field="changes", location="body", message="obligatoire")],
            code="kit.invalid",
        )
    return text


def _read_upload(filename: str, upload: BinaryIO) -> tuple[bytes, KitFormat]:
    """The file's bytes and format; a 422 naming ``file`` if it is empty, too large or of a
    type the kit refuses."""
    content = upload.read(MAX_FILE_BYTES + 1)
    problem = None
    if not content:
        problem = "Le fichier est vide."
    elif len(content) > MAX_FILE_BYTES:
        problem = f"Le fichier dépasse {MAX_FILE_BYTES // (1024 * 1024)} Mo."
    else:
        try:
            return content, recognise(filename, content[:16], content)
        except RefusedFile as refused:
            problem = str(refused)
    raise Unprocessable(
        problem,
        errors=[FieldError(field="file", location="body", message=problem)],
        code="kit.invalid",
    )


def _stored(key: str, filename: str, found: KitFormat, content: bytes) -> dict[str, object]:
    return {
        "file_key": key,
        "filename": filename[-200:],
        "media_type": found.media_type,
        "size_bytes": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }


async def _document(session: AsyncSession, document_id: int) -> KitDocument:
    document = await session.get(KitDocument, document_id)
    if document is None:
        raise NotFound("Document du kit introuvable.", code="kit.not_found")
    return document


async def _current_version(session: AsyncSession, document_id: int) -> int | None:
    return await session.scalar(
        select(func.max(KitVersion.version)).where(KitVersion.document_id == document_id)
    )


def _adaptation_read(adaptation: KitAdaptation, current: int | None) -> AdaptationRead:
    return AdaptationRead.model_validate(
        {
            **{
                name: getattr(adaptation, name)
                for name in AdaptationRead.model_fields
                if name != "outdated"
            },
            "outdated": current is not None and adaptation.based_on_version < current,
        }
    )


async def _reads(
    session: AsyncSession, scope: CaisseScope, documents: list[KitDocument]
) -> list[KitDocumentRead]:
    """The documents with their latest version, actions and the adaptations ``scope`` sees,
    in three queries whatever their number."""
    ids = [document.id for document in documents]
    latest = (
        select(KitVersion.document_id, func.max(KitVersion.version).label("version"))
        .where(KitVersion.document_id.in_(ids))
        .group_by(KitVersion.document_id)
        .subquery()
    )
    current = {
        version.document_id: version
        for version in await session.scalars(
            select(KitVersion).join(
                latest,
                (latest.c.document_id == KitVersion.document_id)
                & (latest.c.version == KitVersion.version),
            )
        )
    }
    actions: defaultdict[int, list[int]] = defaultdict(list)
    for tool in await session.scalars(
        select(KitActionTool)
        .where(KitActionTool.document_id.in_(ids))
        .order_by(KitActionTool.action_id)
    ):
        actions[tool.document_id].append(tool.action_id)
    query = select(KitAdaptation).where(KitAdaptation.document_id.in_(ids))
    if scope.caisse_codes is not None:
        query = query.where(KitAdaptation.caisse_code.in_(scope.caisse_codes))
    adaptations: defaultdict[int, list[AdaptationRead]] = defaultdict(list)
    for adaptation in await session.scalars(query.order_by(KitAdaptation.caisse_code)):
        version = current.get(adaptation.document_id)
        adaptations[adaptation.document_id].append(
            _adaptation_read(adaptation, version.version if version else None)
        )
    return [
        KitDocumentRead(
            id=document.id,
            code=document.code,
            title=document.title,
            description=document.description,
            category=KitCategory(document.category),
            adaptable=document.adaptable,
            current=KitVersionRead.model_validate(current[document.id])
            if document.id in current
            else None,
            action_ids=actions[document.id],
            adaptations=adaptations[document.id],
        )
        for document in documents
    ]
