"""Inbound: people completing the IT/ERP intake dialog while experts take the requests.

The same load runs against the bare echo bot first (the baseline), then against the real
bot in its own process: a phase at a fixed offered load and a phase at saturation.
"""

from __future__ import annotations

import asyncio
import itertools
import resource
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast

from bench.load import PacedEmulator, Pacer, PhaseResult, Recorder, measure
from bench.process import BotProcess
from bench.report import Report, ms, percentile
from emulator import EmMessage, TelegramEmulator
from tests.e2e.intake import flow
from tests.harness import Person

TEAM_CHAT_ID = -1001000000777
LEAD_IDS = 10_000
EXPERT_IDS = 20_000
TAKE_LABELS = ("Беру", "Take")


@dataclass(frozen=True)
class InboundSize:
    """How much load: the offered rate, updates per phase, and how many people."""

    rate: float
    fixed_updates: int
    saturation_updates: int
    people: int
    experts: int


QUICK = InboundSize(rate=50, fixed_updates=60, saturation_updates=100, people=8, experts=2)
FULL = InboundSize(rate=100, fixed_updates=1000, saturation_updates=1500, people=24, experts=4)


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


@dataclass
class BotFigures:
    fixed: Phase
    saturation: Phase
    peak_rss_mib: float
    startup: float


class Budget:
    """Lets people start more work until ``target`` updates were sent in the phase."""

    def __init__(self, recorder: Recorder, target: int) -> None:
        self._recorder = recorder
        self._start = len(recorder.emitted)
        self._target = target

    def more(self) -> bool:
        return len(self._recorder.emitted) - self._start < self._target


def _driver_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def start_bot(tg: TelegramEmulator, process: BotProcess, timeout: float = 60) -> float:
    """Start the process; seconds until its first getUpdates waits at the emulator."""
    await process.start()
    try:
        polling_since = await tg.wait_for_poll(timeout=timeout)
    except AssertionError:
        raise RuntimeError(
            f"{process.module} did not start polling:\n{process.log_tail()}"
        ) from None
    return polling_since - process.started_at


Worker = Callable[[TelegramEmulator, int, Budget], Awaitable[None]]


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


# -- the people ----------------------------------------------------------------------


async def echo_person(tg: TelegramEmulator, user_id: int, budget: Budget) -> None:
    """Write, wait for the echo, write again."""
    for number in itertools.count():
        if not budget.more():
            return
        await tg.send_message(user_id, f"ping {number}")
        await tg.next_bot_message(user_id, timeout=30)


_dialogs: Iterator[int] = itertools.count(1)


def unique_answers(number: int) -> dict[str, flow.Answer]:
    """Company, phone and e-mail of a new client each time, so no duplicate warning."""
    return {
        "company_name": f"ООО «Ромашка {number}»",
        "contact_phone": f"+7 912 {number // 10_000 % 1000:03d}-{number // 100 % 100:02d}"
        f"-{number % 100:02d}",
        "contact_email": f"lead{number}@example.com",
    }


stuck: list[str] = []
"""Dialogs that stopped making sense (the bot answered something else); each is reported."""


async def submit(person: Person, summary: EmMessage) -> None:
    """Press "Submit" and wait for the receipt.

    Unlike the test helper, notices that arrive first are skipped: an expert may already
    have taken an earlier request of this person, and that notice is not the receipt.
    """
    await person.press(summary, "🚀")
    while not flow.RECEIPT.search((await person.reply()).text):
        pass


async def lead_person(tg: TelegramEmulator, user_id: int, budget: Budget) -> None:
    """Complete the IT/ERP form and submit it, again and again.

    A person whose dialog gets stuck (no expected answer within the helpers' patience)
    stops, and the dialog is counted, so one failure does not hide every other figure.
    """
    person = Person(tg, user_id)
    form = flow.scenario("it_erp")
    while budget.more():
        try:
            first = await flow.open_form(person, "it_erp")
            answers = unique_answers(next(_dialogs))
            summary, _ = await flow.fill(person, form, "ru", first, answers)
            await submit(person, summary)
        except AssertionError as error:
            stuck.append(f"user {user_id}: {str(error).splitlines()[0]}")
            return


def _grown(messages: list[Any], seen: int) -> Callable[[], bool]:
    return lambda: len(messages) > seen


async def take_requests(
    tg: TelegramEmulator, experts: list[int], stop: asyncio.Event, taken: list[int]
) -> None:
    """Experts press "Take" on every new card in the team group, in turn."""
    chat = tg.world.chat(TEAM_CHAT_ID)
    seen = len(chat.bot_sent)
    turn = itertools.cycle(experts)
    while not stop.is_set():
        if seen >= len(chat.bot_sent):
            try:
                await tg.wait_for(_grown(chat.bot_sent, seen), timeout=0.5)
            except AssertionError:
                continue
        message = chat.bot_sent[seen]
        seen += 1
        buttons = [b for row in message.buttons for b in row if b.text.endswith(TAKE_LABELS)]
        if buttons and buttons[0].callback_data:
            await tg.press(next(turn), message, buttons[0].callback_data)
            taken.append(message.message_id)


# -- the two bots --------------------------------------------------------------------


