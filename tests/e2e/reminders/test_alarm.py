"""On the real clock, APScheduler wakes the engine when the next reminder falls due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.reminders.engine import IDLE_LOOK
from bot.settings import Settings
from tests.e2e.reminders.helpers import plan
from tests.harness import Person, RunningBot


async def test_a_reminder_due_in_a_second_arrives_long_before_the_idle_look(
    settings_for: Callable[..., Settings], person: Callable[..., Person]
) -> None:
    anna = person(1, "Анна")
    async with RunningBot(settings_for()) as running:
        app = running.app
        await anna.ask("/start")
        await plan(
            app,
            recipient_id=anna.user_id,
            due_at=app.clock.now() + timedelta(seconds=1),
            text="Перезвонить через секунду",
            urgent=True,
        )
        # Only the alarm can wake the engine this early: its own look-around is far off.
        note = await anna.reply(timeout=IDLE_LOOK / 3)
        assert "Перезвонить через секунду" in note.text
