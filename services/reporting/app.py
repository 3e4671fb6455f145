"""Reporting: the regional and national bilans of the contact policy.

The foundation serves only the health probes; the domain arrives with its own issue.
"""

from functools import partial

from services.shared.app import create_service_app

create_app = partial(create_service_app, "reporting", description=__doc__ or "", routers=[])
app = create_app()
