"""What the tasks of the job queue work with, in a worker process: the database, the file
storage, the peers, each service's own machine client, the message senders.

The worker builds one :class:`WorkerResources` at start-up and hands it to every task through
procrastinate's job context (``pass_context=True`` tasks call :func:`resources_of`).
"""

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

import httpx
from procrastinate import JobContext
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.shared.auth import Principal
from services.shared.messaging.senders import EmailSender, SmsProvider
from services.shared.peers import PeerClient
from services.shared.settings import Settings
from services.shared.storage import Storage

RESOURCES = "resources"

# The machine-client principal a service's background work calls its peers as.
Caller = Callable[[], Awaitable[Principal]]


@dataclass(frozen=True)
class WorkerResources:
    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    http: httpx.AsyncClient
    storage: Storage
    peers: Mapping[str, PeerClient]
    callers: Mapping[str, Caller]
    email: EmailSender
    sms: SmsProvider

    def peer(self, service: str) -> PeerClient:
        return self.peers[service]

    async def caller(self, service: str) -> Principal:
        """``service``'s own machine client (its token renewed before it expires)."""
        return await self.callers[service]()


def resources_of(context: JobContext) -> WorkerResources:
    resources = context.additional_context[RESOURCES]
    assert isinstance(resources, WorkerResources)
    return resources
