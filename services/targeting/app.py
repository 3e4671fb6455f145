"""Targeting: the insured-person registry, the yearly contact policy and target lists."""

from functools import partial

from services.shared.app import create_service_app
from services.targeting.caisses.router import router

create_app = partial(create_service_app, "targeting", description=__doc__ or "", routers=[router])
app = create_app()
