"""Every guided tour plays to its end against the real bot, one after another."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from playground.run import Playground
from playground.tours import TOURS

TOUR_TIMEOUT = 60.0


@pytest.fixture
async def playground() -> AsyncIterator[Playground]:
    async with Playground() as running:
        yield running


async def _tour_event(feed: asyncio.Queue[Any], *states: str) -> dict[str, Any]:
    """The next tour event in one of ``states``, read from the feed a page reads."""
    async with asyncio.timeout(TOUR_TIMEOUT):
        while True:
            event = await feed.get()
            assert event is not None, "the feed ended"
            kind, data = event
            if kind == "tour" and data["state"] in states:
                return dict(data)


async def test_every_tour_plays_to_its_end_one_after_another(playground: Playground) -> None:
    feed = playground.feed.subscribe()
    for tour in TOURS:
        playground.tours.start(tour)
        first = await _tour_event(feed, "waiting", "failed")
        assert (first["tour"], first["step"]) == (tour, 1), first
        playground.tours.finish()
        ended = await _tour_event(feed, "done", "failed")
        assert ended["state"] == "done", ended
        assert ended["step"] == ended["total"]
