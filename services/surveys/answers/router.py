"""The public answer endpoints: no account, the personal token is the only key."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path

from services.shared.db import DbSession
from services.shared.errors import problem_responses
from services.surveys.answers import service
from services.surveys.answers.schemas import AnswerForm, AnswerReceipt, AnswerSubmission

router = APIRouter(tags=["answer"], responses=problem_responses(404, 410))
Token = Annotated[str, Path(max_length=200)]


@router.get("/answer/{token}")
async def get_answer_form(token: Token, session: DbSession) -> AnswerForm:
    """The questionnaire behind a personal link (410 once answered or expired)."""
    link = await service.usable_link(session, token, datetime.now(UTC))
    return await service.answer_form(session, link)


@router.post("/answer/{token}")
async def submit_answers(token: Token, body: AnswerSubmission, session: DbSession) -> AnswerReceipt:
    """Submits the answers, once."""
    response = await service.submit(session, token, body.answers, datetime.now(UTC))
    return AnswerReceipt(answered_at=response.answered_at)
