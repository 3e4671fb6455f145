"""Interviews: counselors, availability, bookable slots and individual interviews.

Invitations, the interview guide, meetings and letter contacts arrive with their own issue.
"""

from functools import partial

from services.interviews.router import router
from services.shared.app import create_service_app

create_app = partial(create_service_app, "interviews", description=__doc__ or "", routers=[router])
app = create_app()
