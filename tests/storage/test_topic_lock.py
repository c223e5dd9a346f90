"""Opening a forum topic is serialized across instances until the opener commits."""

from __future__ import annotations

import asyncio

import pytest

from storage.repositories.holder import Repositories
from tests.storage.fixtures import SessionFactory

GROUP = -1001


@pytest.mark.parametrize("backend", ["postgres"])
async def test_a_second_opener_waits_for_the_first_to_commit_and_sees_its_topic(
    session_factory: SessionFactory,
) -> None:
    async with session_factory() as first:
        await Repositories(first).team.lock_topic(GROUP, "it_erp")
        await Repositories(first).team.save_topic(GROUP, "it_erp", 77)

        async def second_opener() -> int | None:
            async with session_factory() as second:
                repo = Repositories(second)
                await repo.team.lock_topic(GROUP, "it_erp")
                return await repo.team.topic(GROUP, "it_erp")

        waiting = asyncio.create_task(second_opener())
        done, _ = await asyncio.wait([waiting], timeout=0.3)
        assert not done  # held until the first transaction ends
        await first.commit()

    assert await asyncio.wait_for(waiting, timeout=5) == 77
