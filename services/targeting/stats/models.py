from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Identity,
    Index,
    Integer,
    SmallInteger,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class RegistryGeneration(Base):
    """One row, incremented by a trigger in the transaction of every statement that changes
    who the registry holds or what targeting reads of them (all columns but the contact date,
    which the relay of contacts updates all day). Counts computed at a generation stay true
    until the next one."""

    __tablename__ = "targeting_registry_generation"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    generation: Mapped[int] = mapped_column(BigInteger, default=0)


class RegistryCount(Base):
    """People of the registry counted by the dimensions target definitions filter on, so
    that a count answers from a few thousand rows instead of a scan of millions.

    Each ``cube`` groups by a subset of the dimensions (see :mod:`.aggregate`; its id is the
    SQL ``GROUPING()`` mask of the dimensions it does *not* group by); a dimension a cube does
    not group by is NULL. Rows are deltas: statement triggers on the registry append, in the
    changing statement's transaction, the signed counts of the people it added, removed or
    changed; ``compact`` folds them. A count is therefore always ``sum(people)``, exact at any
    snapshot. ``settled`` marks the rows written by the last compaction."""

    __tablename__ = "targeting_registry_count"
    __table_args__ = (
        Index("ix_targeting_registry_count_cube_caisse", "cube", "caisse_code"),
        # The most selective criterion of each cube (two birth years among seventy, a trade
        # among twenty-five, a creation year among fifty).
        Index("ix_targeting_registry_count_cube_birth_year", "cube", "birth_year"),
        Index(
            "ix_targeting_registry_count_cube_professional_category",
            "cube",
            "professional_category",
        ),
        Index(
            "ix_targeting_registry_count_cube_business_created_year",
            "cube",
            "business_created_year",
        ),
        Index("ix_targeting_registry_count_unsettled", "id", postgresql_where=text("NOT settled")),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    cube: Mapped[int] = mapped_column(SmallInteger)
    caisse_code: Mapped[str] = mapped_column(String(20))
    contact_opt_out: Mapped[bool]
    birth_year: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[int | None] = mapped_column(SmallInteger)
    status: Mapped[str | None] = mapped_column(String(12))
    professional_group: Mapped[str | None] = mapped_column(String(12))
    professional_category: Mapped[str | None] = mapped_column(String(60))
    business_created_year: Mapped[int | None] = mapped_column(Integer)
    affiliated_year: Mapped[int | None] = mapped_column(Integer)
    auto_entrepreneur: Mapped[bool | None]
    incomplete_career: Mapped[bool | None]
    cross_border: Mapped[bool | None]
    conjoint_collaborateur: Mapped[bool | None]
    people: Mapped[int] = mapped_column(BigInteger)
    settled: Mapped[bool] = mapped_column(default=False, server_default="false")
