"""One event per line, with the update and user on every line and no personal data at INFO."""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

current_update_id: ContextVar[int | None] = ContextVar("current_update_id", default=None)
current_user_id: ContextVar[int | None] = ContextVar("current_user_id", default=None)


class _ContextFilter(logging.Filter):
    """Stamp every record with the update and user being handled, if any."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.update_id = current_update_id.get()
        record.user_id = current_user_id.get()
        return True


def _quote(value: object) -> str:
    text = str(value)
    if not text or any(ch in text for ch in ' "=\n'):
        return json.dumps(text, ensure_ascii=False)
    return text


class KeyValueFormatter(logging.Formatter):
    """`ts=... level=... logger=... update_id=... user_id=... msg=...` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        parts = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "update_id": getattr(record, "update_id", None),
            "user_id": getattr(record, "user_id", None),
        }
        line = " ".join(f"{k}={_quote(v)}" for k, v in parts.items() if v is not None)
        line = f"{line} {record.getMessage()}"
        if record.exc_info:
            line += " exc=" + json.dumps(self.formatException(record.exc_info))
        return line.replace("\n", "\\n")


class JsonFormatter(logging.Formatter):
    """The same fields as a JSON object per line, for log collectors."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key in ("update_id", "user_id"):
            value = getattr(record, key, None)
            if value is not None:
                payload[key] = value
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


def setup_logging(level: str = "INFO", fmt: str = "kv") -> None:
    """Configure the root logger once; the libraries' chatty logs are kept at WARNING.

    aiogram logs every update, Alembic a dozen lines about its plugins at every start.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else KeyValueFormatter())
    handler.addFilter(_ContextFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    logging.getLogger("aiosqlite").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
