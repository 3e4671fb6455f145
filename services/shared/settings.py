"""Settings shared by every service, read from environment variables prefixed ``RSI_``.

``DATABASE_URL`` is also accepted without the prefix, as the operators' convention.
"""

import json
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = PROJECT_ROOT / ".data"


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


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

    jwt_issuer: str = "rsi-identity"
    jwt_audience: str = "rsi-platform"
    jwks_url: str = "http://127.0.0.1:8010/.well-known/jwks.json"
    jwks_cache_seconds: int = 300
    access_token_ttl_seconds: int = Field(default=900, ge=60, le=3600)

    # State every replica shares (README, "Secrets shared by replicas").
    # Identity's signing keys and interviews' booking-link secret come from a file
    # (signing_key_path, link_secret_path) or from these variables holding them. Outside
    # production, when neither is set, the file is generated on first start; production
    # refuses to start without them (services/shared/secrets_config.py).
    signing_key_pem: SecretStr | None = Field(
        default=None,
        description="The current signing key itself (PEM), instead of RSI_SIGNING_KEY_PATH.",
    )
    previous_signing_key_paths: Annotated[list[Path], NoDecode] = Field(
        default_factory=list,
        description="Files of keys that no longer sign but whose tokens still verify: "
        "published in the JWKS (comma-separated, or a JSON list).",
    )
    previous_signing_key_pems: SecretStr | None = Field(
        default=None,
        description="Previous keys as PEM text too: one or more PEM blocks, one after another.",
    )
    link_secret: SecretStr | None = Field(
        default=None,
        description="The booking-link secret itself (at least 32 bytes), "
        "instead of RSI_LINK_SECRET_PATH.",
    )
    # The login throttle's rules; its state is in PostgreSQL (identity_login_throttle).
    login_max_failures: int = Field(
        default=5, ge=1, le=1000, description="Failed logins of one username that lock it."
    )
    login_failure_window_seconds: int = Field(
        default=60, ge=1, le=86400, description="How long a failed login counts."
    )

    @field_validator("previous_signing_key_paths", mode="before")
    @classmethod
    def _split_paths(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

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
