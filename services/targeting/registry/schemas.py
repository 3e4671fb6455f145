from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from services.targeting.registry.models import PersonStatus, ProfessionalGroup


class ImportMode(StrEnum):
    """``all_or_nothing``: one bad row and nothing is written; ``keep_valid``: the valid rows
    are written and the bad ones reported."""

    ALL_OR_NOTHING = "all_or_nothing"
    KEEP_VALID = "keep_valid"


class PersonIn(BaseModel):
    """One person of a JSON batch; the registry's exchange format (see ``columns.py``)."""

    model_config = ConfigDict(extra="forbid")

    nir: str = Field(min_length=1, max_length=30)
    last_name: str = Field(min_length=1, max_length=100)
    first_name: str = Field(min_length=1, max_length=100)
    sex: int
    birth_date: date
    email: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=20)
    address_line: str | None = Field(default=None, max_length=200)
    postcode: str | None = Field(default=None, max_length=10)
    city: str | None = Field(default=None, max_length=100)
    caisse_code: str = Field(max_length=20)
    professional_group: ProfessionalGroup
    activity_code: str | None = Field(default=None, max_length=6)
    professional_category: str | None = Field(default=None, max_length=60)
    status: PersonStatus
    auto_entrepreneur: bool = False
    business_created_on: date | None = None
    affiliated_on: date | None = None
    validated_quarters: int = Field(ge=0, le=400)
    required_quarters: int = Field(ge=1, le=400)
    conjoint_collaborateur: bool = False
    cross_border: bool = False
    eirl: bool = False
    invalidity_pension: bool = False
    contact_opt_out: bool = False


MAX_BATCH = 5000


class PersonBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: ImportMode = ImportMode.ALL_OR_NOTHING
    persons: Annotated[list[PersonIn], Field(min_length=1, max_length=MAX_BATCH)]


class RowError(BaseModel):
    line: int = Field(description="CSV line number (header is line 1), or batch index + 1.")
    field: str
    message: str


class ImportReport(BaseModel):
    mode: ImportMode
    rows: int
    valid: int
    rejected: int
    inserted: int
    updated: int
    unchanged: int
    written: bool = Field(description="False when all-or-nothing met a bad row.")
    message: str


class BatchReport(ImportReport):
    errors: list[RowError]


class PersonSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    last_name: str
    first_name: str
    birth_date: date
    caisse_code: str
    professional_group: ProfessionalGroup
    status: PersonStatus
    postcode: str | None
    city: str | None
    # What a meeting's target looks at, shown when registering someone.
    professional_category: str | None
    auto_entrepreneur: bool


class PersonContactDetails(BaseModel):
    """What writing to a person needs, without NIR or career (scope
    ``targeting:contact-details``)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    sex: int = Field(description="1 man, 2 woman: the salutation.")
    last_name: str
    first_name: str
    address_line: str | None
    postcode: str | None
    city: str | None
    email: str | None
    phone: str | None
    caisse_code: str
    contact_opt_out: bool


class PersonFile(PersonSummary):
    nir: str
    sex: int
    email: str | None
    phone: str | None
    address_line: str | None
    activity_code: str | None
    business_created_on: date | None
    affiliated_on: date | None
    validated_quarters: int
    required_quarters: int
    incomplete_career: bool
    conjoint_collaborateur: bool
    cross_border: bool
    eirl: bool
    invalidity_pension: bool
    contact_opt_out: bool
    last_contacted_on: date | None


class PersonSearch(BaseModel):
    """Search criteria travel in the body: a NIR never goes into a URL."""

    model_config = ConfigDict(extra="forbid")

    nir: str | None = Field(default=None, max_length=30)
    name: str | None = Field(default=None, min_length=2, max_length=100)
    caisse_code: str | None = Field(default=None, max_length=20)
    purpose: str | None = Field(
        default=None, max_length=200, description="Why (for the audit log)."
    )


class PersonNamesQuery(BaseModel):
    """Whose names another service shows (an agenda, a worklist): ids only, at most 500."""

    model_config = ConfigDict(extra="forbid")

    person_ids: list[int] = Field(min_length=1, max_length=500)
    purpose: str | None = Field(default=None, max_length=200, description="Why (for the audit).")


class PersonName(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    first_name: str
    last_name: str


class OppositionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    contact_opt_out: bool


class ContactRecency(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person_id: int
    contacted_on: date


class ContactRecencyBatch(BaseModel):
    """Contacts reported by the interviews service (see targets/service.py for why)."""

    model_config = ConfigDict(extra="forbid")

    contacts: Annotated[list[ContactRecency], Field(min_length=1, max_length=10_000)]


class ContactRecencyReport(BaseModel):
    updated: int


class ProfessionalCategoryRead(BaseModel):
    name: str
    group: ProfessionalGroup
    has_risk_information: bool = Field(
        description="Professional-risk information exists: trade-show meetings are allowed."
    )
