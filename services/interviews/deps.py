"""Who may do what in interviews, and the client of the targeting service."""

from typing import Annotated

from fastapi import Depends, Request

from services.shared.auth import Principal, Role, require_role
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


def get_targeting(request: Request) -> PeerClient:
    """People and actions belong to targeting: read over HTTP with the caller's token, so
    its scoping applies (another caisse's person is a 404 there, hence here)."""
    return PeerClient("targeting", request.app.state.settings.targeting_url, request.app.state.http)


Targeting = Annotated[PeerClient, Depends(get_targeting)]
