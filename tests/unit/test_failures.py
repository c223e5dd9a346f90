"""Which failures pass by themselves: the bot's own stores out of reach, not its bugs."""

from __future__ import annotations

import sqlite3

import pytest
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import SendMessage
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from bot.failures import is_transient


def raised_while_handling(cause: BaseException, error: Exception) -> Exception:
    """``error`` as raised in an ``except`` block that caught ``cause``."""
    try:
        try:
            raise cause
        except BaseException:
            raise error  # noqa: B904  (the implicit context is what is tested)
    except Exception as raised:
        return raised


def dropped_under(statement: str) -> DBAPIError:
    """What SQLAlchemy raises when the server ends the session under a statement."""
    driver = Exception("connection was closed in the middle of operation")
    return DBAPIError(statement, {}, driver)


def refusal() -> TelegramBadRequest:
    return TelegramBadRequest(SendMessage(chat_id=1, text="-"), "Bad Request: chat not found")


@pytest.mark.parametrize(
    "error",
    [
        RedisConnectionError("Connection refused"),
        PoolTimeoutError("QueuePool limit reached"),
        DBAPIError("COMMIT", {}, Exception("closed"), connection_invalidated=True),
        OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked")),
        raised_while_handling(ConnectionResetError(104, "reset"), dropped_under("COMMIT")),
        ConnectionRefusedError(111, "Connection refused"),
    ],
    ids=["redis", "pool", "invalidated", "sqlite-busy", "reset-underneath", "refused"],
)
def test_the_bots_own_stores_out_of_reach_will_pass(error: BaseException) -> None:
    assert is_transient(error)


@pytest.mark.parametrize(
    "error",
    [
        IntegrityError("INSERT", {}, Exception("duplicate key value")),
        OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: requests")),
        FileNotFoundError("scenarios/missing.yaml"),
        raised_while_handling(ValueError("a bug"), dropped_under("SELECT")),
        raised_while_handling(TimeoutError(), refusal()),
    ],
    ids=["constraint", "schema", "missing-file", "after-a-bug", "refusal-after-timeout"],
)
def test_an_error_of_the_work_itself_is_permanent(error: BaseException) -> None:
    assert not is_transient(error)
