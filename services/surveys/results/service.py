"""Results: distributions, means and response rates, computed in SQL from the answers.

Nothing here selects a link's person: answers are counted, never listed with who gave them.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, String, case, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import CaisseScope
from services.shared.pagination import PageParams
from services.surveys.answers.models import Answer, Response
from services.surveys.campaigns.models import Link
from services.surveys.questionnaires.models import (
    OVERALL_SATISFACTION_KEY,
    Question,
    QuestionnaireVersion,
    QuestionType,
    VersionStatus,
)
from services.surveys.questionnaires.service import own_questions
from services.surveys.results.schemas import (
    CaisseComparison,
    Comment,
    QuestionResult,
    Results,
    SurveyStats,
    ValueCount,
)

SCALE_VALUES = ("1", "2", "3", "4", "5")
YES_NO_VALUES = ("yes", "no")
NATIONAL = QuestionnaireVersion.caisse_code.is_(None)


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class ResultFilter:
    """Which answers count. ``caisse_codes`` None: every caisse (national office)."""

    caisse_codes: frozenset[str] | None
    action_ids: tuple[int, ...] = ()
    spontaneous: bool = False
    campaign_id: int | None = None
    channel: str | None = None
    national_only: bool = False

    @classmethod
    def scoped(cls, scope: CaisseScope, caisse_code: str | None, **criteria: Any) -> "ResultFilter":
        """A caisse-bound caller sees its caisse only; asking for another is a 404."""
        if caisse_code is not None:
            scope.ensure(caisse_code, "Caisse")
            return cls(frozenset({caisse_code}), **criteria)
        return cls(scope.caisse_codes, **criteria)

    def where(self, table: type[Link] | type[Response]) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.caisse_codes is not None:
            conditions.append(table.caisse_code.in_(self.caisse_codes))
        if self.spontaneous:
            spontaneous = table.action_id.is_(None)
            conditions.append(
                or_(table.action_id.in_(self.action_ids), spontaneous)
                if self.action_ids
                else spontaneous
            )
        elif self.action_ids:
            conditions.append(table.action_id.in_(self.action_ids))
        if self.campaign_id is not None:
            conditions.append(table.campaign_id == self.campaign_id)
        if self.channel is not None:
            conditions.append(table.channel == self.channel)
        return conditions


def _answers(filters: ResultFilter, *columns: Any) -> Select[Any]:
    query = (
        select(*columns)
        .select_from(Answer)
        .join(Response, Response.id == Answer.response_id)
        .join(Question, Question.id == Answer.question_id)
        .join(QuestionnaireVersion, QuestionnaireVersion.id == Question.version_id)
        .where(*filters.where(Response))
    )
    return query.where(NATIONAL) if filters.national_only else query


async def _count(session: AsyncSession, table: type[Link] | type[Response], f: ResultFilter) -> int:
    return await session.scalar(select(func.count()).select_from(table).where(*f.where(table))) or 0


async def _baseline(session: AsyncSession, filters: ResultFilter) -> list[tuple[Question, bool]]:
    """The questions shown even before any answer: the published national model's, and the
    caisse's published regional ones when one caisse is looked at."""
    versions = select(QuestionnaireVersion).where(
        QuestionnaireVersion.status == VersionStatus.PUBLISHED
    )
    one_caisse = filters.caisse_codes is not None and len(filters.caisse_codes) == 1
    if filters.national_only or not one_caisse:
        versions = versions.where(NATIONAL)
    else:
        assert filters.caisse_codes is not None
        versions = versions.where(
            NATIONAL | QuestionnaireVersion.caisse_code.in_(filters.caisse_codes)
        )
    baseline: list[tuple[Question, bool]] = []
    for version in await session.scalars(
        versions.order_by(QuestionnaireVersion.caisse_code.nulls_first())
    ):
        national = version.caisse_code is None
        baseline += [(q, national) for q in await own_questions(session, version.id)]
    return baseline