async def measure_bot(
    module: str,
    worker: Worker,
    size: InboundSize,
    *,
    env: dict[str, Any],
    workdir: Path,
    with_team: bool,
) -> BotFigures:
    """One bot process against a fresh emulator with flood limits off: both phases."""
    async with TelegramEmulator(rate_limits=False) as tg:
        recorder = Recorder(tg)
        people = [LEAD_IDS + n for n in range(size.people)]
        experts = [EXPERT_IDS + n for n in range(size.experts)] if with_team else []
        for user_id in people:
            tg.add_user(user_id, f"Lead {user_id}")
        for user_id in experts:
            tg.add_user(user_id, f"Expert {user_id}")
        tg.add_group(TEAM_CHAT_ID, "Presale team", members=experts)
        process = BotProcess(
            module,
            workdir,
            {"BOT_TOKEN": tg.bot_token, "TELEGRAM_API_URL": tg.base_url, **env},
            args=["run"] if module == "bot" else [],
        )
        try:
            startup = await start_bot(tg, process)
            await worker(tg, people[0], Budget(recorder, 1))  # warm-up: one round
            fixed = await run_phase(
                tg,
                recorder,
                process,
                rate=size.rate,
                target=size.fixed_updates,
                people=people,
                worker=worker,
                experts=experts,
            )
            saturation = await run_phase(
                tg,
                recorder,
                process,
                rate=None,
                target=size.saturation_updates,
                people=people,
                worker=worker,
                experts=experts,
            )
            _, peak = process.memory()
        finally:
            code = await process.stop()
        if code not in (0, -15):
            raise RuntimeError(f"{module} exited with {code}:\n{process.log_tail()}")
        return BotFigures(fixed=fixed, saturation=saturation, peak_rss_mib=peak, startup=startup)


def bot_env(database_url: str) -> dict[str, str]:
    """The real bot's settings for the benchmark: a team group, open claiming."""
    return {
        "DATABASE_URL": database_url,
        "TEAM_CHAT_ID": str(TEAM_CHAT_ID),
        "CLAIM_POLICY": "open",
        "AUTO_ASSIGN": "false",
        "POLLING_TIMEOUT": "5",
        "LOG_LEVEL": "INFO",
    }


async def run_inbound(
    report: Report,
    size: InboundSize,
    *,
    section: str,
    database_url: str | None,
    echo: BotFigures | None,
) -> BotFigures:
    """Measure the echo baseline (unless given) and the real bot; add rows to ``report``."""
    with tempfile.TemporaryDirectory(prefix="bench-inbound-") as directory:
        workdir = Path(directory)
        if echo is None:
            echo = await measure_bot(
                "bench.echo_bot", echo_person, size, env={}, workdir=workdir, with_team=False
            )
            _rows(report, "inbound: echo baseline", echo, size)
        url = database_url or f"sqlite+aiosqlite:///{workdir / 'bot.db'}"
        ours = await measure_bot(
            "bot", lead_person, size, env=bot_env(url), workdir=workdir, with_team=True
        )
    _rows(report, section, ours, size)
    ratio = ours.saturation.result.per_second / max(echo.saturation.result.per_second, 1e-9)
    report.add(
        section,
        "throughput ours/echo",
        f"{ratio:.2f}",
        target=">= 0.60",
        met=ratio >= 0.6,
        raw=ratio,
    )
    report.add(
        section, "dialogs stuck", str(len(stuck)), target="0", met=not stuck, raw=len(stuck)
    )
    for line in stuck[:3]:
        report.add(section, "  stuck", line[:120])
    stuck.clear()
    claims = ours.fixed.claims + ours.saturation.claims
    if claims == 0:
        report.not_built(section, "experts taking requests")
    else:
        report.add(section, "requests taken by experts", str(claims), raw=claims)
    return echo


def _rows(report: Report, section: str, figures: BotFigures, size: InboundSize) -> None:
    report.add(section, "start-up (spawn → polling)", f"{figures.startup:.2f} s")
    for name, phase in (
        (f"@{size.rate:g}/s", figures.fixed),
        ("saturation", figures.saturation),
    ):
        result = phase.result
        p99 = percentile(result.latencies, 0.99)
        report.add(
            section,
            f"{name}: handled updates/s",
            f"{result.per_second:.0f} ({result.updates} in {result.seconds:.1f} s)",
            raw=result.per_second,
        )
        report.add(
            section,
            f"{name}: latency p50/p95/p99",
            " / ".join(ms(percentile(result.latencies, share)) for share in (0.5, 0.95, 0.99)),
            target="p99 < 50 ms" if phase is figures.fixed else "",
            met=p99 < 0.05 if phase is figures.fixed else None,
            raw=p99,
        )
        wall = max(result.seconds, 1e-9)
        report.add(
            section,
            f"{name}: bot CPU s / 1000 updates",
            f"{phase.cpu_per_1000:.2f} (driver at {phase.driver_cpu / wall:.0%} of a core)",
            raw=phase.cpu_per_1000,
        )
    report.add(
        section, "bot peak RSS", f"{figures.peak_rss_mib:.0f} MiB", raw=figures.peak_rss_mib
    )
