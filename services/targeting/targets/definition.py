"""Target definitions: a declarative filter on the registry plus a priority order.

A definition is data (stored with each action, frozen into each list), validated strictly:
an unknown criterion or an impossible value is a 422 naming the field. It compiles to one SQL
predicate and one ``CASE`` giving each person's priority group (1 = contact first).
"""

from datetime import date
from typing import Annotated, Any, Literal, Protocol, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    model_serializer,
    model_validator,
)
from sqlalchemy import ColumnElement, and_, case, literal, true

from services.targeting.registry.models import InsuredPerson, PersonStatus, ProfessionalGroup

Year = Annotated[int, Field(ge=1900, le=2100)]
Category = Annotated[str, StringConstraints(min_length=1, max_length=60, strip_whitespace=True)]
ActivityCode = Annotated[str, StringConstraints(pattern=r"^\d{4}[A-Z]$")]
CaisseCode = Annotated[str, StringConstraints(min_length=1, max_length=20)]
MAX_VALUES = 200


class YearRange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: Year
    end: Year

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start > self.end:
            raise ValueError("start ne doit pas suivre end")
        return self


class DateRange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start > self.end:
            raise ValueError("start ne doit pas suivre end")
        return self


class TargetFilter(BaseModel):
    """Criteria combined with AND; a list criterion matches any of its values."""

    model_config = ConfigDict(extra="forbid")

    birth_years: Annotated[list[Year], Field(min_length=1, max_length=MAX_VALUES)] | None = None
    birth_year_range: YearRange | None = None
    sexes: Annotated[list[Literal[1, 2]], Field(min_length=1, max_length=2)] | None = None
    statuses: Annotated[list[PersonStatus], Field(min_length=1, max_length=3)] | None = None
    professional_groups: (
        Annotated[list[ProfessionalGroup], Field(min_length=1, max_length=3)] | None
    ) = None
    auto_entrepreneur: bool | None = None
    created_between: DateRange | None = None
    affiliated_between: DateRange | None = None
    professional_categories: (
        Annotated[list[Category], Field(min_length=1, max_length=MAX_VALUES)] | None
    ) = None
    activity_codes: (
        Annotated[list[ActivityCode], Field(min_length=1, max_length=MAX_VALUES)] | None
    ) = None
    incomplete_career: bool | None = None
    caisses: Annotated[list[CaisseCode], Field(min_length=1, max_length=MAX_VALUES)] | None = None
    cross_border: bool | None = None
    conjoint_collaborateur: bool | None = None

    @model_serializer(mode="wrap")
    def _only_given_criteria(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """A filter reads as the criteria it has: absent ones are left out, not null."""
        return {key: value for key, value in handler(self).items() if value is not None}

    def is_empty(self) -> bool:
        return not self.model_dump()


class PriorityGroup(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str = Field(min_length=1, max_length=100)
    criteria: TargetFilter

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if self.criteria.is_empty():
            raise ValueError("un groupe prioritaire demande au moins un critère")
        return self


class TargetDefinition(BaseModel):
    """Who an action targets, and in which order to contact them. People matching none of
    the priority groups come last."""

    model_config = ConfigDict(extra="forbid")

    filter: TargetFilter
    priorities: Annotated[list[PriorityGroup], Field(max_length=10)] = []

    def group_labels(self) -> list[str]:
        return [group.label for group in self.priorities] + ["Autres"]


class DateRangeColumn(Protocol):
    def __call__(self, source: Any, column: str, dates: DateRange) -> ColumnElement[bool]: ...


def _between_dates(source: Any, column: str, dates: DateRange) -> ColumnElement[bool]:
    between: ColumnElement[bool] = getattr(source, column).between(dates.start, dates.end)
    return between


def filter_predicate(
    criteria: TargetFilter,
    source: Any = InsuredPerson,
    date_range: DateRangeColumn = _between_dates,
) -> ColumnElement[bool]:
    """The criteria as a predicate on ``source``: the registry, or anything naming its columns
    alike (the registry counts, whose dates are years: they bring their own ``date_range``)."""
    p = source
    clauses: list[ColumnElement[bool]] = []
    if criteria.birth_years:
        clauses.append(p.birth_year.in_(criteria.birth_years))
    if criteria.birth_year_range:
        clauses.append(
            p.birth_year.between(criteria.birth_year_range.start, criteria.birth_year_range.end)
        )
    if criteria.sexes:
        clauses.append(p.sex.in_(criteria.sexes))
    if criteria.statuses:
        clauses.append(p.status.in_([s.value for s in criteria.statuses]))
    if criteria.professional_groups:
        clauses.append(p.professional_group.in_([g.value for g in criteria.professional_groups]))
    if criteria.created_between:
        clauses.append(date_range(p, "business_created_on", criteria.created_between))
    if criteria.affiliated_between:
        clauses.append(date_range(p, "affiliated_on", criteria.affiliated_between))
    if criteria.professional_categories:
        clauses.append(p.professional_category.in_(criteria.professional_categories))
    if criteria.activity_codes:
        clauses.append(p.activity_code.in_(criteria.activity_codes))
    if criteria.caisses:
        clauses.append(p.caisse_code.in_(criteria.caisses))
    for flag in (
        "auto_entrepreneur",
        "incomplete_career",
        "cross_border",
        "conjoint_collaborateur",
    ):
        value = getattr(criteria, flag)
        if value is not None:
            clauses.append(getattr(p, flag).is_(value))
    return and_(true(), *clauses)


def priority_group(
    definition: TargetDefinition,
    source: Any = InsuredPerson,
    date_range: DateRangeColumn = _between_dates,
) -> ColumnElement[int]:
    """1 for the first priority group a person matches, …, ``len(priorities) + 1`` for none."""
    if not definition.priorities:
        return literal(1)
    whens = [
        (filter_predicate(group.criteria, source, date_range), index)
        for index, group in enumerate(definition.priorities, 1)
    ]
    return case(*whens, else_=len(definition.priorities) + 1)