async def results(session: AsyncSession, filters: ResultFilter, min_answers: int = 1) -> Results:
    """``min_answers``: a question answered fewer times has its mean and distribution withheld
    (with so few answers, they could tell what one person said)."""
    links = await _count(session, Link, filters)
    responses = await _count(session, Response, filters)
    national = NATIONAL.label("national")
    answered_rows = await session.execute(
        _answers(filters, Question.key, national, func.count(), func.max(Question.id)).group_by(
            Question.key, national
        )
    )
    answered = {(k, n): (count, latest) for k, n, count, latest in answered_rows.all()}
    score_rows = await session.execute(
        _answers(filters, Question.key, national, Answer.score, func.count())
        .where(Answer.score.is_not(None))
        .group_by(Question.key, national, Answer.score)
    )
    counts: dict[tuple[str, bool], dict[str, int]] = defaultdict(dict)
    for key, is_national, score, count in score_rows.all():
        counts[(key, is_national)][str(score)] = count
    chosen = (
        _answers(filters, Question.key, national, func.unnest(Answer.choices).label("choice"))
        .where(Answer.choices.is_not(None))
        .subquery()
    )
    choice_rows = await session.execute(
        select(chosen.c.key, chosen.c.national, chosen.c.choice, func.count()).group_by(
            chosen.c.key, chosen.c.national, chosen.c.choice
        )
    )
    for key, is_national, choice, count in choice_rows.all():
        counts[(key, is_national)][choice] = count

    questions = await _baseline(session, filters)
    shown = {(q.key, n) for q, n in questions}
    latest_ids = [latest for key, (_, latest) in answered.items() if key not in shown]
    if latest_ids:
        older = await session.execute(
            select(Question, NATIONAL)
            .join(QuestionnaireVersion, QuestionnaireVersion.id == Question.version_id)
            .where(Question.id.in_(latest_ids))
            .order_by(Question.id)
        )
        questions += [(q, n) for q, n in older.all()]
    return Results(
        links_issued=links,
        responses=responses,
        response_rate=rate(responses, links),
        min_answers=min_answers,
        questions=[
            _question_result(
                q, n, answered.get((q.key, n), (0, 0))[0], counts[(q.key, n)], min_answers
            )
            for q, n in questions
        ],
    )


def _question_result(
    question: Question, national: bool, answered: int, counts: dict[str, int], min_answers: int
) -> QuestionResult:
    kind = QuestionType(question.type)
    mean = None
    if kind is QuestionType.SCALE:
        values: tuple[str, ...] = SCALE_VALUES
        total = sum(int(v) * c for v, c in counts.items())
        mean = total / answered if answered else None
    elif kind is QuestionType.YES_NO:
        values = YES_NO_VALUES
        counts = {"yes": counts.get("1", 0), "no": counts.get("0", 0)}
    else:
        values = tuple(question.options) + tuple(sorted(counts.keys() - set(question.options)))
    if 0 < answered < min_answers:
        return QuestionResult(
            key=question.key,
            label=question.label,
            type=kind,
            national=national,
            answered=answered,
            masked=True,
            mean=None,
            distribution=[],
        )
    return QuestionResult(
        key=question.key,
        label=question.label,
        type=kind,
        national=national,
        answered=answered,
        mean=mean,
        distribution=[
            ValueCount(value=v, count=counts.get(v, 0), share=rate(counts.get(v, 0), answered))
            for v in values
        ]
        if kind is not QuestionType.FREE_TEXT
        else [],
    )


def _comments_query(filters: ResultFilter, min_answers: int) -> Select[Any]:
    """The free texts of the questions answered at least ``min_answers`` times (the cell is the
    question over the filtered answers), without date or channel."""
    written = (Answer.text.is_not(None), Answer.text != "")
    enough = (
        _answers(filters, Question.key)
        .where(*written)
        .group_by(Question.key)
        .having(func.count() >= min_answers)
        .scalar_subquery()
    )
    return _answers(
        filters,
        Question.key,
        Question.label,
        Answer.text,
        Response.caisse_code,
        Response.action_id,
    ).where(*written, Question.key.in_(enough))


async def comments(
    session: AsyncSession, filters: ResultFilter, page: PageParams, min_answers: int = 1
) -> tuple[list[Comment], int]:
    query = _comments_query(filters, min_answers)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.execute(
        query.order_by(Response.answered_at.desc(), Answer.id).limit(page.limit).offset(page.offset)
    )
    return [
        Comment(
            question_key=key,
            question_label=label,
            text=text,
            caisse_code=caisse,
            action_id=action,
        )
        for key, label, text, caisse, action in rows.all()
    ], total


EXPORT_HEADER = (
    "Réponse",
    "Date",
    "Caisse",
    "Action",
    "Canal",
    "Question",
    "Libellé",
    "Valeur",
)


