from datetime import datetime
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from services.surveys.questionnaires.models import QuestionType, VersionStatus

Option = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
CHOICE_TYPES = frozenset({QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE})


class QuestionFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: QuestionType
    label: str = Field(min_length=1, max_length=500)
    required: bool = True
    options: list[Option] = Field(
        default_factory=list, max_length=20, description="The choices (choice questions only)."
    )

    @model_validator(mode="after")
    def _options_fit_the_type(self) -> Self:
        if self.type in CHOICE_TYPES:
            if len(self.options) < 2:
                raise ValueError("une question à choix demande au moins deux options")
            if len(set(self.options)) != len(self.options):
                raise ValueError("les options doivent être distinctes")
        elif self.options:
            raise ValueError(f"une question {self.type} n'a pas d'options")
        return self


class QuestionCreate(QuestionFields):
    key: str | None = Field(
        default=None,
        pattern=r"^[a-z][a-z0-9_]{0,39}$",
        description="Stable key, kept by later versions (generated when absent).",
    )


class QuestionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    key: str
    position: int
    type: QuestionType
    label: str
    required: bool
    options: list[str]
    national: bool = Field(description="Part of the national model (consolidated nationally).")


class VersionCreate(BaseModel):
    """A new draft: a copy of the owner's latest version (the national model for the national
    office, the caller's caisse's regional questions for a manager)."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=200)
    introduction: str | None = Field(default=None, max_length=2000)


class VersionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=200)
    introduction: str | None = Field(default=None, max_length=2000)


class VersionSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    caisse_code: str | None = Field(description="NULL: the national model.")
    base_version_id: int | None
    number: int
    title: str
    status: VersionStatus
    created_at: datetime
    published_at: datetime | None


class VersionRead(VersionSummary):
    introduction: str
    questions: list[QuestionRead] = Field(
        description="What is asked, in order: the national questions first."
    )
