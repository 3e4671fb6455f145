"""Answering through a personal link: checked against the questionnaire, stored once."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import CaisseScope
from services.shared.errors import FieldError, Gone, NotFound, Unprocessable
from services.surveys.answers.models import Answer, Response
from services.surveys.answers.schemas import AnswerForm, AnswerValue, QuestionToAnswer
from services.surveys.campaigns.models import Campaign, Link
from services.surveys.campaigns.service import hash_token
from services.surveys.questionnaires.models import Question, QuestionnaireVersion, QuestionType
from services.surveys.questionnaires.service import get_version, questions_asked

MAX_TEXT = 2000
UNKNOWN = "Ce lien de questionnaire n'existe pas. Vérifiez l'adresse saisie."
ANSWERED = "Ce questionnaire a déjà été rempli : merci de votre participation."
EXPIRED = "Ce lien de questionnaire a expiré : il n'est plus possible d'y répondre."


async def usable_link(session: AsyncSession, token: str, now: datetime) -> Link:
    link = await session.scalar(select(Link).where(Link.token_hash == hash_token(token)))
    if link is None:
        raise NotFound(UNKNOWN, code="survey.link_not_found")
    if link.answered_at is not None:
        raise Gone(ANSWERED, code="survey.already_answered")
    if link.expires_at <= now:
        raise Gone(EXPIRED, code="survey.link_expired")
    return link


@dataclass(frozen=True)
class _Questionnaire:
    campaign: Campaign
    version: QuestionnaireVersion
    questions: list[Question]


async def _questionnaire(session: AsyncSession, link: Link) -> _Questionnaire:
    """What the link's campaign asks (the version, whatever its status since)."""
    campaign = await session.get(Campaign, link.campaign_id)
    assert campaign is not None
    version = await get_version(session, CaisseScope(None), campaign.questionnaire_version_id)
    questions = [q for q, _ in await questions_asked(session, version)]
    return _Questionnaire(campaign, version, questions)


async def answer_form(session: AsyncSession, link: Link) -> AnswerForm:
    asked = await _questionnaire(session, link)
    version = asked.version
    return AnswerForm(
        title=version.title,
        introduction=version.introduction,
        caisse_code=link.caisse_code,
        expires_at=link.expires_at,
        questions=[
            QuestionToAnswer(
                key=q.key,
                type=QuestionType(q.type),
                label=q.label,
                required=q.required,
                options=q.options,
            )
            for q in asked.questions
        ],
    )


def _is_blank(value: AnswerValue) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _check(question: Question, value: AnswerValue) -> tuple[Answer | None, str | None]:
    """The answer to store, or why the value does not fit the question."""
    kind = QuestionType(question.type)
    if _is_blank(value):
        return None, "an answer is required" if question.required else None
    if kind is QuestionType.SCALE:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            return None, "expected a whole number from 1 to 5"
        return Answer(question_id=question.id, score=value), None
    if kind is QuestionType.YES_NO:
        if not isinstance(value, bool):
            return None, "expected true or false"
        return Answer(question_id=question.id, score=int(value)), None
    if kind is QuestionType.SINGLE_CHOICE:
        if not isinstance(value, str) or value not in question.options:
            return None, "expected one of the options"
        return Answer(question_id=question.id, choices=[value]), None
    if kind is QuestionType.MULTIPLE_CHOICE:
        if (
            not isinstance(value, list)
            or len(set(value)) != len(value)
            or not set(value) <= set(question.options)
        ):
            return None, "expected distinct options among those offered"
        return Answer(question_id=question.id, choices=value), None
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        return None, f"expected a text of at most {MAX_TEXT} characters"
    return Answer(question_id=question.id, text=value.strip()), None


async def submit(
    session: AsyncSession, token: str, answers: dict[str, AnswerValue], now: datetime
) -> Response:
    """Stores the answers if they fit the questionnaire (422 naming each question that does
    not) and spends the link: a second submission, even concurrent, is a 410."""
    link = await usable_link(session, token, now)
    asked = await _questionnaire(session, link)
    campaign, questions = asked.campaign, asked.questions
    errors: list[FieldError] = [
        FieldError(
            field=f"answers.{key}", location="body", message="pas une question de ce formulaire"
        )
        for key in answers.keys() - {q.key for q in questions}
    ]
    stored: list[Answer] = []
    for question in questions:
        answer, problem = _check(question, answers.get(question.key))
        if problem is not None:
            errors.append(
                FieldError(field=f"answers.{question.key}", location="body", message=problem)
            )
        elif answer is not None:
            stored.append(answer)
    if errors:
        raise Unprocessable(
            f"Réponse « {errors[0].field} » invalide : {errors[0].message}",
            code="survey.invalid_answer",
            errors=errors,
        )
    spent = await session.scalar(
        update(Link)
        .where(Link.id == link.id, Link.answered_at.is_(None), Link.expires_at > now)
        .values(answered_at=now)
        .returning(Link.id)
    )
    if spent is None:
        raise Gone(ANSWERED, code="survey.already_answered")
    response = Response(
        link_id=link.id,
        campaign_id=campaign.id,
        questionnaire_version_id=campaign.questionnaire_version_id,
        caisse_code=link.caisse_code,
        action_id=link.action_id,
        channel=link.channel,
        answered_at=now,
    )
    session.add(response)
    await session.flush()
    for answer in stored:
        answer.response_id = response.id
    session.add_all(stored)
    await session.flush()
    return response
