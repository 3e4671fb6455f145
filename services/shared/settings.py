"""Settings shared by every service, read from environment variables prefixed ``RSI_``.

``DATABASE_URL`` is also accepted without the prefix, as the operators' convention.
"""

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = PROJECT_ROOT / ".data"


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class DbPooler(StrEnum):
    """What stands between the services and PostgreSQL (``RSI_DB_POOLER``)."""

    NONE = "none"  # PostgreSQL itself (or a session-mode pooler)
    # PgBouncer with pool_mode = transaction: a server connection per transaction only, so
    # no prepared statement may outlive its transaction (PgBouncer < 1.21 does not track them).
    PGBOUNCER_TRANSACTION = "pgbouncer-transaction"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RSI_", extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    database_url: str = Field(
        default="",
        validation_alias=AliasChoices("RSI_DATABASE_URL", "DATABASE_URL"),
        description="SQLAlchemy async URL (postgresql+asyncpg://…).",
    )
    db_pool_size: int = 10
    db_max_overflow: int = 10
    db_pooler: DbPooler = Field(
        default=DbPooler.NONE,
        description="pgbouncer-transaction when DATABASE_URL points at a PgBouncer in "
        "transaction pooling mode: turns off asyncpg's and SQLAlchemy's statement caches and "
        "names each prepared statement uniquely (services/shared/db.py).",
    )

    jwt_issuer: str = "rsi-identity"
    jwt_audience: str = "rsi-platform"
    jwks_url: str = "http://127.0.0.1:8010/.well-known/jwks.json"
    jwks_cache_seconds: int = 300
    access_token_ttl_seconds: int = Field(default=900, ge=60, le=3600)
    signing_key_path: Path = DEFAULT_DATA_DIR / "keys" / "signing-key.pem"
    files_dir: Path = Field(
        default=DEFAULT_DATA_DIR / "files", description="Generated documents (letter batches)."
    )
    link_secret_path: Path = Field(
        default=DEFAULT_DATA_DIR / "keys" / "booking-link-secret",
        description="Key deriving personal booking links (generated on first start).",
    )
    public_booking_url: str = Field(
        default="http://127.0.0.1:8080/rendez-vous/",
        description="Where invited people book: the personal token is appended.",
    )
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    mail_provider: str = Field(default="smtp", pattern="^(smtp|dev)$")
    mail_dev_dir: Path = Field(
        default=DEFAULT_DATA_DIR / "mail", description="Where the dev provider writes emails."
    )
    mail_from: str = "RSI <ne-pas-repondre@rsi.example>"
    sms_provider: str = Field(default="dev", pattern="^(dev|http)$")
    sms_http_url: str = ""
    sms_http_token: str = ""
    messaging_interval_seconds: float = Field(
        default=15.0,
        ge=0,
        description="Period of the outbox workers (and interviews' reminders); 0 disables them.",
    )

    identity_url: str = "http://127.0.0.1:8010"
    targeting_url: str = "http://127.0.0.1:8011"
    interviews_url: str = "http://127.0.0.1:8012"
    surveys_url: str = "http://127.0.0.1:8013"
    reporting_url: str = "http://127.0.0.1:8014"
    peer_connect_timeout_seconds: float = 2.0
    peer_read_timeout_seconds: float = 10.0

    # The services' own machine clients (client credentials), for background work.
    surveys_client_id: str = "surveys"
    surveys_client_secret: str = ""
    interviews_client_id: str = "interviews"
    interviews_client_secret: str = ""
    recency_relay_interval_seconds: float = Field(
        default=30.0,
        ge=0,
        description="Period of the relay of completed contacts to targeting; 0 disables it.",
    )
    survey_link_ttl_days: int = Field(default=30, ge=1, le=365)
    survey_draw_interval_seconds: float = Field(
        default=60.0, ge=0, description="Period of the background draw; 0 disables it."
    )
    public_answer_url: str = Field(
        default="http://127.0.0.1:8080/questionnaire/",
        description="Where insured persons answer: the personal token is appended.",
    )

    max_body_bytes: int = 2 * 1024 * 1024
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _refuse_development_defaults_in_production(self) -> "Settings":
        if self.environment is Environment.PRODUCTION:
            if not self.database_url:
                raise ValueError("DATABASE_URL must be set in production")
            if self.jwks_url.startswith("http://127.0.0.1"):
                raise ValueError("RSI_JWKS_URL must point at the production issuer")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
