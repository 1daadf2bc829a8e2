"""Settings read from the environment once, with defaults for the embedded mode."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _default_secret(var_dir: Path) -> str:
    """A per-installation secret kept in var/ so that sessions survive a restart."""
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    path.write_text(value)
    return value


@dataclass(frozen=True)
class Settings:
    """Everything the cabinet reads from its environment."""

    var_dir: Path = field(default_factory=lambda: Path(_env("VAR_DIR", str(PROJECT_ROOT / "var"))))
    """Directory for the embedded SQLite file, the secret key and other local state."""

    database_url: str = ""
    """Tortoise database URL; `sqlite://var/cabinet.sqlite3` when unset (embedded mode)."""

    redis_url: str = field(default_factory=lambda: _env("REDIS_URL", ""))
    """Redis-protocol server for pub/sub and the job queue; empty means the embedded Valkey."""

    secret_key: str = ""
    """Signs CSRF tokens; generated into var/secret_key when unset."""

    port: int = field(default_factory=lambda: int(_env("PORT", "8000")))
    """Port the web server listens on."""

    public_origin: str = field(default_factory=lambda: _env("PUBLIC_ORIGIN", ""))
    """Origin browsers use to reach the cabinet; defaults to http://localhost:PORT."""

    extra_origins: str = field(default_factory=lambda: _env("ALLOWED_ORIGINS", ""))
    """Comma-separated further origins allowed to open cookie-authenticated websockets."""

    live_sweep_seconds: float = field(
        default_factory=lambda: float(_env("LIVE_SWEEP_SECONDS", "2"))
    )
    """How often each web process checks the database for events the bus did not bring."""

    session_days: int = field(default_factory=lambda: int(_env("SESSION_DAYS", "14")))
    """How long a login session lives without activity."""

    secure_cookies: bool = field(default_factory=lambda: _env("SECURE_COOKIES", "0") == "1")
    """Mark cookies Secure; turn on behind HTTPS."""

    login_max_failures: int = field(default_factory=lambda: int(_env("LOGIN_MAX_FAILURES", "5")))
    """Failed logins per email (or per address, times four) before throttling starts."""

    login_window_seconds: int = field(
        default_factory=lambda: int(_env("LOGIN_WINDOW_SECONDS", "900"))
    )
    """Window over which failed logins are counted, and how long throttling lasts."""

    argon2_time_cost: int = field(default_factory=lambda: int(_env("ARGON2_TIME_COST", "3")))
    """Argon2id passes; lower only in tests (hashes record their own parameters)."""

    argon2_memory_kib: int = field(default_factory=lambda: int(_env("ARGON2_MEMORY_KIB", "65536")))
    """Argon2id memory per hash in KiB; lower only in tests."""

    default_language: str = field(default_factory=lambda: _env("DEFAULT_LANGUAGE", "ru"))
    """Interface language for visitors who have not chosen one."""

    default_time_zone: str = field(
        default_factory=lambda: _env("DEFAULT_TIME_ZONE", "Europe/Moscow")
    )
    """Time zone for visitors who have not chosen one."""

    chat_attachments_dir: str = field(default_factory=lambda: _env("CHAT_ATTACHMENTS_DIR", ""))
    """Directory where chat attachments are stored; `var_dir/attachments` when unset."""

    chat_attachment_max_bytes: int = field(
        default_factory=lambda: int(_env("CHAT_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
    )
    """Largest chat attachment accepted, in bytes (at most 60 MiB: the upload route's cap)."""

    chat_edit_window_seconds: int = field(
        default_factory=lambda: int(_env("CHAT_EDIT_WINDOW_SECONDS", "900"))
    )
    """How long after sending its author may edit or delete a chat message."""

    smtp_host: str = field(default_factory=lambda: _env("SMTP_HOST", ""))
    """Mail server for notification email; empty means none (the embedded run starts one)."""

    smtp_port: int = field(default_factory=lambda: int(_env("SMTP_PORT", "25")))
    """Mail server port (587 with STARTTLS, 465 with implicit TLS)."""

    smtp_username: str = field(default_factory=lambda: _env("SMTP_USERNAME", ""))
    """Login for the mail server; empty sends without authentication."""

    smtp_password: str = field(default_factory=lambda: _env("SMTP_PASSWORD", ""))
    """Password for the mail server."""

    smtp_tls: str = field(default_factory=lambda: _env("SMTP_TLS", "none"))
    """`none`, `starttls` or `tls` (implicit TLS, port 465)."""

    mail_from: str = field(
        default_factory=lambda: _env("MAIL_FROM", "Dealer cabinet <cabinet@localhost>")
    )
    """The From address of notification mail."""

    telegram_bot_token: str = field(default_factory=lambda: _env("TELEGRAM_BOT_TOKEN", ""))
    """The bot's token from @BotFather; empty turns the Telegram channel off."""

    telegram_api_base: str = field(
        default_factory=lambda: _env("TELEGRAM_API_BASE", "https://api.telegram.org")
    )
    """Bot API server (a local Bot API server, or the tests' stand-in)."""

    telegram_bot_username: str = field(default_factory=lambda: _env("TELEGRAM_BOT_USERNAME", ""))
    """The bot's @username, for the `https://t.me/<bot>?start=<token>` linking address."""

    telegram_webhook_secret: str = field(
        default_factory=lambda: _env("TELEGRAM_WEBHOOK_SECRET", "")
    )
    """Checked against `X-Telegram-Bot-Api-Secret-Token` on the bot's webhook."""

    crm_base_url: str = field(default_factory=lambda: _env("CRM_BASE_URL", ""))
    """The CRM's inbound webhook URL (`https://<portal>/rest/<user>/<key>/`); empty: no CRM."""

    crm_application_token: str = field(default_factory=lambda: _env("CRM_APPLICATION_TOKEN", ""))
    """`auth[application_token]` the CRM's outbound webhook must carry."""

    crm_webhook_max_age_seconds: int = field(
        default_factory=lambda: int(_env("CRM_WEBHOOK_MAX_AGE_SECONDS", "600"))
    )
    """A webhook whose `ts` is older than this is refused as stale (a replay)."""

    consumer_settle_seconds: float = field(
        default_factory=lambda: float(_env("CONSUMER_SETTLE_SECONDS", "60"))
    )
    """How far back worker consumers re-read the outbox for events that committed late."""

    debug: bool = field(default_factory=lambda: _env("DEBUG", "0") == "1")
    """Litestar debug mode (tracebacks in responses); never in production."""

    def __post_init__(self) -> None:
        if not self.database_url:
            url = _env("DATABASE_URL", "") or f"sqlite://{self.var_dir / 'cabinet.sqlite3'}"
            object.__setattr__(self, "database_url", url)
        if not self.secret_key:
            key = _env("SECRET_KEY", "") or _default_secret(self.var_dir)
            object.__setattr__(self, "secret_key", key)
        if not self.chat_attachments_dir:
            object.__setattr__(self, "chat_attachments_dir", str(self.var_dir / "attachments"))
        if not self.public_origin:
            object.__setattr__(self, "public_origin", f"http://localhost:{self.port}")

    @property
    def allowed_origins(self) -> set[str]:
        """Exact origins a browser's websocket handshake may come from."""
        extra = {o.strip().rstrip("/") for o in self.extra_origins.split(",") if o.strip()}
        origins = {self.public_origin.rstrip("/"), *extra}
        if self.public_origin == f"http://localhost:{self.port}":
            # Embedded mode: the cabinet is opened as localhost or as 127.0.0.1.
            origins.add(f"http://127.0.0.1:{self.port}")
        return origins

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgres`, from the database URL."""
        return "sqlite" if self.database_url.startswith("sqlite") else "postgres"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
