"""Surveys: the national satisfaction questionnaire, campaigns, answer links (sent by email and
SMS) and results."""

from functools import partial

from fastapi import FastAPI

from services.shared.app import create_service_app
from services.shared.service_tokens import ClientCredentialsTokens
from services.surveys.answers.router import router as answers_router
from services.surveys.campaigns.router import router as campaigns_router
from services.surveys.metrics import PROBES
from services.surveys.questionnaires.router import router as questionnaires_router
from services.surveys.results.router import router as results_router


async def create_service_tokens(app: FastAPI) -> None:
    """Surveys' own machine client, for a draw asked for by hand and for staff links."""
    settings = app.state.settings
    app.state.service_tokens = ClientCredentialsTokens(
        settings.identity_url,
        settings.surveys_client_id,
        settings.surveys_client_secret,
        app.state.http,
    )


create_app = partial(
    create_service_app,
    "surveys",
    description=__doc__ or "",
    routers=[questionnaires_router, campaigns_router, answers_router, results_router],
    on_startup=create_service_tokens,
    metrics_probes=PROBES,
)
app = create_app()
