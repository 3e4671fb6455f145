"""The insured-person registry and its import jobs."""

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Computed,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    SmallInteger,
    String,
    func,
    literal_column,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base
from services.shared.jobs import JobColumns


class ProfessionalGroup(StrEnum):
    ARTISAN = "artisan"
    COMMERCANT = "commercant"
    LIBERAL = "liberal"


class PersonStatus(StrEnum):
    ACTIVE = "active"
    RETIRED = "retired"
    STRUCK_OFF = "struck_off"


class InsuredPerson(Base):
    __tablename__ = "targeting_insured_person"
    __table_args__ = (
        CheckConstraint("sex IN (1, 2)", name="sex"),
        CheckConstraint(
            "professional_group IN ('artisan', 'commercant', 'liberal')", name="professional_group"
        ),
        CheckConstraint("status IN ('active', 'retired', 'struck_off')", name="status"),
        CheckConstraint(
            "validated_quarters >= 0 AND required_quarters > 0", name="quarters_positive"
        ),
        Index("ix_targeting_insured_person_caisse_birth_year", "caisse_code", "birth_year"),
        # Name search is a case-insensitive prefix match within a caisse.
        Index(
            "ix_targeting_insured_person_caisse_name",
            "caisse_code",
            func.lower(literal_column("last_name")).label("last_name_lower"),
            postgresql_ops={"last_name_lower": "text_pattern_ops"},
        ),
        Index("ix_targeting_insured_person_created_on", "business_created_on"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    nir: Mapped[str] = mapped_column(String(15), unique=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    sex: Mapped[int] = mapped_column(SmallInteger)
    birth_date: Mapped[date] = mapped_column(Date)
    birth_year: Mapped[int] = mapped_column(
        Integer, Computed("EXTRACT(YEAR FROM birth_date)::integer", persisted=True)
    )
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    address_line: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(100))
    caisse_code: Mapped[str] = mapped_column(ForeignKey("targeting_caisse.code"))
    professional_group: Mapped[str] = mapped_column(String(12))
    activity_code: Mapped[str | None] = mapped_column(String(6))
    professional_category: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(12))
    auto_entrepreneur: Mapped[bool] = mapped_column(default=False)
    business_created_on: Mapped[date | None] = mapped_column(Date)
    affiliated_on: Mapped[date | None] = mapped_column(Date)
    validated_quarters: Mapped[int] = mapped_column(SmallInteger)
    required_quarters: Mapped[int] = mapped_column(SmallInteger)
    incomplete_career: Mapped[bool] = mapped_column(
        Computed("validated_quarters < required_quarters", persisted=True)
    )
    conjoint_collaborateur: Mapped[bool] = mapped_column(default=False)
    cross_border: Mapped[bool] = mapped_column(default=False)
    # Entrepreneur individuel à responsabilité limitée (a legal form since 2011).
    eirl: Mapped[bool] = mapped_column(default=False, server_default="false")
    invalidity_pension: Mapped[bool] = mapped_column(default=False, server_default="false")
    contact_opt_out: Mapped[bool] = mapped_column(default=False)
    # Projection of the interviews service's contact history, fed over HTTP (see
    # targets/service.py): the recency exclusion of a list is then a plain SQL predicate.
    last_contacted_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class TargetingJob(JobColumns, Base):
    __tablename__ = "targeting_job"


class ImportRowError(Base):
    """One refused row of an import: the line, the field and why (never the value)."""

    __tablename__ = "targeting_import_error"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    job_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("targeting_job.id", ondelete="CASCADE"), index=True
    )
    line: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(String(300))
