"""Who may do what in reporting, its peers, and its clock.

Bilans are aggregates: every role reads its own caisse's (counselors read-only), managers edit
and submit their caisse's, the national office reads all and reopens. Machine clients pull
reports with the ``reports:read`` scope (live figures also need ``stats:read`` at the peers,
since the caller's token is forwarded).
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request

from services.reporting.gateways import InterviewsGateway, SurveysGateway, TargetingGateway
from services.shared.auth import Principal, Role, require_role
from services.shared.peers import PeerClient

REPORTS_SCOPE = "reports:read"

BilanReader = Annotated[Principal, Depends(require_role(*Role, service_scope=REPORTS_SCOPE))]
BilanEditor = Annotated[Principal, Depends(require_role(Role.CAISSE_MANAGER, Role.ADMIN))]
BilanReopener = Annotated[Principal, Depends(require_role(Role.NATIONAL, Role.ADMIN))]
NationalReader = Annotated[
    Principal,
    Depends(require_role(Role.NATIONAL, Role.ADMIN, Role.SERVICE, service_scope=REPORTS_SCOPE)),
]


class Peers:
    """The three services whose ``/stats`` endpoints feed a bilan, each through its gateway."""

    def __init__(self, targeting: PeerClient, interviews: PeerClient, surveys: PeerClient) -> None:
        self.targeting = TargetingGateway(targeting)
        self.interviews = InterviewsGateway(interviews)
        self.surveys = SurveysGateway(surveys)


def get_peers(request: Request) -> Peers:
    settings, http = request.app.state.settings, request.app.state.http
    return Peers(
        PeerClient("targeting", settings.targeting_url, http),
        PeerClient("interviews", settings.interviews_url, http),
        PeerClient("surveys", settings.surveys_url, http),
    )


def get_clock() -> Callable[[], datetime]:
    """Now, in UTC; tests override it to stand before or after a deadline."""
    return lambda: datetime.now(UTC)


PeerClients = Annotated[Peers, Depends(get_peers)]
Clock = Annotated[Callable[[], datetime], Depends(get_clock)]
