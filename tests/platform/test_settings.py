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