def export_statement(filters: ResultFilter) -> Select[Any]:
    """One row per answer, without anything that leads back to the person."""
    value = case(
        (Question.type == QuestionType.YES_NO.value, case((Answer.score == 1, "oui"), else_="non")),
        (Answer.score.is_not(None), cast(Answer.score, String)),
        (Answer.choices.is_not(None), func.array_to_string(Answer.choices, " | ")),
        else_=Answer.text,
    )
    return _answers(
        filters,
        Response.id,
        func.date(Response.answered_at),
        Response.caisse_code,
        Response.action_id,
        Response.channel,
        Question.key,
        Question.label,
        value,
    ).order_by(Response.answered_at, Response.id, Question.position)


async def stats(
    session: AsyncSession, caisse_codes: frozenset[str] | None, action_ids: tuple[int, ...]
) -> list[SurveyStats]:
    """Per caisse and action: links, responses and the national overall satisfaction."""
    filters = ResultFilter(caisse_codes, action_ids)
    issued = await session.execute(
        select(Link.caisse_code, Link.action_id, func.count())
        .where(*filters.where(Link))
        .group_by(Link.caisse_code, Link.action_id)
    )
    answered = await session.execute(
        select(Response.caisse_code, Response.action_id, func.count())
        .where(*filters.where(Response))
        .group_by(Response.caisse_code, Response.action_id)
    )
    satisfied = func.count().filter(Answer.score >= 4)
    overall = await session.execute(
        _answers(
            ResultFilter(caisse_codes, action_ids, national_only=True),
            Response.caisse_code,
            Response.action_id,
            func.avg(Answer.score),
            func.count(),
            satisfied,
        )
        .where(Question.key == OVERALL_SATISFACTION_KEY, Answer.score.is_not(None))
        .group_by(Response.caisse_code, Response.action_id)
    )
    links = {(c, a): n for c, a, n in issued.all()}
    responses = {(c, a): n for c, a, n in answered.all()}
    satisfaction = {(c, a): (float(mean), n, s) for c, a, mean, n, s in overall.all()}
    keys = sorted(
        links.keys() | responses.keys(), key=lambda k: (k[0], k[1] is not None, k[1] or 0)
    )
    items = []
    for key in keys:
        mean, rated, happy = satisfaction.get(key, (None, 0, 0))
        items.append(
            SurveyStats(
                caisse_code=key[0],
                action_id=key[1],
                links_issued=links.get(key, 0),
                responses=responses.get(key, 0),
                response_rate=rate(responses.get(key, 0), links.get(key, 0)),
                overall_satisfaction_mean=mean,
                satisfied_share=rate(happy, rated),
            )
        )
    return items


async def compare_caisses(
    session: AsyncSession, filters: ResultFilter, min_answers: int
) -> list[CaisseComparison]:
    """Per caisse: links, responses, response rate and the national overall satisfaction; the
    scores of a caisse with fewer than ``min_answers`` responses are withheld."""
    issued = dict(
        (
            await session.execute(
                select(Link.caisse_code, func.count())
                .where(*filters.where(Link))
                .group_by(Link.caisse_code)
            )
        ).all()
    )
    answered = dict(
        (
            await session.execute(
                select(Response.caisse_code, func.count())
                .where(*filters.where(Response))
                .group_by(Response.caisse_code)
            )
        ).all()
    )
    overall = await session.execute(
        _answers(
            replace(filters, national_only=True),
            Response.caisse_code,
            func.avg(Answer.score),
            func.count().filter(Answer.score >= 4),
            func.count(),
        )
        .where(Question.key == OVERALL_SATISFACTION_KEY, Answer.score.is_not(None))
        .group_by(Response.caisse_code)
    )
    scores = {caisse: (float(mean), happy, rated) for caisse, mean, happy, rated in overall.all()}
    items = []
    for caisse in sorted(issued.keys() | answered.keys()):
        responses = answered.get(caisse, 0)
        masked = responses < min_answers
        mean, happy, rated = scores.get(caisse, (None, 0, 0))
        items.append(
            CaisseComparison(
                caisse_code=caisse,
                links_issued=issued.get(caisse, 0),
                responses=responses,
                response_rate=rate(responses, issued.get(caisse, 0)),
                masked=masked,
                overall_satisfaction_mean=None if masked else mean,
                satisfied_share=None if masked else rate(happy, rated),
            )
        )
    return items
