from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.targeting.kit.models import KitCategory

DocumentCode = Annotated[
    str, StringConstraints(min_length=1, max_length=40, pattern=r"^[A-Z0-9_-]+$")
]


class KitDocumentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: DocumentCode
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=4000)
    category: KitCategory
    adaptable: bool = Field(
        default=False, description="Whether caisses may attach their local adaptation."
    )


class StoredFileRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    filename: str
    media_type: str
    size_bytes: int
    sha256: str


class KitVersionRead(StoredFileRead):
    version: int
    changes: str = Field(description="What changed since the previous version.")
    published_at: datetime


class AdaptationRead(StoredFileRead):
    caisse_code: str
    based_on_version: int
    uploaded_at: datetime
    outdated: bool = Field(description="A newer national version was published since.")


class KitDocumentRead(BaseModel):
    id: int
    code: str
    title: str
    description: str
    category: KitCategory
    adaptable: bool
    current: KitVersionRead | None = Field(description="The latest version; null before any.")
    action_ids: list[int] = Field(description="The actions it is a tool of.")
    adaptations: list[AdaptationRead] = Field(
        description="Local adaptations: the caller's caisse's, or every caisse's for the "
        "national office."
    )


class KitDocumentDetail(KitDocumentRead):
    versions: list[KitVersionRead] = Field(description="Every version, newest first.")


class ToolsUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action_ids: list[int] = Field(max_length=200, description="National actions only.")


class KitNews(BaseModel):
    """A version published since a date: what a caisse's managers are told about."""

    document_id: int
    code: str
    title: str
    version: int
    changes: str
    published_at: datetime
