"""Interviews: counselors, slots, invitations, interviews, collective meetings, letters.

The foundation serves only the health probes; the domain arrives with its own issue.
"""

from functools import partial

from services.shared.app import create_service_app

create_app = partial(create_service_app, "interviews", description=__doc__ or "", routers=[])
app = create_app()
