"""Targeting: the insured-person registry, the yearly contact policy and target lists."""

from functools import partial

import httpx
from fastapi import FastAPI

from services.shared.app import create_service_app, jwks_url_auth
from services.shared.auth import KeySource
from services.shared.jobs import JobRunner
from services.shared.settings import Settings
from services.targeting.caisses.router import router as caisses_router
from services.targeting.policy.router import router as policy_router
from services.targeting.registry.router import router as registry_router
from services.targeting.targets.router import router as targets_router


def targeting_setup(app: FastAPI, settings: Settings, http: httpx.AsyncClient) -> KeySource:
    app.state.job_runner = JobRunner(app.state.sessionmaker)
    return jwks_url_auth(app, settings, http)


create_app = partial(
    create_service_app,
    "targeting",
    description=__doc__ or "",
    routers=[caisses_router, registry_router, policy_router, targets_router],
    auth_setup=targeting_setup,
    body_limit_exempt_paths=("/imports",),
)
app = create_app()
