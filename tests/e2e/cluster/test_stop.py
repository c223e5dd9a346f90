"""A webhook instance stopped while Telegram keeps failing stops, and loses nothing."""

from __future__ import annotations

from emulator import TelegramEmulator
from storage.models import UpdateStatus
from tests.e2e.cluster.conftest import Cluster, inbox_statuses
from tests.e2e.cluster.instances import eventually, logs
from tests.storage.fixtures import SessionFactory

GUEST = 61_000


async def test_a_sigterm_while_telegram_keeps_failing_stops_and_leaves_the_updates_pending(
    tg: TelegramEmulator, cluster: Cluster, sessions: SessionFactory
) -> None:
    tg.add_user(GUEST, "Гость")
    (instance,) = await cluster(1)
    tg.fail_next("sendMessage", 1_000, chat_id=GUEST)  # Telegram answers 500, on and on
    await tg.send_message(GUEST, "/start")
    await tg.send_message(GUEST, "/help")

    async def both_recorded() -> bool:
        return (await inbox_statuses(sessions))[UpdateStatus.PENDING] == 2

    await eventually(both_recorded, timeout=15, what="both updates in the inbox")
    await tg.wait_for_call("sendMessage", timeout=15)  # the first is being answered
    # Stopped within the harness' 30 s, not killed: the retries end with the stop.
    assert await instance.stop() == 0, logs([instance])
    assert await inbox_statuses(sessions) == {UpdateStatus.PENDING: 2}
    log = instance.log.read_text()
    assert "event=update.left_pending" in log
    assert "event=bot.stopped" in log


async def test_a_sigterm_while_telegram_hangs_cuts_the_chat_short_within_stop_timeout(
    tg: TelegramEmulator, cluster: Cluster, sessions: SessionFactory
) -> None:
    tg.add_user(GUEST + 1, "Гость")
    (instance,) = await cluster(1, STOP_TIMEOUT="2")
    tg.fail_next("sendMessage", kind="timeout", hold=120, chat_id=GUEST + 1)  # never answered
    await tg.send_message(GUEST + 1, "/start")
    await tg.wait_for(lambda: not tg.faults.left("sendMessage"), timeout=15, what="the hang")

    # aiogram would wait a minute for the answer; the harness kills after 30 s.
    assert await instance.stop() == 0, logs([instance])
    assert await inbox_statuses(sessions) == {UpdateStatus.PENDING: 1}
    log = instance.log.read_text()
    assert "event=stop.cut what=chats count=1 seconds=2" in log
    assert "event=bot.stopped" in log
