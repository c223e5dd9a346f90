"""Blocking and unblocking the bot is remembered, so the sender knows whom to skip."""

from __future__ import annotations

from collections.abc import Callable

from emulator import TelegramEmulator
from storage.models import Role
from storage.repositories.holder import Repositories
from tests.harness import Person, RunningBot


async def test_a_block_tells_a_manager_once_and_an_unblock_makes_the_user_writable(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    olga, boss = person(61, "Ольга"), person(62, "Олег")
    await olga.ask("/start")
    await boss.ask("/start")
    async with bot.app.session_factory() as session:
        await Repositories(session).users.grant_role(boss.user_id, Role.MANAGER)
        await session.commit()

    tg.block(61)
    notice = await boss.reply()
    assert "Ольга заблокировал(а) бота" in notice.text
    tg.unblock(61)
    # Updates of one chat are handled in order: once /help is answered, both are handled.
    assert (await olga.ask("/help")).text.startswith("Команды")
    tg.block(61)
    tg.unblock(61)
    await olga.ask("/help")
    # A second block after an unblock is news again.
    assert "Ольга заблокировал(а) бота" in (await boss.reply()).text

    async with bot.app.session_factory() as session:
        repo = Repositories(session)
        user = await repo.users.get(61)
        kinds = [e.kind for e in await repo.events.recent(limit=10) if e.actor_id == 61]
    assert user is not None
    assert not user.is_blocked
    assert kinds[:2] == ["user.unblocked_bot", "user.blocked_bot"]
    assert len(tg.bot_messages(boss.user_id)) == 3  # the greeting and two notices


async def test_one_who_never_opened_the_bot_is_named_so_and_is_reachable_once_they_write(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    boss = person(64, "Олег")
    await boss.ask("/start")
    tg.add_user(63, "Ольга", started=False)
    async with bot.app.session_factory() as session:
        repo = Repositories(session)
        await repo.users.upsert_from_telegram(
            user_id=63, first_name="Ольга", last_name=None, username=None, language_code="ru"
        )
        await repo.users.grant_role(boss.user_id, Role.MANAGER)
        await bot.app.outbox.enqueue(repo, chat_id=63, text="Вам назначена заявка #1")
        await session.commit()

    notice = await boss.reply()
    assert "Ольга ещё не открывал(а) чат с ботом" in notice.text
    assert "заблокировал" not in notice.text
    olga = Person(tg, 63)
    assert (await olga.ask("/help")).text.startswith("Команды")
    await olga.ask("/help")  # answered once the first is handled and committed
    async with bot.app.session_factory() as session:
        user = await Repositories(session).users.get(63)
    assert user is not None
    assert not user.is_blocked
