"""Targeting: the insured-person registry, the yearly contact policy and target lists."""

from functools import partial

from services.shared.app import create_service_app
from services.targeting.caisses.router import router as caisses_router
from services.targeting.kit.router import router as kit_router
from services.targeting.metrics import PROBES
from services.targeting.policy.router import router as policy_router
from services.targeting.registry.router import router as registry_router
from services.targeting.stats.router import router as stats_router
from services.targeting.targets.router import router as targets_router

create_app = partial(
    create_service_app,
    "targeting",
    description=__doc__ or "",
    routers=[
        caisses_router,
        registry_router,
        policy_router,
        kit_router,
        targets_router,
        stats_router,
    ],
    body_limit_exempt_paths=("/imports", "/kit/documents/"),  # uploads: limits of their own
    metrics_probes=PROBES,
)
app = create_app()
