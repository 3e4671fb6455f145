import pytest
from pydantic import ValidationError

from services.shared.settings import Environment, Settings


def test_database_url_is_read_without_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://db.example/rsi")
    monkeypatch.delenv("RSI_DATABASE_URL", raising=False)
    assert Settings().database_url == "postgresql+asyncpg://db.example/rsi"


def test_production_refuses_the_development_issuer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("RSI_DATABASE_URL", raising=False)
    with pytest.raises(ValidationError, match="RSI_JWKS_URL"):
        Settings(environment=Environment.PRODUCTION, database_url="postgresql+asyncpg://db/rsi")
    with pytest.raises(ValidationError, match="DATABASE_URL"):
        Settings(environment=Environment.PRODUCTION, jwks_url="https://idp.rsi.fr/jwks.json")
    accepted = Settings(
        environment=Environment.PRODUCTION,
        database_url="postgresql+asyncpg://db/rsi",
        jwks_url="https://idp.rsi.fr/jwks.json",
    )
    assert accepted.jwks_url == "https://idp.rsi.fr/jwks.json"


def test_the_outbox_gives_up_after_at_least_one_attempt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RSI_OUTBOX_MAX_ATTEMPTS", "8")
    assert Settings().outbox_max_attempts == 8
    monkeypatch.setenv("RSI_OUTBOX_MAX_ATTEMPTS", "0")
    with pytest.raises(ValidationError, match="outbox_max_attempts"):
        Settings()
