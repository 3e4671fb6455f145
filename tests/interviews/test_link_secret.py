"""The booking-link secret every interviews replica shares: configured once, the same link
for an invitation whichever replica derives it; production refuses to generate one."""

import hashlib
import stat
import uuid
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from services.interviews.app import create_app as create_interviews_app
from services.interviews.invitations.models import Invitation
from services.interviews.selfservice.links import MIN_SECRET_BYTES, LinkKeys, link_issuer_of
from services.shared.secrets_config import ConfigurationError
from services.shared.settings import Environment, Settings
from services.shared.worker import WorkerResources
from tests.factories import TokenFactory
from tests.interviews.test_selfservice import _campaign, receiving  # noqa: F401 (a fixture)
from tests.queue import run_until_empty

SECRET = "a-booking-link-secret-shared-by-every-replica"


def production(**values: Any) -> Settings:
    return Settings(
        environment=Environment.PRODUCTION,
        database_url="postgresql+asyncpg://rsi:unused@127.0.0.1:9/rsi",
        jwks_url="https://identity.rsi.example/.well-known/jwks.json",
        **values,
    )


def test_production_without_a_link_secret_refuses_to_start() -> None:
    with pytest.raises(ConfigurationError) as refused:
        LinkKeys.from_settings(production())
    assert "RSI_LINK_SECRET_PATH" in str(refused.value)
    assert "RSI_LINK_SECRET" in str(refused.value)


def test_production_never_generates_the_configured_file(tmp_path: Path) -> None:
    path = tmp_path / "booking-link-secret"
    with pytest.raises(ConfigurationError, match="RSI_LINK_SECRET_PATH"):
        LinkKeys.from_settings(production(link_secret_path=path))
    assert not path.exists()


async def test_the_interviews_app_does_not_start_in_production_without_a_secret() -> None:
    app = create_interviews_app(settings=production())
    with pytest.raises(ConfigurationError, match="RSI_LINK_SECRET"):
        async with app.router.lifespan_context(app):
            pass


def test_a_short_secret_is_refused_without_showing_it(tmp_path: Path) -> None:
    short = "x" * (MIN_SECRET_BYTES - 1)
    with pytest.raises(ConfigurationError, match="at least 32 bytes") as refused:
        LinkKeys.from_settings(production(link_secret=SecretStr(short)))
    assert "RSI_LINK_SECRET" in str(refused.value) and short not in str(refused.value)
    path = tmp_path / "short-secret"
    path.write_bytes(b"y" * (MIN_SECRET_BYTES - 1))
    with pytest.raises(ConfigurationError, match="at least 32 bytes"):
        LinkKeys.from_settings(Settings(environment=Environment.TEST, link_secret_path=path))


def test_a_secret_given_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="not both"):
        LinkKeys.from_settings(
            production(link_secret=SecretStr(SECRET), link_secret_path=tmp_path / "secret")
        )


def test_development_generates_the_secret_once_readable_by_its_owner_only(
    tmp_path: Path,
) -> None:
    path = tmp_path / "keys" / "booking-link-secret"
    settings = Settings(environment=Environment.DEVELOPMENT, link_secret_path=path)
    first, again = LinkKeys.from_settings(settings), LinkKeys.from_settings(settings)
    assert first.secret == again.secret == path.read_bytes()
    assert len(first.secret) == MIN_SECRET_BYTES
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_same_secret_gives_the_same_link_on_every_replica(
    settings: Settings, tmp_path: Path
) -> None:
    shared = settings.model_copy(update={"link_secret": SecretStr(SECRET)})
    replicas = [create_interviews_app(settings=shared) for _ in range(2)]
    links = {link_issuer_of(app).url(4217) for app in replicas}
    assert len(links) == 1
    # The secret in a file is the same secret: the file's bytes, as they are.
    path = tmp_path / "booking-link-secret"
    path.write_text(SECRET)
    from_file = create_interviews_app(
        settings=settings.model_copy(update={"link_secret_path": path})
    )
    assert link_issuer_of(from_file).url(4217) in links
    other = create_interviews_app(
        settings=settings.model_copy(update={"link_secret": SecretStr(SECRET[::-1])})
    )
    assert link_issuer_of(other).url(4217) not in links


async def test_a_link_issued_by_one_replica_is_derived_again_by_another(
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    targeting_client: httpx.AsyncClient,
    connection: AsyncConnection,
    worker_resources: WorkerResources,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    receiving: dict[str, Any],  # noqa: F811
    settings: Settings,
) -> None:
    """A worker writes the campaign (and prints the letters); an API replica, configured with
    the same secret, reprints a letter or sends a reminder: the same working link."""
    shared = settings.model_copy(update={"link_secret": SecretStr(SECRET)})
    interviews_app.state.link_issuer = link_issuer_of(create_interviews_app(settings=shared))
    worker = partial(run_until_empty, connection, replace(worker_resources, settings=shared))
    campaign = await _campaign(interviews_client, worker, targeting_client, tokens, alpes)
    invitation = await session.scalar(
        select(Invitation).where(Invitation.campaign_id == uuid.UUID(campaign["id"])).limit(1)
    )
    assert invitation is not None
    another = link_issuer_of(create_interviews_app(settings=shared))
    token = another.keys.token(invitation.id)
    assert invitation.link_token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert (await interviews_client.get(f"/public/invitations/{token}")).status_code == 200
