from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from services.surveys.questionnaires.models import QuestionType

AnswerValue = int | bool | str | list[str] | None


class QuestionToAnswer(BaseModel):
    key: str
    type: QuestionType
    label: str
    required: bool
    options: list[str]


class AnswerForm(BaseModel):
    """What the person sees: the questionnaire, nothing personal."""

    title: str
    introduction: str
    caisse_code: str
    expires_at: datetime
    questions: list[QuestionToAnswer]


class AnswerSubmission(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, AnswerValue] = Field(
        max_length=100,
        description="By question key: 1-5 (scale), true/false (yes/no), an option (single "
        "choice), a list of options (multiple choice), text (free text).",
    )


class AnswerReceipt(BaseModel):
    answered_at: datetime
