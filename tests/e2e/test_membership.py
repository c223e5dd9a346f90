"""Blocking and unblocking the bot is remembered, so the sender knows whom to skip."""

from __future__ import annotations

from collections.abc import Callable

from emulator import TelegramEmulator
from storage.repositories.holder import Repositories
from tests.harness import Person, RunningBot


async def test_a_user_who_blocks_and_unblocks_the_bot_is_writable_again(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    olga = person(61, "Ольга")
    await olga.ask("/start")
    tg.block(61)
    tg.unblock(61)
    # Updates of one chat are handled in order: once /help is answered, both are handled.
    assert (await olga.ask("/help")).text.startswith("Команды")
    async with bot.app.session_factory() as session:
        repo = Repositories(session)
        user = await repo.users.get(61)
        kinds = [e.kind for e in await repo.events.recent(limit=10) if e.actor_id == 61]
    assert user is not None
    assert not user.is_blocked
    assert kinds[:2] == ["user.unblocked_bot", "user.blocked_bot"]
