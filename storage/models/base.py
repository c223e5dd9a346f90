"""The declarative base shared by every table."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, MetaData
from sqlalchemy.orm import DeclarativeBase

from storage.models.types import UtcDateTime

# Named constraints make migrations reproducible: Alembic can only drop or alter a
# constraint it can name, and SQLite batch mode needs names to rebuild a table.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Every model inherits this; ``Base.metadata`` is what migrations must match."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UtcDateTime(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


def known_values(column: str, values: type[StrEnum]) -> CheckConstraint:
    """A check that ``column`` holds one of the enum's values, named ``<column>_known``."""
    listed = ", ".join(f"'{value.value}'" for value in values)
    return CheckConstraint(f"{column} IN ({listed})", name=f"{column}_known")
