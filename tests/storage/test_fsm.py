"""Dialog state lives in the database (or Redis) and survives a restart of the bot."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.db import create_engine, create_session_factory
from storage.fsm import create_fsm_storage
from storage.fsm.in_database import SqlStorage
from storage.fsm.in_redis import BufferedRedisStorage
from storage.fsm.unit import use_session
from storage.repositories import Repositories
from tests.storage.fixtures import REDIS_URL, SessionFactory

BOT_ID, CHAT_ID, USER_ID = 42, 100500, 100500


class Intake(StatesGroup):
    company = State()
    phone = State()


def _key(*, thread_id: int | None = None, destiny: str = "default") -> StorageKey:
    return StorageKey(
        bot_id=BOT_ID, chat_id=CHAT_ID, user_id=USER_ID, thread_id=thread_id, destiny=destiny
    )


async def test_a_dialog_survives_a_restart(
    database_url: str, session_factory: SessionFactory
) -> None:
    before = SqlStorage(session_factory)
    await before.set_state(_key(), Intake.phone)
    await before.set_data(_key(), {"company": "Acme", "answers": [1, 2]})
    await before.close()

    engine_after_restart = create_engine(database_url)
    try:
        after = SqlStorage(create_session_factory(engine_after_restart))
        assert await after.get_state(_key()) == Intake.phone.state
        assert await after.get_data(_key()) == {"company": "Acme", "answers": [1, 2]}
    finally:
        await engine_after_restart.dispose()


async def test_state_and_data_are_kept_apart_per_thread_and_destiny(
    session_factory: SessionFactory,
) -> None:
    storage = SqlStorage(session_factory)
    await storage.set_state(_key(), Intake.company)
    assert await storage.get_state(_key(thread_id=7)) is None
    assert await storage.get_state(_key(destiny="other")) is None
    assert await storage.get_data(_key()) == {}

    assert await storage.update_data(_key(), {"company": "Acme"}) == {"company": "Acme"}
    assert await storage.update_data(_key(), {"phone": "+7900"}) == {
        "company": "Acme",
        "phone": "+7900",
    }
    assert await storage.get_state(_key()) == Intake.company.state  # data writes keep it

    await storage.set_state(_key(), None)
    assert await storage.get_state(_key()) is None
    assert await storage.get_data(_key()) == {"company": "Acme", "phone": "+7900"}


async def test_a_lent_session_commits_fsm_changes_with_the_handlers_work(
    session_factory: SessionFactory,
) -> None:
    storage = SqlStorage(session_factory)

    async with session_factory() as session:
        repo = Repositories(session)
        # The handler writes first: on SQLite it now holds the only write lock.
        await repo.events.add(kind="test.answer", actor_id=USER_ID)
        async with use_session(session):
            await storage.set_state(_key(), Intake.phone)
            await storage.update_data(_key(), {"company": "Acme"})
            assert await storage.get_state(_key()) == Intake.phone.state
        await session.rollback()  # the handler failed after all

    assert await storage.get_state(_key()) is None

    async with session_factory() as session:
        async with use_session(session):
            await storage.set_state(_key(), Intake.phone)
        await session.commit()

    assert await storage.get_state(_key()) == Intake.phone.state


async def test_redis_is_used_when_configured() -> None:
    unused: SessionFactory = async_sessionmaker()
    storage = create_fsm_storage(REDIS_URL, unused, prefix=f"test-{uuid.uuid4().hex[:8]}")
    assert isinstance(storage, BufferedRedisStorage)

    key = StorageKey(bot_id=BOT_ID, chat_id=uuid.uuid4().int % 10**9, user_id=USER_ID)
    try:
        await storage.set_state(key, Intake.company)
        await storage.set_data(key, {"company": "Acme"})
        assert await storage.get_state(key) == Intake.company.state
        assert await storage.get_data(key) == {"company": "Acme"}
    finally:
        await storage.set_state(key, None)
        await storage.set_data(key, {})
        await storage.close()


async def test_the_database_is_used_without_redis(session_factory: SessionFactory) -> None:
    assert isinstance(create_fsm_storage(None, session_factory), SqlStorage)


async def test_within_an_update_a_dialog_is_read_once_and_written_once(
    db_engine: AsyncEngine, session_factory: SessionFactory
) -> None:
    storage = SqlStorage(session_factory)
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "fsm_states" in statement:
            statements.append(statement.split()[0].upper())

    event.listen(db_engine.sync_engine, "before_cursor_execute", seen)
    try:
        async with session_factory() as session:
            async with use_session(session):
                assert await storage.get_state(_key()) is None
                await storage.set_state(_key(), Intake.company)
                await storage.update_data(_key(), {"company": "Acme"})
                assert await storage.get_data(_key()) == {"company": "Acme"}
                await storage.update_data(_key(), {"phone": "+7900"})
                assert await storage.get_state(_key()) == Intake.company.state
                assert statements == ["SELECT"]  # nothing written before the update ends
            await session.commit()
    finally:
        event.remove(db_engine.sync_engine, "before_cursor_execute", seen)
    assert statements == ["SELECT", "INSERT"]
    assert await storage.get_state(_key()) == Intake.company.state
    assert await storage.get_data(_key()) == {"company": "Acme", "phone": "+7900"}


@pytest.fixture
async def redis_pair() -> AsyncIterator[tuple[BufferedRedisStorage, RedisStorage]]:
    """The bot's Redis storage and aiogram's own on the same keys, under a fresh prefix."""
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    unused: SessionFactory = async_sessionmaker()
    storage = create_fsm_storage(REDIS_URL, unused, prefix=prefix)
    assert isinstance(storage, BufferedRedisStorage)
    plain = RedisStorage(storage.redis, key_builder=DefaultKeyBuilder(prefix=prefix))
    try:
        yield storage, plain
    finally:
        keys = [key async for key in storage.redis.scan_iter(match=f"{prefix}:*")]
        if keys:
            await storage.redis.delete(*keys)
        await storage.close()


async def test_in_redis_within_an_update_a_dialog_is_read_once_and_written_at_its_end(
    redis_pair: tuple[BufferedRedisStorage, RedisStorage],
) -> None:
    storage, plain = redis_pair
    await plain.set_data(_key(), {"company": "Acme"})
    async with use_session(AsyncSession()):
        assert await storage.get_state(_key()) is None  # the first use reads state and data
        await plain.set_data(_key(), {"company": "changed meanwhile"})
        assert await storage.get_data(_key()) == {"company": "Acme"}
        await storage.set_state(_key(), Intake.phone)
        await storage.update_data(_key(), {"phone": "+7900"})
        assert await storage.get_state(_key()) == Intake.phone.state
        assert await plain.get_state(_key()) is None  # nothing written before the end
    # Written as aiogram writes it: its own storage reads the dialog back.
    assert await plain.get_state(_key()) == Intake.phone.state
    assert await plain.get_data(_key()) == {"company": "Acme", "phone": "+7900"}


async def test_in_redis_a_failed_update_changes_no_dialog(
    redis_pair: tuple[BufferedRedisStorage, RedisStorage],
) -> None:
    storage, plain = redis_pair

    async def failing_update() -> None:
        async with use_session(AsyncSession()):
            await storage.set_state(_key(), Intake.phone)
            await storage.set_data(_key(), {"company": "Acme"})
            raise RuntimeError("the handler failed")

    with pytest.raises(RuntimeError):
        await failing_update()
    assert await plain.get_state(_key()) is None
    assert await plain.get_data(_key()) == {}


async def test_in_redis_a_cleared_dialog_leaves_no_keys(
    redis_pair: tuple[BufferedRedisStorage, RedisStorage],
) -> None:
    storage, plain = redis_pair
    await plain.set_state(_key(), Intake.company)
    await plain.set_data(_key(), {"company": "Acme"})
    async with use_session(AsyncSession()):
        await storage.set_state(_key(), None)
        await storage.set_data(_key(), {})
    names = [plain.key_builder.build(_key(), part) for part in ("state", "data")]
    assert await storage.redis.exists(*names) == 0
