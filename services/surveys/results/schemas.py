from typing import Literal

from pydantic import BaseModel, Field

from services.surveys.questionnaires.models import QuestionType

ContactChannel = Literal["in_person", "phone", "collective", "letter"]


class ValueCount(BaseModel):
    value: str = Field(description="1-5 (scale), yes/no, or the option chosen.")
    count: int
    share: float | None = Field(description="count / respondents to the question.")


class QuestionResult(BaseModel):
    key: str
    label: str
    type: QuestionType
    national: bool
    answered: int = Field(description="Respondents who answered this question.")
    masked: bool = Field(
        default=False,
        description="Fewer answers than min_answers: mean and distribution are withheld.",
    )
    mean: float | None = Field(description="Mean score of a 1-5 scale question.")
    distribution: list[ValueCount]


class Results(BaseModel):
    links_issued: int
    responses: int
    response_rate: float | None
    min_answers: int = Field(
        default=1, description="The national minimum of answers below which a cell is hidden."
    )
    questions: list[QuestionResult]


class Comment(BaseModel):
    """A free-text answer, without its date, channel or anything else that could point at the
    person; only the questions with at least min_answers answers have theirs shown."""

    question_key: str
    question_label: str
    text: str
    caisse_code: str
    action_id: int | None


class CaisseComparison(BaseModel):
    caisse_code: str
    links_issued: int
    responses: int
    response_rate: float | None
    masked: bool = Field(description="Fewer responses than min_answers: the scores are withheld.")
    overall_satisfaction_mean: float | None
    satisfied_share: float | None


class CaisseComparisonPage(BaseModel):
    min_answers: int
    items: list[CaisseComparison]


class SurveyStats(BaseModel):
    caisse_code: str
    action_id: int | None
    links_issued: int
    responses: int
    response_rate: float | None
    overall_satisfaction_mean: float | None
    satisfied_share: float | None


class SurveyStatsPage(BaseModel):
    items: list[SurveyStats]
