"""Users are kept fresh from Telegram cheaply and carry their roles and settings."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from domain.clock import ManualClock
from storage.models import Role
from storage.repositories import Repositories
from tests.storage.fixtures import SessionFactory

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def test_first_update_creates_the_user_and_later_ones_refresh_only_changes(
    session_factory: SessionFactory,
) -> None:
    clock = ManualClock(START)
    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        user = await repo.users.upsert_from_telegram(
            user_id=7_000_000_001,
            first_name="Anna",
            last_name=None,
            username="anna",
            language_code="ru",
        )
        await session.commit()
    assert (user.id, user.first_name, user.telegram_language) == (7_000_000_001, "Anna", "ru")
    assert user.language is None
    assert user.roles == frozenset()
    assert user.created_at == user.updated_at == START

    clock.advance(minutes=5)
    async with session_factory() as session:
        repo = Repositories(session, clock=clock)
        same = await repo.users.upsert_from_telegram(
            user_id=7_000_000_001,
            first_name="Anna",
            last_name=None,
            username="anna",
            language_code="ru",
        )
        assert same.updated_at == START  # nothing changed, nothing written

        clock.advance(minutes=5)
        renamed = await repo.users.upsert_from_telegram(
            user_id=7_000_000_001,
            first_name="Anna",
            last_name="Petrova",
            username="anna_p",
            language_code="en",
        )
        await session.commit()
    assert (renamed.last_name, renamed.username, renamed.telegram_language) == (
        "Petrova",
        "anna_p",
        "en",
    )
    assert renamed.updated_at == START + timedelta(minutes=10)
    assert renamed.created_at == START


async def test_roles_settings_and_supervisor(session_factory: SessionFactory) -> None:
    async with session_factory() as session:
        repo = Repositories(session)
        for user_id, name in ((1, "Boss"), (2, "Eve"), (3, "Max")):
            await repo.users.upsert_from_telegram(
                user_id=user_id,
                first_name=name,
                last_name=None,
                username=None,
                language_code=None,
            )
        expert = await repo.users.get(2)
        assert expert is not None

        assert await repo.users.grant_role(2, Role.EXPERT) is True
        assert await repo.users.grant_role(2, Role.EXPERT) is False
        assert await repo.users.grant_role(3, Role.EXPERT) is True
        assert await repo.users.grant_role(1, Role.MANAGER) is True
        assert expert.roles == {Role.EXPERT}  # the loaded user sees the grant
        assert await repo.users.set_supervisor(2, 1)
        assert await repo.users.set_tags(2, ["crm", "erp", "crm"])
        assert await repo.users.set_language(2, "en")
        assert await repo.users.set_time_zone(2, "Europe/Moscow")
        assert await repo.users.set_blocked(3, True)
        assert not await repo.users.set_language(404, "en")
        await session.commit()

    async with session_factory() as session:
        repo = Repositories(session)
        assert [u.id for u in await repo.users.with_role(Role.EXPERT)] == [2, 3]
        assert await repo.users.has_role(1, Role.MANAGER)
        assert not await repo.users.has_role(1, Role.EXPERT)
        expert = await repo.users.get(2)
        assert expert is not None
        assert (expert.tags, expert.language, expert.time_zone, expert.supervisor_id) == (
            ["crm", "erp"],
            "en",
            "Europe/Moscow",
            1,
        )
        blocked = await repo.users.get(3)
        assert blocked is not None
        assert blocked.is_blocked

        assert await repo.users.revoke_role(3, Role.EXPERT) is True
        assert await repo.users.revoke_role(3, Role.EXPERT) is False
        assert blocked.roles == frozenset()
        assert [u.id for u in await repo.users.with_role(Role.EXPERT)] == [2]


async def _person(session_factory: SessionFactory, tags: list[str]) -> None:
    async with session_factory() as session:
        repo = Repositories(session)
        await repo.users.upsert_from_telegram(
            user_id=2, first_name="Ira", last_name=None, username=None, language_code=None
        )
        await repo.users.set_tags(2, tags)
        await session.commit()


async def _tags(session_factory: SessionFactory) -> list[str]:
    async with session_factory() as session:
        person = await Repositories(session).users.get(2)
    assert person is not None
    return person.tags


async def test_a_tag_is_added_or_removed_once_and_asking_again_changes_nothing(
    session_factory: SessionFactory,
) -> None:
    await _person(session_factory, ["crm"])
    async with session_factory() as session:
        repo = Repositories(session)
        assert await repo.users.change_tag(2, "erp", add=True) is True
        assert await repo.users.change_tag(2, "erp", add=True) is False
        assert await repo.users.change_tag(2, "crm", add=False) is True
        assert await repo.users.change_tag(2, "crm", add=False) is False
        assert await repo.users.change_tag(404, "crm", add=True) is False
        await session.commit()
    assert await _tags(session_factory) == ["erp"]


@pytest.mark.parametrize("backend", ["postgres"])
async def test_two_admins_changing_different_tags_at_once_both_keep_their_change(
    session_factory: SessionFactory,
) -> None:
    await _person(session_factory, ["crm"])
    async with session_factory() as first:
        assert await Repositories(first).users.change_tag(2, "erp", add=True)

        async def second_admin() -> bool:
            async with session_factory() as second:
                changed = await Repositories(second).users.change_tag(2, "crm", add=False)
                await second.commit()
                return changed

        waiting = asyncio.create_task(second_admin())
        done, _ = await asyncio.wait([waiting], timeout=0.3)
        assert not done  # the person's row is held until the first admin's change commits
        await first.commit()

    assert await asyncio.wait_for(waiting, timeout=5) is True
    assert await _tags(session_factory) == ["erp"]
