"""Test fixtures: one real PostgreSQL database built by the real migrations per test session,
each test inside a transaction rolled back at the end, and each service's app served over ASGI.

``DATABASE_URL`` selects the server; without it an embedded server is started under
``.data/pg-test``. Either way the tests work in a database of their own, dropped at the end.
"""

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from functools import partial

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from services.identity.app import create_app as create_identity_app
from services.identity.app import issuer_auth
from services.identity.keys import SigningKey, load_or_create_signing_key
from services.identity.seed import INTERVIEWS_CLIENT, SURVEYS_CLIENT
from services.identity.service import TokenIssuer
from services.interviews.app import create_app as create_interviews_app
from services.interviews.deps import get_targeting
from services.interviews.gateways import TargetingGateway
from services.platform.database import (
    DatabaseServer,
    drop_database,
    ensure_database,
    migrate,
    server_from_url,
    start_embedded,
)
from services.reporting.app import create_app as create_reporting_app
from services.reporting.deps import Peers, get_peers
from services.shared.auth import Principal, Role, StaticKeySource, TokenVerifier
from services.shared.db import get_session, request_unit_of_work
from services.shared.messaging.senders import Attachment, DevSmsProvider
from services.shared.peers import PeerClient
from services.shared.service_tokens import ClientCredentialsTokens
from services.shared.settings import PROJECT_ROOT, Environment, Settings
from services.shared.storage import LocalStorage, Storage
from services.shared.worker import WorkerResources
from services.surveys import deps as surveys_deps
from services.surveys import gateways as surveys_gateways
from services.surveys.app import create_app as create_surveys_app
from services.targeting.app import create_app as create_targeting_app
from services.worker import tasks as _every_task  # noqa: F401  (declares them on the queue)
from tests.factories import TokenFactory, create_machine_client
from tests.queue import run_until_empty


@pytest.fixture(scope="session")
def database_server() -> Iterator[DatabaseServer]:
    url = os.environ.get("DATABASE_URL")
    if url:
        yield server_from_url(url)
        return
    server = start_embedded(PROJECT_ROOT / ".data" / "pg-test")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def database_url(database_server: DatabaseServer) -> Iterator[str]:
    name = f"rsi_test_{uuid.uuid4().hex[:12]}"
    url = ensure_database(database_server, name)
    migrate(url)
    yield url
    drop_database(database_server, name)


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        environment=Environment.TEST,
        database_url=database_url,
        signing_key_path=tmp_path_factory.mktemp("keys") / "signing-key.pem",
        files_dir=tmp_path_factory.mktemp("files"),
        jwks_url="http://127.0.0.1:9/unused-in-asgi-tests",
    )


@pytest.fixture(scope="session")
def signing_key(settings: Settings) -> SigningKey:
    return load_or_create_signing_key(settings.signing_key_path)


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection whose outer transaction is rolled back after the test."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        yield connection
        await transaction.rollback()


