"""Who may do what in interviews, and the gateway to the targeting service (shared by every
sub-domain: it imports none of them)."""

from typing import Annotated

from fastapi import Depends, Query, Request

from services.interviews.gateways import TargetingGateway
from services.shared.auth import CaisseScope, Principal, Role, require_role
from services.shared.errors import NotFound
from services.shared.peers import PeerClient

Scheduler = Annotated[
    Principal,
    Depends(
        require_role(
            Role.COUNSELOR,
            Role.CAISSE_MANAGER,
            Role.ADMIN,
            Role.SERVICE,
            service_scope="interviews:write",
        )
    ),
]
AgendaReader = Annotated[
    Principal, Depends(require_role(Role.COUNSELOR, Role.CAISSE_MANAGER, Role.ADMIN))
]
AvailabilityEditor = Annotated[Principal, Depends(require_role(Role.CAISSE_MANAGER, Role.ADMIN))]
# Counselors and managers of a caisse run its mailings and meetings.
CaisseStaff = Annotated[Principal, Depends(require_role(Role.COUNSELOR, Role.CAISSE_MANAGER))]
StaffReader = Annotated[
    Principal, Depends(require_role(Role.COUNSELOR, Role.CAISSE_MANAGER, Role.ADMIN))
]
TemplateEditor = Annotated[
    Principal, Depends(require_role(Role.CAISSE_MANAGER, Role.NATIONAL, Role.ADMIN))
]
TemplateReader = Annotated[
    Principal,
    Depends(require_role(Role.COUNSELOR, Role.CAISSE_MANAGER, Role.NATIONAL, Role.ADMIN)),
]
GuideEditor = Annotated[Principal, Depends(require_role(Role.NATIONAL, Role.ADMIN))]
GuideReader = TemplateReader
ContactFeedReader = Annotated[
    Principal,
    Depends(
        require_role(
            Role.CAISSE_MANAGER,
            Role.NATIONAL,
            Role.ADMIN,
            Role.SERVICE,
            service_scope="contacts:read",
        )
    ),
]
HistoryReader = Annotated[
    Principal,
    Depends(
        require_role(
            Role.COUNSELOR,
            Role.CAISSE_MANAGER,
            Role.ADMIN,
            Role.SERVICE,
            service_scope="contacts:read",
        )
    ),
]

CaisseFilter = Annotated[
    str | None, Query(max_length=20, description="One caisse; staff are held to their own.")
]


def check_caisse(scope: CaisseScope, caisse_code: str | None) -> None:
    """A caisse filter outside the caller's scope is a 404, as if it did not exist."""
    if caisse_code is not None and not scope.allows(caisse_code):
        raise NotFound("Caisse introuvable.", code="caisse.not_found")


def get_targeting(request: Request) -> TargetingGateway:
    """People and actions belong to targeting: read over HTTP with the caller's token, so
    its scoping applies (another caisse's person is a 404 there, hence here)."""
    settings, http = request.app.state.settings, request.app.state.http
    return TargetingGateway(PeerClient("targeting", settings.targeting_url, http))


Targeting = Annotated[TargetingGateway, Depends(get_targeting)]
