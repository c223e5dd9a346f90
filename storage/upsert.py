"""``INSERT ... ON CONFLICT DO UPDATE`` statements, built once per shape and reused."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Table, null
from sqlalchemy.dialects import postgresql, sqlite


@cache
def upsert(
    dialect: str,
    table: Table,
    *,
    key: tuple[str, ...],
    replace: tuple[str, ...],
    clear: tuple[str, ...] = (),
) -> postgresql.Insert | sqlite.Insert:
    """Insert a row (values given as execution parameters) or update the one with its ``key``.

    On conflict the ``replace`` columns take the new values and the ``clear`` columns
    become NULL. The statements the hot paths run on every update (dialog state, drafts)
    used to be rebuilt for each call, and building one, the ``EXCLUDED`` alias above all,
    cost more than running it; a cached statement only binds new parameters.
    """
    statement = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    assignments: dict[str, ColumnElement[Any]] = {
        name: statement.excluded[name] for name in replace
    }
    assignments.update((name, null()) for name in clear)
    return statement.on_conflict_do_update(index_elements=list(key), set_=assignments)
