"""Reporting: the regional and national bilans of the contact policy.

Figures come from the other services' ``/stats`` endpoints over HTTP; reporting stores only
what caisses write and the versions they submit. The API is versioned under ``/v1``.
"""

from functools import partial

from services.reporting.bilans.router import router as bilans_router
from services.reporting.metrics import PROBES
from services.reporting.national.router import router as national_router
from services.shared.app import create_service_app

create_app = partial(
    create_service_app,
    "reporting",
    description=__doc__ or "",
    routers=[bilans_router, national_router],
    metrics_probes=PROBES,
)
app = create_app()
