"""Databases for storage tests: every test runs on a SQLite file and on PostgreSQL.

Loaded as a pytest plugin (``pytest_plugins = ["tests.storage.fixtures"]``). Each
test gets its own database already at the newest migration: migrations run once per
test session into a template (a SQLite file, a PostgreSQL template database) and
each test gets a copy, which keeps the suite fast. PostgreSQL is never skipped: if
the server is missing the tests fail, in CI and locally alike.

The migration tests also find here the steps to an older revision and back, and the
author and the request they write at that revision.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from alembic import command
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.db import connect_outside_pool, create_engine, create_session_factory
from storage.migrate import alembic_config, upgrade_database
from storage.models import Request
from storage.repositories import NewAnswer, Repositories

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
BACKENDS = ["sqlite", "postgres"]

SessionFactory = async_sessionmaker[AsyncSession]
T = TypeVar("T")


def sqlite_url(path: Path) -> str:
    """The async SQLAlchemy URL of a SQLite file."""
    return f"sqlite+aiosqlite:///{path}"


def postgres_url(database: str) -> str:
    """The local server's URL with another database name."""
    return make_url(POSTGRES_URL).set(database=database).render_as_string(hide_password=False)


async def _admin(sql: str) -> None:
    """Run one statement (CREATE/DROP DATABASE) outside any transaction."""
    connection = await connect_outside_pool(POSTGRES_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


async def create_postgres_database(*, template: str | None = None) -> str:
    """A new, uniquely named database on the local server; returns its name."""
    name = f"presale_test_{uuid.uuid4().hex[:16]}"
    clause = f" TEMPLATE {template}" if template else ""
    await _admin(f"CREATE DATABASE {name}{clause}")
    return name


async def drop_postgres_database(name: str) -> None:
    """Drop a test database even if a leaked connection still holds it."""
    await _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _run_in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to the end from sync code, even under a running event loop.

    Session-wide templates are built lazily, from inside a test's async fixture, so
    they get a thread and an event loop of their own.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at head, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    _run_in_own_loop(upgrade_database(sqlite_url(path)))
    return path


@pytest.fixture(scope="session")
def migrated_postgres_template() -> Iterator[str]:
    """A PostgreSQL database at head, used as the template of each test database."""

    async def create() -> str:
        name = await create_postgres_database()
        await upgrade_database(postgres_url(name))
        return name

    name = _run_in_own_loop(create())
    yield name
    _run_in_own_loop(drop_postgres_database(name))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on."""
    return str(request.param)


@pytest.fixture
async def database_url(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[str]:
    """A fresh database of its own for this test, already at the newest migration."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("migrated_sqlite_template")
        path = tmp_path / "presale.db"
        shutil.copyfile(template, path)
        yield sqlite_url(path)
        return
    name = await create_postgres_database(
        template=request.getfixturevalue("migrated_postgres_template")
    )
    try:
        yield postgres_url(name)
    finally:
        await drop_postgres_database(name)


@pytest.fixture
async def empty_database_url(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh database with no tables at all, for migration tests."""
    if backend == "sqlite":
        yield sqlite_url(tmp_path / "empty.db")
        return
    name = await create_postgres_database()
    try:
        yield postgres_url(name)
    finally:
        await drop_postgres_database(name)


@pytest.fixture
async def db_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on this test's database, disposed afterwards."""
    engine = create_engine(database_url)
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture
def session_factory(db_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions on this test's database."""
    return create_session_factory(db_engine)


@pytest.fixture
async def session(
    session_factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One session for the test's own reads and writes."""
    async with session_factory() as opened:
        yield opened


def upgrade_to(connection: Connection, revision: str) -> None:
    """Migrate the database under ``connection`` (in ``run_sync``) up to ``revision``."""
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def downgrade_to(connection: Connection, revision: str) -> None:
    """Migrate the database under ``connection`` (in ``run_sync``) down to ``revision``."""
    config = alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, revision)


AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AUTHOR = 100


async def add_author(repo: Repositories) -> None:
    """The author every request of the migration tests is written by."""
    await repo.users.upsert_from_telegram(
        user_id=AUTHOR, first_name="Anna", last_name=None, username=None, language_code=None
    )


async def add_request(repo: Repositories) -> Request:
    """A request of the author's, on the IT/ERP form."""
    return await repo.requests.create(
        scenario_id="it_erp",
        scenario_version=1,
        author_id=AUTHOR,
        answers=[NewAnswer("company_name", "Acme", "Acme")],
    )
