"""One phase of load: people at work until so many updates, and what the phase cost.

Shared by the inbound part (one bot process) and the scale-out part (a fleet of them, played
in slices): the people act through a paced emulator (or as fast as they can), experts take
the requests meanwhile, and the phase's latencies and throughput come from the emulator's
records, its CPU from the measured processes and from the benchmark's own.
"""

from __future__ import annotations

import asyncio
import resource
from dataclasses import dataclass
from typing import Protocol, cast

from bench.load import PacedEmulator, Pacer, PhaseResult, Recorder, measure
from bench.people import Budget, Worker, take_requests
from emulator import TelegramEmulator


@dataclass
class Phase:
    """One phase's emulator-side figures plus the bot's CPU time over it."""

    result: PhaseResult
    bot_cpu: float
    driver_cpu: float
    claims: int = 0
    server_cpu: float | None = None
    """PostgreSQL's and Redis' CPU over the phase, where the scale-out part can read it."""

    @property
    def cpu_per_1000(self) -> float:
        return self.bot_cpu / self.result.updates * 1000 if self.result.updates else 0.0

    @property
    def total_cpu_per_1000(self) -> float | None:
        """The bot's and its servers' CPU per 1,000 updates, if the servers' was measured."""
        if self.server_cpu is None or not self.result.updates:
            return None
        return (self.bot_cpu + self.server_cpu) / self.result.updates * 1000


def _driver_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class UsesCpu(Protocol):
    """What a phase measures: one bot process, or several added up."""

    def cpu_seconds(self) -> float: ...


async def run_phase(
    tg: TelegramEmulator,
    recorder: Recorder,
    process: UsesCpu,
    *,
    rate: float | None,
    target: int,
    people: list[int],
    worker: Worker,
    experts: list[int] | None = None,
) -> Phase:
    """Run ``worker`` for every person until ``target`` updates, then measure."""
    paced = cast(TelegramEmulator, PacedEmulator(tg, Pacer(rate)))
    start = recorder.mark()
    cpu_before, driver_before = process.cpu_seconds(), _driver_cpu()
    budget = Budget(recorder, target)
    stop = asyncio.Event()
    taken: list[int] = []
    claimers = []
    if experts:
        claimers.append(asyncio.create_task(take_requests(paced, experts, stop, taken)))
    await asyncio.gather(*(worker(paced, user_id, budget) for user_id in people))
    await asyncio.sleep(0.5)  # the last answers and claims settle
    stop.set()
    await asyncio.gather(*claimers)
    result = measure(recorder, start, set(people))
    return Phase(
        result=result,
        bot_cpu=process.cpu_seconds() - cpu_before,
        driver_cpu=_driver_cpu() - driver_before,
        claims=len(taken),
    )
