"""An update is handled in the event loop: no filter check is sent to a worker thread."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from tests.e2e.intake.flow import fill, open_form, scenario, submit
from tests.harness import Person, RunningBot


class CountingExecutor(ThreadPoolExecutor):
    """The loop's default executor, counting what is handed to it."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)
        self.submitted: list[str] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted.append(repr(fn))
        return super().submit(fn, *args, **kwargs)


async def test_a_whole_form_is_filled_in_and_submitted_without_a_trip_to_a_worker_thread(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    executor = CountingExecutor()
    asyncio.get_running_loop().set_default_executor(executor)
    anna = person(81, "Анна")
    summary, _ = await fill(anna, scenario("it_erp"), "ru", await open_form(anna, "it_erp"))
    number = await submit(anna, summary)
    assert number > 0
    assert executor.submitted == []
