"""The national kit « Politique de contact »: documents the national office publishes in
versions, attaches to the socle's actions as their tools, and caisses adapt locally."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class KitCategory(StrEnum):
    """The circular's kit (§III.4)."""

    BILAN = "bilan"
    QUESTIONNAIRE = "questionnaire"
    INTERVIEW_GUIDE = "interview_guide"
    LETTER_MODEL = "letter_model"
    COMMUNICATION = "communication"
    QUERIES = "queries"
    SLIDESHOW = "slideshow"
    SCRIPT = "script"
    CATALOGUE = "catalogue"
    OTHER = "other"


class KitDocument(Base):
    __tablename__ = "targeting_kit_document"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20))
    # Whether a caisse may attach its own adaptation beside it (a letter model, a slideshow).
    adaptable: Mapped[bool]
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class StoredKitFile:
    """What every stored kit file records: where it is and what it is."""

    file_key: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(120))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))


class KitVersion(StoredKitFile, Base):
    """A published version: never changed nor deleted afterwards (caisses keep the old ones)."""

    __tablename__ = "targeting_kit_version"
    __table_args__ = (
        UniqueConstraint("document_id", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("targeting_kit_document.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(SmallInteger)
    changes: Mapped[str] = mapped_column(Text)
    published_by: Mapped[str] = mapped_column(String(120))
    published_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), index=True
    )


class KitActionTool(Base):
    """A kit document used as a tool of an action of the socle."""

    __tablename__ = "targeting_kit_action_tool"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("targeting_kit_document.id", ondelete="CASCADE"), primary_key=True
    )
    action_id: Mapped[int] = mapped_column(
        ForeignKey("targeting_policy_action.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class KitAdaptation(StoredKitFile, Base):
    """A caisse's local adaptation of a document: its latest upload replaces the previous."""

    __tablename__ = "targeting_kit_adaptation"
    __table_args__ = (UniqueConstraint("document_id", "caisse_code"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("targeting_kit_document.id", ondelete="CASCADE")
    )
    caisse_code: Mapped[str] = mapped_column(ForeignKey("targeting_caisse.code"))
    based_on_version: Mapped[int] = mapped_column(SmallInteger)
    uploaded_by: Mapped[str] = mapped_column(String(120))
    uploaded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
