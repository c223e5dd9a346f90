"""A stop's window: work that ends in time is waited for, the rest is cut short."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.stop_window import StopWindow


async def test_work_that_ends_within_the_window_is_waited_for_and_the_rest_cut(
    caplog: pytest.LogCaptureFixture,
) -> None:
    quick_done = asyncio.Event()

    async def quick() -> None:
        quick_done.set()

    hung = asyncio.create_task(asyncio.Event().wait())
    window = StopWindow(0.1)
    cut = await window.finish_or_cut([asyncio.create_task(quick()), hung], "updates")

    assert cut == 1
    assert quick_done.is_set()
    assert hung.cancelled()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        "event=stop.cut what=updates count=1 seconds=0.1"
    ]


async def test_the_window_is_shared_by_every_wait_of_one_stop() -> None:
    window = StopWindow(0.1)
    assert window.left() == 0.1  # not begun
    window.open()
    await window.finish_or_cut([asyncio.create_task(asyncio.Event().wait())], "updates")
    window.open()  # a later part of the same stop: the window stays where it was
    assert window.left() == 0.0
    later = asyncio.create_task(asyncio.Event().wait())
    assert await window.finish_or_cut([later], "jobs") == 1  # no time left: cut at once
    assert later.cancelled()
