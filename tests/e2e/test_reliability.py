"""Updates survive crashes and are handled once, with the bot as a real process."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bot.settings import Settings
from domain.clock import ManualClock
from emulator import TelegramEmulator
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade_database
from storage.models import UpdateStatus
from storage.repositories.holder import Repositories
from tests.e2e.cluster.instances import eventually
from tests.harness import Person, RunningBot, sqlite_url, update_id_of
from tests.process import BotProcess


async def test_an_update_in_flight_during_a_crash_is_answered_once_after_restart(
    tg: TelegramEmulator, tmp_path: Path
) -> None:
    tg.add_user(21, "Алиса", language_code="ru")
    first = BotProcess(tg, tmp_path)
    await first.start()
    tg.fail_next("sendMessage", 1, kind="timeout")
    start = await tg.send_message(21, "/start")
    await tg.wait_for_call("sendMessage", timeout=15)
    await first.kill()

    second = BotProcess(tg, tmp_path)
    await second.start()
    try:
        greeting = await tg.next_bot_message(21, timeout=15)
        assert "Здравствуйте, Алиса" in greeting.text
        # Telegram may deliver the same update again; it must not be handled a second time.
        tg.redeliver(update_id_of(tg, start))
        await tg.send_message(21, "/help")
        help_reply = await tg.next_bot_message(21, timeout=15)
        assert help_reply.text.startswith("Команды")
        greetings = [m for m in tg.transcript(21) if m.from_bot and "Здравствуйте" in m.text]
        assert len(greetings) == 1
    finally:
        await second.terminate()


async def test_a_message_in_flight_when_the_bot_is_killed_goes_out_at_the_next_start(
    tg: TelegramEmulator, tmp_path: Path
) -> None:
    tg.add_user(25, "Вера", language_code="ru")
    url = sqlite_url(tmp_path)
    await upgrade_database(url)
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            await Repositories(session).reminders.add(
                kind="note",
                due_at=datetime.now(UTC),
                recipient_id=25,
                payload={"text": "Перезвонить клиенту в 16:00"},
                urgent=True,
            )
            await session.commit()
    finally:
        await engine.dispose()
    tg.fail_next("sendMessage", 1, kind="timeout", hold=60, chat_id=25)
    first = BotProcess(tg, tmp_path)
    await first.start()
    await tg.wait_for(lambda: not tg.faults.left("sendMessage"), timeout=15, what="the note held")
    await first.kill()

    second = BotProcess(tg, tmp_path)
    await second.start()
    try:
        # Its claim would have held it for two minutes; the only process takes it back.
        note = await tg.next_bot_message(25, timeout=30)
        assert "Перезвонить клиенту в 16:00" in note.text
    finally:
        log = await second.terminate()
    assert b"event=start.sent_again" in log
    assert len(tg.bot_messages(25)) == 1


async def test_sigterm_lets_the_bot_stop_cleanly(tg: TelegramEmulator, tmp_path: Path) -> None:
    tg.add_user(22, "Boris", language_code="en")
    process = BotProcess(tg, tmp_path)
    await process.start()
    await tg.send_message(22, "/start")
    await tg.next_bot_message(22, timeout=15)
    log = await process.terminate()
    assert process.process is not None
    assert process.process.returncode == 0
    assert b"event=bot.stopped" in log


async def test_a_sigterm_while_telegram_keeps_failing_leaves_a_chats_backlog_untried(
    tg: TelegramEmulator, tmp_path: Path
) -> None:
    tg.add_user(25, "Vera", language_code="en")
    process = BotProcess(tg, tmp_path)
    await process.start()
    tg.fail_next("sendMessage", 1_000, chat_id=25)  # Telegram answers 500, on and on
    sent = [update_id_of(tg, await tg.send_message(25, "/help")) for _ in range(5)]
    engine = create_engine(sqlite_url(tmp_path))
    try:
        inbox = create_session_factory(engine)

        async def statuses() -> dict[int, str | None]:
            async with inbox() as session:
                updates = Repositories(session).updates
                return {update_id: await updates.status(update_id) for update_id in sent}

        async def all_recorded() -> bool:
            return None not in (await statuses()).values()

        await tg.wait_for_call("sendMessage", timeout=15)  # the first is being answered
        await eventually(all_recorded, timeout=15, what="the five updates in the inbox")
        log = (await process.terminate()).decode()
        assert process.process is not None
        assert process.process.returncode == 0
        # Only the update under way was tried; the four behind it waited for nothing.
        tried = {
            line.split("update_id=")[1].split()[0]
            for line in log.splitlines()
            if "event=api.retry" in line
        }
        assert tried == {str(sent[0])}
        assert log.count("event=update.left_pending") == 5
        assert set((await statuses()).values()) == {UpdateStatus.PENDING}
    finally:
        await engine.dispose()


async def test_a_sigterm_while_telegram_hangs_cuts_the_update_short_and_keeps_it_pending(
    tg: TelegramEmulator, tmp_path: Path
) -> None:
    tg.add_user(26, "Gleb", language_code="en")
    process = BotProcess(tg, tmp_path, STOP_TIMEOUT="2")
    await process.start()
    tg.fail_next("sendMessage", kind="timeout", hold=120, chat_id=26)  # never answered
    sent = update_id_of(tg, await tg.send_message(26, "/help"))
    await tg.wait_for(lambda: not tg.faults.left("sendMessage"), timeout=15, what="the hang")
    # aiogram would wait a minute for the answer; the stop's window is two seconds.
    log = (await asyncio.wait_for(process.terminate(), timeout=30)).decode()
    assert process.process is not None
    assert process.process.returncode == 0
    assert "event=stop.cut what=updates count=1 seconds=2" in log
    assert "event=bot.stopped" in log
    engine = create_engine(sqlite_url(tmp_path))
    try:
        async with create_session_factory(engine)() as session:
            assert await Repositories(session).updates.status(sent) == UpdateStatus.PENDING
    finally:
        await engine.dispose()

    again = BotProcess(tg, tmp_path)
    await again.start()
    try:
        assert (await tg.next_bot_message(26, timeout=15)).text.startswith("Commands")
    finally:
        await again.terminate()


async def test_handled_updates_are_pruned_after_a_week_but_pending_ones_stay(
    settings_for: Callable[..., Settings], person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    clock = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    async with RunningBot(settings_for(), clock=clock) as running:
        anna = person(23, "Анна")
        start = await anna.send("/start")
        await anna.reply()
        handled_id = update_id_of(tg, start)
        async with running.app.session_factory() as session:
            inbox = Repositories(session).updates
            await inbox.record([(10_000_000, "{}")])
            await session.commit()
            assert await inbox.status(handled_id) == UpdateStatus.DONE
        clock.advance(days=8)
        await running.app.inbox.prune()
        async with running.app.session_factory() as session:
            inbox = Repositories(session).updates
            assert await inbox.status(handled_id) is None
            assert await inbox.status(10_000_000) == UpdateStatus.PENDING


async def test_an_answer_refused_for_flooding_goes_again_after_the_wait(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(24, "Анна")
    tg.fail_next("sendMessage", 1, kind="429", retry_after=1)
    start = await anna.send("/start")
    reply = await anna.reply(timeout=10)
    assert "Здравствуйте, Анна" in reply.text
    refused, sent = tg.calls_of("sendMessage")[-2:]
    assert refused.error_code == 429
    assert sent.ok
    assert sent.time - refused.time >= 1.0
    assert len(tg.bot_messages(24)) == 1  # the greeting once, no apology for an error
    await bot.app.poller.drain()
    async with bot.app.session_factory() as session:
        status = await Repositories(session).updates.status(update_id_of(tg, start))
    assert status == UpdateStatus.DONE


async def test_a_second_polling_process_ends_the_first_with_one_line_and_code_2(
    tg: TelegramEmulator, tmp_path: Path
) -> None:
    first = BotProcess(tg, tmp_path / "first")
    second = BotProcess(tg, tmp_path / "second")
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    await first.start()
    await second.start()
    try:
        assert first.process is not None
        _, stderr = await first.process.communicate()
        log = stderr.decode()
        assert first.process.returncode == 2
        assert "Traceback" not in log
        assert (
            log.strip()
            .splitlines()[-1]
            .startswith("presale-bot: another process is already polling")
        )
    finally:
        await second.terminate()
