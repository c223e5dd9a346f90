"""The alarm rings once, and a new setting replaces the old one."""

from __future__ import annotations

import asyncio

from bot.reminders.alarm import Alarm


async def test_the_alarm_rings_in_the_event_loop() -> None:
    rang = asyncio.Event()
    alarm = Alarm(rang.set)
    alarm.start()
    try:
        alarm.set(0.05)
        await asyncio.wait_for(rang.wait(), timeout=5)
    finally:
        alarm.stop()


async def test_a_new_setting_replaces_the_pending_ring() -> None:
    rings: list[str] = []
    done = asyncio.Event()

    def ring() -> None:
        rings.append("ring")
        done.set()

    alarm = Alarm(ring)
    alarm.start()
    try:
        alarm.set(3600)
        alarm.set(0.05)
        await asyncio.wait_for(done.wait(), timeout=5)
        assert rings == ["ring"]
    finally:
        alarm.stop()
