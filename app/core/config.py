"""Settings read from the environment (prefix-free names, as operators expect)."""

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the service can be told at start-up."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///./exchange-ledger.db",
        description="SQLAlchemy URL: a SQLite file by default, postgresql+psycopg://... in production.",
    )
    stall_days: int = Field(
        default=30,
        ge=1,
        le=3650,
        description="Days after its last handover that an unfulfilled term is stalled (one with none is not started).",
    )
    status_basis: Literal["reported", "verified"] = Field(
        default="reported",
        description="Which totals states and percents come from: reported (rejected claims excluded) or verified.",
    )
    require_key_for_reads: bool = Field(
        default=False, description="When true, every read needs an API key (role reader or above)."
    )
    embed_frame_ancestors: str = Field(
        default="*",
        max_length=2000,
        pattern=r"^[A-Za-z0-9*:/.'_-]+( [A-Za-z0-9*:/.'_-]+)*$",  # sources only: no ';' to add a directive
        description="Who may frame an agreement's embed view: a CSP frame-ancestors source list ('*' for any site, "
        "\"'none'\" for none, or origins separated by spaces, such as https://news.example).",
    )
    public_max_age_seconds: int = Field(
        default=5,
        ge=0,
        le=86_400,
        description="How long shared caches may serve an anonymous status, agreement, list or page (0: revalidate).",
    )
    public_stale_while_revalidate_seconds: int = Field(
        default=30,
        ge=0,
        le=86_400,
        description="How long past max-age a shared cache may serve its copy while it fetches a fresh one.",
    )
    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="Largest request body accepted.")
    db_pool_size: int = Field(default=10, ge=1, description="Connections kept per process (PostgreSQL).")
    db_statement_timeout_seconds: float = Field(
        default=30.0, ge=0, description="PostgreSQL cancels a statement of the API or worker running longer (0: never)."
    )
    db_idle_in_transaction_timeout_seconds: float = Field(
        default=60.0,
        ge=0,
        description="PostgreSQL ends an API or worker connection left idle in a transaction this long (0: never).",
    )
    status_notifications: bool = Field(
        default=True,
        description="On PostgreSQL, listen for each changed status document and answer polls of the others from what "
        "was rendered, with no query; off behind a pooler in transaction mode (PgBouncer), which drops LISTEN.",
    )
    opentelemetry: bool = Field(
        default=False,
        description="FastAPI's own OpenTelemetry spans, metrics and logs, for a process where an OpenTelemetry SDK "
        "is configured; off, no request pays for looking for one.",
    )
    expensive_reads: int = Field(
        default=4,
        ge=1,
        description="Expensive reads (dated status, timeline, exports, feeds, page renders) run at once per process; "
        "keep it below DB_POOL_SIZE so writes and cheap reads always find a connection.",
    )
    expensive_read_wait_seconds: float = Field(
        default=0.5, gt=0, le=30, description="How long an expensive read waits for a slot before it is answered 503."
    )
    log_signing_key: SecretStr | None = Field(
        default=None,
        description="The Ed25519 private key (PEM, PKCS#8) that signs tree heads and answers; or LOG_SIGNING_KEY_FILE.",
    )
    log_signing_key_file: str | None = Field(
        default=None,
        description="A file holding that key. Unset in production: signed endpoints answer 503; elsewhere a throwaway "
        "key is made at start-up.",
    )
    log_retired_public_keys: str = Field(
        default="",
        description="Public keys (PEM, one after another) that signed before a rotation, served beside the current.",
    )
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    access_log: bool = Field(default=False, description="Log one line per request (uvicorn's access log).")
    environment: Literal["development", "production", "test"] = "development"
    # Hardening: limits, rate limits, browser headers (see "Security and reliability" in the README).
    max_query_bytes: int = Field(default=2048, ge=256, description="Longest query string accepted (414 beyond).")
    max_header_bytes: int = Field(
        default=32_768,
        ge=1024,
        description="Largest request line and headers read (400 and closed beyond).",
    )
    request_read_timeout_seconds: float = Field(
        default=15.0, gt=0, description="Time a client has to send a whole request; a slower one is disconnected."
    )
    rate_limit_per_address: int = Field(
        default=1200, ge=0, description="Requests per minute from one client address (0: no limit)."
    )
    rate_limit_per_key: int = Field(
        default=600, ge=0, description="Requests per minute with one API key (0: no limit)."
    )
    redis_url: str | None = Field(
        default=None, description="redis://host:port/db: rate limits shared by every process; else kept per process."
    )
    metrics_key: SecretStr | None = Field(
        default=None,
        description="When set, /metrics needs Authorization: Bearer <this key> (401 otherwise); unset: open.",
    )
    cors_origins: str = Field(default="", description="Comma-separated origins allowed by CORS; empty: CORS is off.")
    hsts_seconds: int = Field(
        default=0, ge=0, description="Send Strict-Transport-Security with this max-age (only when served over TLS)."
    )
    webhook_allow_private: bool = Field(
        default=False,
        description="Let webhook URLs point at loopback, private and link-local addresses (development and tests).",
    )
    webhook_deny_hosts: str = Field(
        default="",
        description="Comma-separated host names webhook URLs may never point at, such as the service's public name.",
    )
    webhook_max_attempts: int = Field(default=12, ge=1, le=100, description="Attempts before a delivery is dead.")
    webhook_backoff_base_seconds: float = Field(
        default=10.0, gt=0, description="First retry delay ceiling; it doubles per attempt (full jitter)."
    )
    webhook_backoff_max_seconds: float = Field(default=3600.0, gt=0, description="Ceiling of any retry delay.")
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, description="How long one delivery attempt may take.")
    webhook_lease_seconds: float = Field(
        default=60.0, gt=0, description="How long a worker owns a claimed delivery; must exceed the timeout."
    )
    webhook_poll_seconds: float = Field(default=1.0, gt=0, description="Worker pause when there is nothing to send.")
    alert_sweep_seconds: float = Field(
        default=300.0,
        ge=0,
        description="Seconds between the webhook worker's alert sweeps (stalled, overdue); 0: never, leave it to cron.",
    )


@lru_cache
def get_settings() -> Settings:
    """The settings of this process, read once."""
    return Settings()
