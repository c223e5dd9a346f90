"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, DateTime, Dialect, Integer
from sqlalchemy.types import TypeDecorator, TypeEngine


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime in, an aware UTC datetime out.

    SQLite has no time zones and hands back naive values, so we store naive UTC there
    and put ``tzinfo`` back on the way out; PostgreSQL keeps ``timestamptz``. Naive
    input is refused rather than guessed, because a guessed zone is a silent bug.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware UTC datetime")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def big_serial() -> TypeEngine[int]:
    """A 64-bit autoincrementing key that SQLite accepts as its rowid alias.

    SQLite only autoincrements a column declared exactly ``INTEGER PRIMARY KEY``
    (which is 64-bit there anyway); PostgreSQL gets ``BIGINT``.
    """
    return BigInteger().with_variant(Integer(), "sqlite")
