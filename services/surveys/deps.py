"""Who may do what in surveys, and the clients of the other services.

Counselors and managers see their caisse's campaigns and results (national campaigns too,
restricted to their caisse); the national office sees aggregates of every caisse but no
answer link (they carry a person's id). Answering needs no account: the token is the key.
"""

from typing import Annotated

from fastapi import Depends, Request
from pydantic import Field

from services.shared.auth import Principal, Role, require_role
from services.shared.peers import PeerClient
from services.shared.service_tokens import ClientCredentialsTokens
from services.surveys.gateways import InterviewsGateway, TargetingGateway

# Identifiers are PostgreSQL bigints: a larger number is refused as bad input (422) before
# any query, which matters most where the answer is streamed (CSV).
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]

Reader = Annotated[
    Principal,
    Depends(require_role(Role.COUNSELOR, Role.CAISSE_MANAGER, Role.NATIONAL, Role.ADMIN)),
]
Editor = Annotated[Principal, Depends(require_role(Role.CAISSE_MANAGER, Role.NATIONAL, Role.ADMIN))]
LinkHandler = Annotated[
    Principal, Depends(require_role(Role.COUNSELOR, Role.CAISSE_MANAGER, Role.ADMIN))
]


def get_interviews(request: Request) -> InterviewsGateway:
    settings, http = request.app.state.settings, request.app.state.http
    return InterviewsGateway(PeerClient("interviews", settings.interviews_url, http))


def get_service_tokens(request: Request) -> ClientCredentialsTokens:
    """Surveys' own machine client: the draw reads every caisse's contacts, whoever runs it."""
    tokens: ClientCredentialsTokens = request.app.state.service_tokens
    return tokens


Interviews = Annotated[InterviewsGateway, Depends(get_interviews)]
ServiceTokens = Annotated[ClientCredentialsTokens, Depends(get_service_tokens)]


def get_targeting(request: Request) -> TargetingGateway:
    settings, http = request.app.state.settings, request.app.state.http
    return TargetingGateway(PeerClient("targeting", settings.targeting_url, http))


Targeting = Annotated[TargetingGateway, Depends(get_targeting)]
