"""The simulated people of the inbound load: lead generators, their experts, echo writers.

Each person acts through whatever emulator they are given (paced or not) and stops when the
phase's budget of updates is spent. Lead generators fill in the IT/ERP form with the
end-to-end tests' helpers; experts in the team group press "Take" on every card the bot
posts, so that the bot's claiming runs under the load too.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from bench.load import Recorder
from emulator import EmMessage, TelegramEmulator
from tests.e2e.intake import flow
from tests.harness import Person

TEAM_CHAT_ID = -1001000000777
LEAD_IDS = 10_000
EXPERT_IDS = 20_000
TAKE_LABELS = ("Беру", "Take")


class Budget:
    """Lets people start more work until ``target`` updates were sent in the phase."""

    def __init__(self, recorder: Recorder, target: int) -> None:
        self._recorder = recorder
        self._start = len(recorder.emitted)
        self._target = target

    def more(self) -> bool:
        return len(self._recorder.emitted) - self._start < self._target


Worker = Callable[[TelegramEmulator, int, Budget], Awaitable[None]]


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
