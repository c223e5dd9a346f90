"""Settings read from the environment and `.env`, validated once at start."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_API_URL = "https://api.telegram.org"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/presale.db"
EXIT_SETTINGS = 2
"""The exit code for a setting to fix first (missing, invalid, or refused by Telegram)."""
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")

_HINTS = {
    "BOT_TOKEN": "ask @BotFather for a token and put BOT_TOKEN=123456:ABC... into .env",
    "TEAM_CHAT_ID": "add the bot to the team group and put its id (e.g. -1001234567890)",
    "DATABASE_URL": "use sqlite+aiosqlite:///./data/presale.db or postgresql+asyncpg://...",
    "ADMIN_IDS": "a comma-separated list of Telegram user ids, e.g. 111,222",
    "TIMEZONE": "an IANA zone name such as Europe/Moscow",
    "WORK_HOURS": "start-end in 24h time, e.g. 09:00-18:00",
    "WORK_DAYS": "ISO weekdays, e.g. 1-5 for Monday to Friday",
    "WEBHOOKS_FILE": "the path of a YAML file of webhook endpoints (see README)",
    "WEBHOOK_URL": "the public https:// address Telegram posts updates to",
    "WEBHOOK_SECRET": "1-256 characters of A-Z, a-z, 0-9, _ and -; try `openssl rand -hex 32`",
    "REDIS_URL": "several instances share dialogs, limits and locks through Redis",
    "AMOCRM_URL": "your account's address, e.g. https://example.amocrm.ru",
    "CRM_CREATE_ON": "submitted or taken",
}


class SettingsError(Exception):
    """A setting is missing or invalid; the message is one line a person can act on."""


class DatabaseSettings(BaseSettings):
    """What `migrate` needs: the database alone, so it runs without a bot token."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
        case_sensitive=False,
    )

    database_url: str = DEFAULT_DATABASE_URL

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("only sqlite+aiosqlite:// and postgresql+asyncpg:// are supported")
        return value


