"""Who may do what in interviews, and the client of the targeting service."""

from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.interviews.selfservice.links import LinkKeys
from services.interviews.selfservice.service import LinkIssuer
from services.shared.auth import Principal, Role, require_role
from services.shared.jobs import JobRunner
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


def get_targeting(request: Request) -> PeerClient:
    """People and actions belong to targeting: read over HTTP with the caller's token, so
    its scoping applies (another caisse's person is a 404 there, hence here)."""
    return PeerClient("targeting", request.app.state.settings.targeting_url, request.app.state.http)


Targeting = Annotated[PeerClient, Depends(get_targeting)]


def get_files_dir(request: Request) -> Path:
    files_dir: Path = request.app.state.settings.files_dir
    return files_dir


FilesDir = Annotated[Path, Depends(get_files_dir)]


def get_job_runner(request: Request) -> JobRunner:
    runner: JobRunner = request.app.state.job_runner
    return runner


Runner = Annotated[JobRunner, Depends(get_job_runner)]


def get_sessions(request: Request) -> async_sessionmaker[AsyncSession]:
    """Sessions for work that outlives the request (jobs)."""
    sessions: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    return sessions


Sessions = Annotated[async_sessionmaker[AsyncSession], Depends(get_sessions)]


def link_issuer_of(app: FastAPI) -> LinkIssuer:
    """Personal booking links, from the configured secret (loaded once; at start-up, where
    production without a secret refuses to start)."""
    issuer: LinkIssuer | None = getattr(app.state, "link_issuer", None)
    if issuer is None:
        settings = app.state.settings
        issuer = app.state.link_issuer = LinkIssuer(
            LinkKeys.from_settings(settings), settings.public_booking_url
        )
    return issuer


def get_link_issuer(request: Request) -> LinkIssuer:
    return link_issuer_of(request.app)


Links = Annotated[LinkIssuer, Depends(get_link_issuer)]
