from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from services.shared.auth import CurrentCaisseScope, StatsReader
from services.shared.db import DbSession
from services.shared.errors import problem_responses
from services.shared.exports import EXPORT_RESPONSE, FormatPath, query_download
from services.shared.pagination import Page, Pagination
from services.surveys.deps import Id, Reader
from services.surveys.results import service
from services.surveys.results.schemas import (
    CaisseComparisonPage,
    Comment,
    ContactChannel,
    Results,
    SurveyStatsPage,
)
from services.surveys.results.service import ResultFilter

router = APIRouter(tags=["results"], responses=problem_responses(401, 403, 404))
ActionIds = Annotated[
    list[Id],
    Query(
        alias="action_id",
        max_length=200,
        description="Repeatable; e.g. the actions of a year (from targeting's policy).",
    ),
]
CaisseCode = Annotated[
    str | None,
    Query(max_length=20, description="Counselors and managers: their own caisse only."),
]


def result_filter(
    _: Reader,
    scope: CurrentCaisseScope,
    action_ids: ActionIds = [],  # noqa: B006 (FastAPI copies defaults)
    caisse_code: CaisseCode = None,
    spontaneous: Annotated[
        bool,
        Query(description="Include the spontaneous contacts (not tied to an action)."),
    ] = False,
    campaign_id: Annotated[Id | None, Query()] = None,
    channel: Annotated[ContactChannel | None, Query()] = None,
    national_only: Annotated[
        bool, Query(description="Only the national model's questions (the consolidation).")
    ] = False,
) -> ResultFilter:
    return ResultFilter.scoped(
        scope,
        caisse_code,
        action_ids=tuple(action_ids),
        spontaneous=spontaneous,
        campaign_id=campaign_id,
        channel=channel,
        national_only=national_only,
    )


Filters = Annotated[ResultFilter, Depends(result_filter)]


@router.get("/results")
async def get_results(filters: Filters, session: DbSession, request: Request) -> Results:
    """Per question: respondents, distribution and mean (withheld below the national minimum
    of answers); links issued and response rate."""
    return await service.results(session, filters, _min_answers(request))


@router.get("/results/comments")
async def list_comments(
    filters: Filters, session: DbSession, page: Pagination, request: Request
) -> Page[Comment]:
    """The free-text answers, newest first, of the questions with enough answers."""
    items, total = await service.comments(session, filters, page, _min_answers(request))
    return Page.of(items, total, page)


@router.get("/results/caisses")
async def compare_caisses(
    filters: Filters, session: DbSession, request: Request
) -> CaisseComparisonPage:
    """The caisses side by side: response rate and overall satisfaction (withheld for a caisse
    below the minimum of answers)."""
    minimum = _min_answers(request)
    items = await service.compare_caisses(session, filters, minimum)
    return CaisseComparisonPage(min_answers=minimum, items=items)


def _min_answers(request: Request) -> int:
    return int(request.app.state.settings.survey_min_answers_per_cell)


@router.get("/results/answers.{format}", response_class=Response, responses=EXPORT_RESPONSE)
async def export_answers(filters: Filters, export_format: FormatPath, request: Request) -> Response:
    """Every answer, one row each, without personal data (CSV or XLSX)."""
    return await query_download(
        request.app.state.sessionmaker,
        service.export_statement(filters),
        service.EXPORT_HEADER,
        "reponses-questionnaire",
        export_format,
    )


@router.get("/stats")
async def get_stats(
    _: StatsReader,
    scope: CurrentCaisseScope,
    session: DbSession,
    action_ids: ActionIds = [],  # noqa: B006
    caisse_code: CaisseCode = None,
) -> SurveyStatsPage:
    """Per caisse and action (null: spontaneous interviews): links issued, responses, response
    rate and the national overall satisfaction (mean, share of 4 and 5)."""
    filters = ResultFilter.scoped(scope, caisse_code)
    items = await service.stats(session, filters.caisse_codes, tuple(action_ids))
    return SurveyStatsPage(items=items)