class Settings(DatabaseSettings):
    """Every knob of the bot; each one is documented in `.env.example`."""

    bot_token: SecretStr
    team_chat_id: int | None = None
    redis_url: str | None = None
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_locale: Literal["ru", "en"] = "ru"
    timezone: str = "Europe/Moscow"
    work_hours: str = "09:00-18:00"
    work_days: str = "1-5"
    telegram_api_url: str = TELEGRAM_API_URL
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["kv", "json"] = "kv"
    claim_policy: Literal["experts", "open"] = "experts"
    auto_assign: bool = True
    duplicate_window_days: int = Field(default=30, ge=1, le=3650)
    draft_reminder_minutes: int = Field(default=120, ge=1)
    deal_life_days: int = Field(default=7, ge=1)
    nurture_cadence_days: int = Field(default=14, ge=1)
    polling_timeout: int = Field(default=30, ge=0, le=50)
    step_overdue_hours: float = Field(default=1, gt=0)
    step_escalate_hours: float = Field(default=4, gt=0)
    recap_confirm_days: int = Field(default=2, ge=1)
    weekly_report: bool = True
    weekly_report_day: int | None = Field(default=None, ge=1, le=7)
    weekly_report_time: str = "09:00"
    leaderboard: bool = True
    intake_access: Literal["open", "company"] = "open"
    submit_rate_per_hour: int = Field(default=10, ge=1)
    webhooks_file: Path | None = None
    webhooks_timeout: float = Field(default=10.0, gt=0, le=60)
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    listen_host: str = "0.0.0.0"
    listen_port: int = Field(default=8080, ge=0, le=65535)
    workers: int = Field(default=1, ge=1, le=32)
    health_port: int | None = Field(default=None, ge=0, le=65535)
    redis_prefix: str = Field(default="presale", pattern=r"^[A-Za-z0-9_.:-]+$")
    lease_seconds: float = Field(default=30, gt=0)
    idle_transaction_seconds: float = Field(default=300, gt=0)
    statement_seconds: float = Field(default=60, gt=0)
    webhook_watch_seconds: float = Field(default=60, gt=0)
    inbox_watch_seconds: float = Field(default=60, gt=0)
    database_watch_seconds: float = Field(default=30, gt=0)
    stop_timeout: float = Field(default=20, gt=0)
    send_per_second: float = Field(default=29, gt=0)
    shared_send_limits: bool = True

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("Telegram accepts 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    amocrm_url: str | None = Field(default=None, pattern=r"^https?://")
    amocrm_token: SecretStr | None = None
    bitrix24_webhook_url: SecretStr | None = None
    crm_create_on: Literal["submitted", "taken"] = "submitted"

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("work_hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        parse_work_hours(value)
        return value

    @field_validator("weekly_report_time")
    @classmethod
    def _report_time(cls, value: str) -> str:
        hour, _, minute = value.partition(":")
        if not (hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60):
            raise ValueError(f"expected HH:MM, got {value!r}")
        return value

    @field_validator("work_days")
    @classmethod
    def _days(cls, value: str) -> str:
        parse_work_days(value)
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


S = TypeVar("S", bound=DatabaseSettings)


def webhook_address(settings: Settings) -> tuple[str, str]:
    """The webhook's public URL and secret, or one line naming the setting that is missing."""
    if settings.webhook_url is None:
        raise SettingsError(f"WEBHOOK_URL is missing in webhook mode; {_HINTS['WEBHOOK_URL']}")
    if settings.webhook_secret is None:
        hint = _HINTS["WEBHOOK_SECRET"]
        raise SettingsError(f"WEBHOOK_SECRET is missing in webhook mode; {hint}")
    return settings.webhook_url, settings.webhook_secret.get_secret_value()


def check_workers(settings: Settings) -> None:
    """Several workers are several instances: they need what several instances need.

    Each refusal is one line naming the setting, before anything starts.
    """
    count = settings.workers
    if count == 1:
        return
    if settings.mode != "webhook":
        raise SettingsError(
            f"WORKERS={count} needs webhook mode (MODE=webhook or run --webhook): "
            "Telegram gives updates to one getUpdates consumer only"
        )
    if settings.redis_url is None:
        raise SettingsError(
            f"WORKERS={count} needs REDIS_URL: the workers share dialogs, send limits "
            "and per-chat turns through it"
        )
    if not settings.database_url.startswith("postgresql"):
        raise SettingsError(
            f"WORKERS={count} needs PostgreSQL in DATABASE_URL: SQLite lets one process "
            "write at a time"
        )
    if settings.listen_port == 0 or settings.listen_port + count - 1 > 65535:
        raise SettingsError(
            f"WORKERS={count} needs a fixed LISTEN_PORT up to {65536 - count}: worker k "
            "listens on LISTEN_PORT + k, for the load balancer to know where"
        )


def parse_work_hours(value: str) -> tuple[time, time]:
    """Read "09:00-18:00" into two times; the window must not be empty."""
    try:
        start_text, end_text = value.split("-")
        start, end = time.fromisoformat(start_text.strip()), time.fromisoformat(end_text.strip())
    except ValueError as error:
        raise ValueError(f"expected HH:MM-HH:MM, got {value!r}") from error
    if start >= end:
        raise ValueError(f"the working day must end after it starts, got {value!r}")
    return start, end


def parse_work_days(value: str) -> frozenset[int]:
    """Read "1-5" or "1,2,3" into ISO weekday numbers."""
    days: set[int] = set()
    try:
        for part in value.replace(" ", "").split(","):
            if "-" in part:
                first, last = (int(x) for x in part.split("-"))
                days.update(range(first, last + 1))
            elif part:
                days.add(int(part))
    except ValueError as error:
        raise ValueError(f"expected weekday numbers like 1-5, got {value!r}") from error
    if not days or not days <= set(range(1, 8)):
        raise ValueError(f"weekdays are numbers 1 (Monday) to 7 (Sunday), got {value!r}")
    return frozenset(days)


def load_settings(kind: type[S], **overrides: Any) -> S:
    """Build settings, turning pydantic's report into one line that names the setting."""
    try:
        return kind(**overrides)
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        missing = first["type"] == "missing"
        problem = "is missing" if missing else f"is invalid: {first['msg']}"
        hint = _HINTS.get(name, "see .env.example")
        raise SettingsError(f"{name} {problem}; {hint}") from None
