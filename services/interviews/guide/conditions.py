"""When a section of the guide applies: a small declarative language over the person's
profile, stored as JSON with each section, so the national office edits it as data.

    {"always": true}
    {"field": "auto_entrepreneur", "equals": true}
    {"field": "age", "min": 45}
    {"all": [...]}, {"any": [...]}, {"not": {...}}
"""

from dataclasses import dataclass
from datetime import date
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.interviews.gateways import Person

FlagField = Literal[
    "auto_entrepreneur",
    "conjoint_collaborateur",
    "incomplete_career",
    "eirl",
    "invalidity_pension",
    "cross_border",
]
ChoiceField = Literal["status", "professional_group", "action_code"]
NumberField = Literal["age"]
_FLAGS = set(FlagField.__args__)  # type: ignore[attr-defined]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Always(_Strict):
    always: Literal[True]


class Equals(_Strict):
    field: FlagField | ChoiceField
    equals: bool | str

    @model_validator(mode="after")
    def _value_fits_field(self) -> Self:
        if (self.field in _FLAGS) != isinstance(self.equals, bool):
            kind = "true or false" if self.field in _FLAGS else "a text value"
            raise ValueError(f"{self.field} se compare à {kind}")
        return self


class Between(_Strict):
    field: NumberField
    min: int | None = Field(default=None, ge=0, le=150)
    max: int | None = Field(default=None, ge=0, le=150)

    @model_validator(mode="after")
    def _has_a_bound(self) -> Self:
        if self.min is None and self.max is None:
            raise ValueError("donnez min, max ou les deux")
        return self


class AllOf(_Strict):
    all: list["Condition"] = Field(min_length=1, max_length=20)


class AnyOf(_Strict):
    any: list["Condition"] = Field(min_length=1, max_length=20)


class NotOf(_Strict):
    not_: "Condition" = Field(alias="not")


Condition = Always | Equals | Between | AllOf | AnyOf | NotOf


@dataclass(frozen=True)
class Profile:
    """What the guide may look at: the registry's file of the person, and the action."""

    status: str
    professional_group: str
    action_code: str
    age: int
    auto_entrepreneur: bool
    conjoint_collaborateur: bool
    incomplete_career: bool
    eirl: bool
    invalidity_pension: bool
    cross_border: bool

    @classmethod
    def of(cls, person: Person, action_code: str, today: date) -> Self:
        born = person.birth_date
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        return cls(
            status=person.status,
            professional_group=person.professional_group,
            action_code=action_code,
            age=age,
            **person.model_dump(include=_FLAGS),
        )


def applies(condition: Condition, profile: Profile) -> bool:
    match condition:
        case Always():
            return True
        case Equals(field=field, equals=value):
            return bool(getattr(profile, field) == value)
        case Between(field=field, min=low, max=high):
            number: int = getattr(profile, field)
            return (low is None or number >= low) and (high is None or number <= high)
        case AllOf(all=parts):
            return all(applies(part, profile) for part in parts)
        case AnyOf(any=parts):
            return any(applies(part, profile) for part in parts)
        case NotOf(not_=part):
            return not applies(part, profile)
    raise AssertionError(condition)
