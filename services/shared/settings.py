"""Settings shared by every service, read from environment variables prefixed ``RSI_``.

``DATABASE_URL`` is also accepted without the prefix, as the operators' convention.
"""

import json
from enum import StrEnum
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

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
    # Sign-in (branch sessions): refresh-token sessions, OpenID Connect, the login throttle.
    session_idle_timeout_seconds: int = Field(
        default=1800, ge=30, description="A session not renewed for this long ends."
    )
    session_absolute_lifetime_seconds: int = Field(
        default=12 * 3600, ge=60, description="A session ends this long after its sign-in."
    )
    refresh_cookie_path: str = Field(
        default="/api/identity/auth",
        description="Path of the refresh-token cookie as the browser sees identity's "
        "/auth routes: behind the SPA's URL, /api/identity/auth.",
    )
    refresh_cookie_secure: bool = Field(
        default=True, description="Secure cookie (browsers accept it on http://127.0.0.1 too)."
    )
    oidc_discovery_url: str = Field(
        default="",
        description="OpenID Connect provider's /.well-known/openid-configuration; "
        "empty: no provider sign-in.",
    )
    oidc_client_id: str = ""
    oidc_client_secret: SecretStr = SecretStr("")
    oidc_scopes: str = "openid email given_name usual_name"
    oidc_provider_name: str = "ProConnect"
    oidc_email_verified_by_provider: bool = Field(
        default=True,
        description="An email without an email_verified claim counts as verified (ProConnect "
        "vouches for agents' emails and sends none); email_verified=false never does.",
    )
    oidc_redirect_uri: str = Field(
        default="http://127.0.0.1:8080/api/identity/oidc/callback",
        description="Identity's /oidc/callback as the browser reaches it (registered with "
        "the provider).",
    )
    oidc_post_login_url: str = Field(
        default="http://127.0.0.1:8080/connexion",
        description="The SPA's page the browser is sent to once signed in by the provider.",
    )
    login_free_failures: int = Field(
        default=3,
        ge=1,
        le=1000,
        description="Failures of an account from an address before delays.",
    )
    login_source_free_failures: int = Field(
        default=10, ge=1, le=10000, description="Failures from an address before delays."
    )
    login_delay_base_seconds: float = Field(
        default=1.0, gt=0, le=3600, description="The first delay; it doubles with each failure."
    )
    login_delay_max_seconds: float = Field(
        default=60.0, gt=0, le=86400, description="The longest delay between two attempts."
    )
    login_failure_window_seconds: int = Field(
        default=900, ge=1, le=86400, description="Quiet time after which failures are forgotten."
    )
    trusted_proxies: Annotated[list[IPv4Network | IPv6Network], NoDecode] = Field(
        default_factory=list,
        description="Proxies (addresses or networks, comma-separated) whose X-Forwarded-For "
        "names the client's address; from any other peer the header is ignored.",
    )

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split_networks(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

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
    # Counselors' calendar subscriptions (uxflows): the address's secret token is appended.
    agenda_feed_url: str = Field(
        default="http://127.0.0.1:8080/api/interviews/agenda-feeds/",
        description="Where calendar applications read a counselor's agenda (+ token + .ics).",
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
        description="Period of the outbox deliveries (and interviews' reminders); 0 disables them.",
    )
    # Giving up on a message. The wait between attempts doubles from 30 s up to 1 h, so
    # N attempts span about 1 h for N = 8, a day for N = 30 (a provider's outage of a day
    # then fails nothing). A refusal the provider says is permanent fails at once.
    outbox_max_attempts: int = Field(
        default=30,
        ge=1,
        le=1000,
        description="Deliveries of a message tried before it is marked failed for good.",
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
    # Performance (targeting's registry counts): how often the worker folds the counts the
    # registry's changes appended (services/targeting/stats/aggregate.py); 0 disables it.
    registry_counts_compaction_seconds: float = Field(default=60.0, ge=0)
    # Performance (embedded PostgreSQL tuning, services/platform/database.py): settings that
    # take precedence over the ones computed from the machine, e.g. {"shared_buffers": "1GB"}.
    embedded_pg_settings: dict[str, str] = Field(default_factory=dict)
    # Performance (letter campaigns in volumes, services/interviews/letters/volumes.py): the
    # letters of one PDF file; memory while drawing grows with it (about 17 MiB per 1,000,
    # in the worker and in each of its two drawing processes).
    letters_per_volume: int = Field(default=2_000, ge=1, le=50_000)
    survey_link_ttl_days: int = Field(default=30, ge=1, le=365)
    # Survey results privacy (uxfrench): a national setting.
    survey_min_answers_per_cell: int = Field(
        default=5,
        ge=1,
        le=100,
        description="Below this many answers, a question's results and comments are not shown.",
    )
    survey_draw_interval_seconds: float = Field(
        default=60.0, ge=0, description="Period of the background draw; 0 disables it."
    )
    public_answer_url: str = Field(
        default="http://127.0.0.1:8080/questionnaire/",
        description="Where insured persons answer: the personal token is appended.",
    )

    # Accounts administration (identity): the emailed links that choose a password.
    public_password_url: str = Field(
        default="http://127.0.0.1:8080/mot-de-passe/choisir",
        description="The SPA page that chooses a password: '#<token>' is appended (a "
        "fragment, never sent to a server, so in no access log).",
    )
    invitation_link_ttl_hours: int = Field(
        default=72, ge=1, le=24 * 30, description="How long an invitation link stays valid."
    )
    password_reset_link_ttl_minutes: int = Field(
        default=60, ge=5, le=24 * 60, description="How long a password-reset link stays valid."
    )

    # The worker (``rsi worker``): how many jobs each process runs at once, how often an idle
    # one looks at the queue, and when a silent worker's jobs go to another.
    worker_concurrency: int = Field(default=4, ge=1, le=64)
    worker_poll_seconds: float = Field(default=1.0, gt=0, le=60)
    worker_heartbeat_seconds: float = Field(default=5.0, gt=0, le=300)
    worker_stalled_seconds: float = Field(
        default=20.0,
        gt=0,
        description="A worker silent this long is taken for dead; its jobs run again.",
    )
    audit_purge_cron: str = Field(
        default="30 3 * * *", description="When expired audit events are deleted (cron)."
    )

    # Security hardening (issue 19): token clock skew, response headers, CORS, and the dev
    # SMS provider's folder (messages go to files, never to the log).
    sms_dev_dir: Path = Field(
        default=DEFAULT_DATA_DIR / "sms", description="Where the dev provider writes SMS."
    )
    jwt_iat_leeway_seconds: int = Field(
        default=60, ge=0, le=600, description="How far in the future a token's iat may be."
    )
    hsts_max_age_seconds: int = Field(
        default=31536000,
        ge=0,
        description="Strict-Transport-Security max-age, sent in production only (0: none).",
    )
    cors_allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins allowed to call the APIs from a browser (comma-separated); "
        "none by default: the SPA is served from the APIs' own origin.",
    )

    @field_validator("cors_allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    max_body_bytes: int = 2 * 1024 * 1024
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _refuse_development_defaults_in_production(self) -> "Settings":
        if self.environment is Environment.PRODUCTION:
            if not self.database_url:
                raise ValueError("DATABASE_URL must be set in production")
            if self.jwks_url.startswith("http://127.0.0.1"):
                raise ValueError("RSI_JWKS_URL must point at the production issuer")
        if self.worker_stalled_seconds < 2 * self.worker_heartbeat_seconds:
            raise ValueError(
                "RSI_WORKER_STALLED_SECONDS must be at least twice RSI_WORKER_HEARTBEAT_SECONDS"
            )
        return self

    # File storage (services/shared/storage): the local ``files_dir`` or an S3-compatible bucket.
    storage_backend: Literal["local", "s3"] = Field(
        default="local",
        description="Where files go: `local` (files_dir, one machine or a shared volume) or `s3`.",
    )
    storage_s3_bucket: str = ""
    storage_s3_prefix: str = Field(default="", description="Prepended to every key, e.g. `rsi/`.")
    storage_s3_endpoint_url: str = Field(
        default="", description="Another store than AWS, e.g. `https://s3.fr-par.scw.cloud`."
    )
    storage_s3_region: str = ""
    storage_s3_access_key_id: str = Field(
        default="", description="Empty: boto3's usual credentials (AWS_* variables, role…)."
    )
    storage_s3_secret_access_key: SecretStr = SecretStr("")
    storage_s3_path_style: bool = Field(
        default=False, description="Bucket in the URL's path (MinIO, most self-hosted stores)."
    )

    # Observability (deploy): Prometheus metrics and OpenTelemetry traces.
    metrics_token: SecretStr = Field(
        default=SecretStr(""),
        description="When set, GET /metrics requires `Authorization: Bearer <token>`.",
    )
    worker_metrics_port: int = Field(
        default=0, ge=0, le=65535, description="Port of the worker's /metrics; 0: none."
    )
    otel_exporter_otlp_endpoint: str = Field(
        default="",
        validation_alias=AliasChoices(
            "RSI_OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"
        ),
        description="OTLP/HTTP collector (e.g. http://otel-collector:4318): traces are "
        "exported there; empty, no tracing at all.",
    )

    @model_validator(mode="after")
    def _require_a_bucket_for_s3(self) -> "Settings":
        if self.storage_backend == "s3" and not self.storage_s3_bucket:
            raise ValueError("RSI_STORAGE_S3_BUCKET must be set when RSI_STORAGE_BACKEND is s3")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
