from datetime import date
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
    mean: float | None = Field(description="Mean score of a 1-5 scale question.")
    distribution: list[ValueCount]


class Results(BaseModel):
    links_issued: int
    responses: int
    response_rate: float | None
    questions: list[QuestionResult]


class Comment(BaseModel):
    question_key: str
    question_label: str
    text: str
    answered_on: date
    caisse_code: str
    action_id: int | None
    channel: str | None


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
