"""Targeting: the insured-person registry, the yearly contact policy and target lists."""

from functools import partial

from fastapi import FastAPI

from services.shared.app import create_service_app
from services.shared.jobs import JobRunner
from services.targeting.caisses.router import router as caisses_router
from services.targeting.policy.router import router as policy_router
from services.targeting.registry.models import TargetingJob
from services.targeting.registry.router import router as registry_router
from services.targeting.stats.router import router as stats_router
from services.targeting.targets.router import router as targets_router


async def start_job_runner(app: FastAPI) -> None:
    runner = JobRunner(app.state.sessionmaker)
    await runner.watch(TargetingJob)
    app.state.job_runner = runner


async def stop_job_runner(app: FastAPI) -> None:
    await app.state.job_runner.stop()


create_app = partial(
    create_service_app,
    "targeting",
    description=__doc__ or "",
    routers=[caisses_router, registry_router, policy_router, targets_router, stats_router],
    on_startup=start_job_runner,
    on_shutdown=stop_job_runner,
    body_limit_exempt_paths=("/imports",),
)
app = create_app()
