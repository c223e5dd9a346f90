"""Bring a database to the newest schema, from code, whatever the working directory."""

from __future__ import annotations

from contextlib import AsyncExitStack
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from storage.db import DatabaseUnreachableError, create_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Any constant will do; it only has to be the same in every process of the bot.
_PG_MIGRATION_LOCK = 0x50_52_45_53_41_4C_45


def alembic_config() -> Config:
    """An Alembic config pointing at the migrations shipped inside this package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revisions() -> set[str]:
    """The revisions a fully migrated database is at."""
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


async def upgrade_database(url: str) -> None:
    """Apply every pending migration to the database at ``url``.

    On PostgreSQL a transaction-scoped advisory lock makes two bot processes
    starting together migrate one after the other instead of both at once. A database
    that cannot be connected to raises :class:`DatabaseUnreachableError`, for the command
    line to say so in one line; a migration that fails raises what it raised.
    """
    engine = create_engine(url)
    try:
        async with AsyncExitStack() as stack:
            try:
                connection = await stack.enter_async_context(engine.begin())
            except (OSError, DBAPIError) as error:
                reason = error.orig if isinstance(error, DBAPIError) else error
                raise DatabaseUnreachableError(str(reason)) from error
            if connection.dialect.name == "postgresql":
                await connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
                )
            await connection.run_sync(_upgrade_to_head)
    finally:
        await engine.dispose()


def _upgrade_to_head(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def check_database(url: str) -> str | None:
    """``None`` if the database is reachable and fully migrated, else what is wrong."""
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            current = await connection.run_sync(_current_revisions)
    except (OSError, SQLAlchemyError) as error:
        return f"database unreachable: {error}"
    finally:
        await engine.dispose()
    heads = head_revisions()
    if current != heads:
        have = ", ".join(sorted(current)) or "none"
        want = ", ".join(sorted(heads))
        return f"database schema is at revision {have}, expected {want}: run migrate"
    return None


def _current_revisions(connection: Connection) -> set[str]:
    return set(MigrationContext.configure(connection).get_current_heads())