@pytest.fixture
async def session(connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    """The test's session; request sessions share its connection through savepoints."""
    async with AsyncSession(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    ) as session:
        yield session


@pytest.fixture
def storage(tmp_path_factory: pytest.TempPathFactory) -> Storage:
    """The file storage the apps and the worker share (a local folder of the test's own)."""
    return LocalStorage(tmp_path_factory.mktemp("storage"))


def _wire_app(
    app: FastAPI, connection: AsyncConnection, verifier: TokenVerifier, storage: Storage
) -> FastAPI:
    async def test_session() -> AsyncIterator[AsyncSession]:
        async with (
            AsyncSession(
                bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
            ) as request_session,
            request_unit_of_work(request_session) as unit_of_work,
        ):
            yield unit_of_work

    app.dependency_overrides[get_session] = test_session
    app.state.engine = connection.engine
    # Jobs, downloads and denial audits open sessions of their own: on the test's connection.
    app.state.sessionmaker = async_sessionmaker(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )
    app.state.token_verifier = verifier
    app.state.storage = storage
    return app


@pytest.fixture
def verifier(signing_key: SigningKey, settings: Settings) -> TokenVerifier:
    return TokenVerifier(
        StaticKeySource(signing_key.jwks()), settings.jwt_issuer, settings.jwt_audience
    )


@pytest.fixture
def tokens(signing_key: SigningKey, settings: Settings) -> TokenFactory:
    return TokenFactory(TokenIssuer(signing_key, settings))


@pytest.fixture
def identity_app(
    settings: Settings, connection: AsyncConnection, verifier: TokenVerifier, storage: Storage
) -> FastAPI:
    app = create_identity_app(settings=settings)
    issuer_auth(app, settings, httpx.AsyncClient())
    return _wire_app(app, connection, verifier, storage)


@pytest.fixture
def targeting_app(
    settings: Settings, connection: AsyncConnection, verifier: TokenVerifier, storage: Storage
) -> FastAPI:
    return _wire_app(create_targeting_app(settings=settings), connection, verifier, storage)


@pytest.fixture
def interviews_app(
    settings: Settings,
    connection: AsyncConnection,
    verifier: TokenVerifier,
    storage: Storage,
    targeting_app: FastAPI,
) -> FastAPI:
    app = _wire_app(create_interviews_app(settings=settings), connection, verifier, storage)
    targeting_http = _client(targeting_app)
    app.dependency_overrides[get_targeting] = lambda: TargetingGateway(
        PeerClient("targeting", "http://test", targeting_http)
    )
    return app


SURVEYS_CLIENT_SECRET = "surveys-test-secret"


@pytest.fixture
async def surveys_app(
    settings: Settings,
    connection: AsyncConnection,
    session: AsyncSession,
    verifier: TokenVerifier,
    storage: Storage,
    identity_app: FastAPI,
    targeting_app: FastAPI,
    interviews_app: FastAPI,
) -> FastAPI:
    """Surveys reaching the real targeting and interviews apps, and getting its own machine
    token from the real identity app (its client is created here)."""
    app = _wire_app(create_surveys_app(settings=settings), connection, verifier, storage)
    targeting_http, interviews_http = _client(targeting_app), _client(interviews_app)
    overrides = app.dependency_overrides
    overrides[surveys_deps.get_targeting] = lambda: surveys_gateways.TargetingGateway(
        PeerClient("targeting", "http://test", targeting_http)
    )
    overrides[surveys_deps.get_interviews] = lambda: surveys_gateways.InterviewsGateway(
        PeerClient("interviews", "http://test", interviews_http)
    )
    await create_machine_client(
        session, "surveys", SURVEYS_CLIENT_SECRET, list(SURVEYS_CLIENT.scopes)
    )
    app.state.service_tokens = ClientCredentialsTokens(
        "http://test", "surveys", SURVEYS_CLIENT_SECRET, _client(identity_app)
    )
    return app


@pytest.fixture
def reporting_app(
    settings: Settings,
    connection: AsyncConnection,
    verifier: TokenVerifier,
    storage: Storage,
    targeting_app: FastAPI,
    interviews_app: FastAPI,
    surveys_app: FastAPI,
) -> FastAPI:
    """Reporting reading the real targeting, interviews and surveys apps over ASGI."""
    app = _wire_app(create_reporting_app(settings=settings), connection, verifier, storage)
    peers = Peers(
        PeerClient("targeting", "http://test", _client(targeting_app)),
        PeerClient("interviews", "http://test", _client(interviews_app)),
        PeerClient("surveys", "http://test", _client(surveys_app)),
    )
    app.dependency_overrides[get_peers] = lambda: peers
    return app


# The scopes of the services' own machine clients (as seeded for the demo).
SERVICE_SCOPES = {
    client.client_id: " ".join(client.scopes) for client in (INTERVIEWS_CLIENT, SURVEYS_CLIENT)
}
RunJobs = Callable[[], Awaitable[None]]


@pytest.fixture
def worker_resources(
    settings: Settings,
    connection: AsyncConnection,
    storage: Storage,
    tokens: TokenFactory,
    targeting_app: FastAPI,
    interviews_app: FastAPI,
) -> WorkerResources:
    """What the worker's tasks use, on the test's connection and the ASGI apps."""

    def caller(service: str) -> Callable[[], Awaitable[Principal]]:
        async def current() -> Principal:
            scopes = SERVICE_SCOPES[service]
            return Principal(
                subject=f"client:{service}",
                role=Role.SERVICE,
                caisse_code=None,
                name=service,
                scopes=frozenset(scopes.split()),
                token=tokens.for_role(Role.SERVICE, scope=scopes),
            )

        return current

    return WorkerResources(
        settings=settings,
        sessions=async_sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        ),
        http=httpx.AsyncClient(),
        storage=storage,
        peers={
            "targeting": PeerClient("targeting", "http://test", _client(targeting_app)),
            "interviews": PeerClient("interviews", "http://test", _client(interviews_app)),
        },
        callers={service: caller(service) for service in SERVICE_SCOPES},
        email=UnusedEmailSender(),
        sms=DevSmsProvider(),
    )


class UnusedEmailSender:
    """The tests of jobs send no email (the messaging tests bring their own senders)."""

    async def send(
        self, message_id: str, to: str, subject: str, body: str, attachments: list[Attachment]
    ) -> None:
        raise AssertionError("no email is sent by a job")


@pytest.fixture
def run_jobs(connection: AsyncConnection, worker_resources: WorkerResources) -> RunJobs:
    """Runs the queued jobs with procrastinate's real worker until the queue is empty."""
    return partial(run_until_empty, connection, worker_resources)


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


@pytest.fixture
async def identity_client(identity_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(identity_app) as client:
        yield client


@pytest.fixture
async def interviews_client(interviews_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(interviews_app) as client:
        yield client


@pytest.fixture
async def surveys_client(surveys_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(surveys_app) as client:
        yield client


@pytest.fixture
async def targeting_client(targeting_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(targeting_app) as client:
        yield client


@pytest.fixture
async def reporting_client(reporting_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(reporting_app) as client:
        yield client


@pytest.fixture(params=list(Role), ids=lambda role: role.value)
def any_role(request: pytest.FixtureRequest) -> Role:
    return Role(request.param)


@pytest.fixture
def wired_apps(
    identity_app: FastAPI,
    targeting_app: FastAPI,
    interviews_app: FastAPI,
    surveys_app: FastAPI,
    reporting_app: FastAPI,
) -> dict[str, FastAPI]:
    """Each service's app on the test's database (and its peers)."""
    return {
        "identity": identity_app,
        "targeting": targeting_app,
        "interviews": interviews_app,
        "surveys": surveys_app,
        "reporting": reporting_app,
    }
