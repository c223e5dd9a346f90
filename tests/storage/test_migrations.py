"""Migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection

from storage.db import create_engine
from storage.migrate import check_database, head_revisions, upgrade_database
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
    assert head_revisions() == {"0001"}


async def test_check_reports_an_unreachable_server() -> None:
    problem = await check_database("postgresql+asyncpg://postgres@127.0.0.1:1/nowhere")
    assert problem is not None
    assert problem.startswith("database unreachable")
