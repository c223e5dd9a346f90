"""Migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from storage.db import create_engine
from storage.migrate import alembic_config, check_database, head_revisions, upgrade_database
from storage.models import Base


def _schema_drift(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_migrating_an_empty_database_gives_exactly_the_models_schema(
    empty_database_url: str,
) -> None:
    await upgrade_database(empty_database_url)

    engine = create_engine(empty_database_url)
    try:
        async with engine.connect() as connection:
            drift = await connection.run_sync(_schema_drift)
    finally:
        await engine.dispose()
    assert drift == []


async def test_check_reports_an_unmigrated_database_until_it_is_migrated(
    empty_database_url: str,
) -> None:
    problem = await check_database(empty_database_url)
    assert problem is not None
    assert "migrate" in problem

    await upgrade_database(empty_database_url)
    await upgrade_database(empty_database_url)  # a second start changes nothing

    assert await check_database(empty_database_url) is None
    assert len(head_revisions()) == 1  # one line of history, no forks


async def test_check_reports_an_unreachable_server() -> None:
    problem = await check_database("postgresql+asyncpg://postgres@127.0.0.1:1/nowhere")
    assert problem is not None
    assert problem.startswith("database unreachable")


def _downgrade_to_base(connection: Connection) -> list[str]:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, "base")
    return sorted(inspect(connection).get_table_names())


async def test_downgrade_removes_everything_and_upgrade_brings_it_back(
    empty_database_url: str,
) -> None:
    await upgrade_database(empty_database_url)
    engine = create_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            left = await connection.run_sync(_downgrade_to_base)
    finally:
        await engine.dispose()
    assert left == ["alembic_version"]

    await upgrade_database(empty_database_url)
    assert await check_database(empty_database_url) is None
