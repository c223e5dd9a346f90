"""Thousands of seeded hostile inputs: none draws an unhandled error, every one is answered."""

from __future__ import annotations

import asyncio
import logging
import random
import string
import time
from collections import Counter
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from emulator import EmMessage, TelegramEmulator
from storage.models import InboxUpdate, UpdateStatus
from tests.harness import Person, RunningBot
from tests.reliability.conftest import SEED, report

PEOPLE = 20
INPUTS_PER_PERSON = 100
"""2,000 inputs in all; each message is followed by a forged "settle" press that waits
for it to be handled, each press waits for its own answer."""

COMMANDS = (
    "/help", "/cancel", "/new", "/start", "/my", "/lang", "/tz", "/queue", "/mine",
    "/frobnicate", "/start it_erp", "/start car_import", "/start no_such_form", "/assign 1 @x",
    "/start " + "x" * 64,
)  # fmt: skip
MARKUP = (
    "<b>жирный</b>", "</i>", "<a href='javascript:alert(1)'>x</a>", "&lt;&amp;&gt;", "<script>",
    "*bold* _it_ `code` [link](http://x)", "<tg-spoiler>", "<<>>", "&", "<b><i>нет</b>",
)  # fmt: skip
ALPHABETS = (
    string.ascii_letters + string.digits,
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗ",
    "漢字かなカナ한국어",
    "العربيةעברית",
    "😀🙂🔥👍🏽👨‍👩‍👧‍👦🇷🇺",
    "\u0301\u0308\u200b\u200d\u200e\u202e\ufeff",
    "\x00\x01\x07\x08\x0b\x1b\x7f\t\n\r",
    " .,-+@#%/\\",
)
KINDS = (
    "unicode", "long", "markup", "good", "number", "media", "command",
    "forged", "stale", "current", "edit",
)  # fmt: skip
WEIGHTS = (12, 4, 6, 14, 6, 10, 8, 8, 8, 16, 8)


def random_text(rng: random.Random) -> str:
    alphabet = "".join(rng.sample(ALPHABETS, rng.randint(1, 3)))
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))


def forged_data(rng: random.Random, seen: list[str]) -> str:
    if seen and rng.random() < 0.6:
        parts = rng.choice(seen).split(":")
        parts[rng.randrange(len(parts))] = rng.choice(["", "-1", "999999", "x", "📎", "0" * 20])
        return ":".join(parts)[:64]
    alphabet = string.ascii_letters + string.digits + ":_-|"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 64)))


class Hostile:
    """One person throwing seeded hostile input at the bot, checking every answer."""

    def __init__(self, tg: TelegramEmulator, person: Person, rng: random.Random) -> None:
        self.tg = tg
        self.person = person
        self.rng = rng
        self.sent: list[EmMessage] = []
        self.kinds: Counter[str] = Counter()
        self.unanswered: list[str] = []

    @property
    def user_id(self) -> int:
        return self.person.user_id

    def bot_messages(self) -> list[EmMessage]:
        return self.tg.bot_messages(self.user_id)

    async def run(self, inputs: int) -> None:
        await self.person.send("/start it_erp")
        await self.person.reply(timeout=30)
        await self.settle()
        for _ in range(inputs):
            kind = self.rng.choices(KINDS, WEIGHTS)[0]
            self.kinds[kind] += 1
            before = len(self.bot_messages())
            answer_of_press = await self.act(kind)
            if answer_of_press is None:
                # A message: once a later press is answered, its own answer is there.
                await self.settle()
                answered = len(self.bot_messages()) > before
            else:
                answered = answer_of_press
            if not answered:
                self.unanswered.append(kind)

    async def settle(self) -> None:
        """Press a button nobody made: its answer comes after every earlier update."""
        anchor = self.bot_messages()[0]
        await self.tg.press(self.user_id, anchor, "zz:settle", timeout=30)

    async def act(self, kind: str) -> bool | None:
        """Send one input; for a press, whether it was answered, else None."""
        rng, tg, uid = self.rng, self.tg, self.user_id
        match kind:
            case "unicode":
                await self.text(random_text(rng))
            case "long":
                await self.text(rng.choice("ЯaЖ😀") * rng.randint(1000, 4096))
            case "markup":
                await self.text(rng.choice(MARKUP))
            case "good":
                await self.text(rng.choice(["ООО «Ромашка»", "Northwind LLC", "45", "завтра"]))
            case "number":
                await self.text(str(rng.choice([0, -5, 3, 10**12, 2.5, "1e9", "٣"])))
            case "media":
                await self.media()
            case "command":
                await self.text(rng.choice(COMMANDS))
            case "forged" | "stale" | "current":
                return await self.press(kind)
            case "edit":
                own = [m for m in self.sent if m.text]
                if not own:
                    await self.text(random_text(rng))
                else:
                    await tg.edit_message(uid, rng.choice(own), random_text(rng))
        return None

    async def text(self, text: str) -> None:
        self.sent.append(await self.person.send(text))

    async def media(self) -> None:
        rng, tg, uid = self.rng, self.tg, self.user_id
        match rng.randrange(7):
            case 0:
                await tg.send_sticker(uid)
            case 1:
                await tg.send_voice(uid)
            case 2:
                await tg.send_location(uid, 55.75, 37.62)
            case 3:
                await tg.send_poll(uid, "?", ["a", "b"])
            case 4:
                await tg.send_photo(uid)
            case 5:
                await tg.send_document(uid, random_text(rng)[:40] + ".pdf", b"%PDF-1.4")
            case _:
                await tg.send_contact(uid, rng.choice(["79001234567", "123", "+44 20 7946 0000"]))

    async def press(self, kind: str) -> bool:
        with_buttons = [m for m in self.bot_messages() if m.buttons]
        seen = [b.callback_data for m in with_buttons for row in m.buttons for b in row]
        seen = [data for data in seen if data]
        target = with_buttons[-1] if with_buttons else self.bot_messages()[-1]
        if kind == "forged" or not with_buttons:
            data = forged_data(self.rng, seen)
        elif kind == "stale":
            target = self.rng.choice(with_buttons)
            data = self.rng.choice([b for row in target.buttons for b in row]).callback_data or ""
        else:
            data = self.rng.choice([b for row in target.buttons for b in row]).callback_data or ""
        answer = await self.tg.press(self.user_id, target, data, timeout=30)
        return answer is not None


async def inbox_statuses(bot: RunningBot) -> Counter[str]:
    """How many updates the inbox holds in each status."""
    async with bot.app.session_factory() as session:
        rows = await session.execute(
            select(InboxUpdate.status, func.count()).group_by(InboxUpdate.status)
        )
        return Counter(dict(rows.all()))


@pytest.mark.timeout(600)  # the whole story, on a loaded 2-core machine
async def test_a_seeded_hostile_corpus_draws_no_unhandled_error_and_every_input_is_answered(
    bot: RunningBot,
    person: Callable[..., Person],
    tg: TelegramEmulator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.ERROR)
    hostiles = [
        Hostile(
            tg,
            person(3000 + index, f"Гость{index}", language_code=("ru", "en")[index % 2]),
            random.Random(SEED + index),
        )
        for index in range(PEOPLE)
    ]
    started = time.process_time(), time.perf_counter()
    await asyncio.gather(*(hostile.run(INPUTS_PER_PERSON) for hostile in hostiles))
    await bot.app.poller.drain()
    cpu, wall = time.process_time() - started[0], time.perf_counter() - started[1]
    statuses = await inbox_statuses(bot)
    failed, pending = statuses[UpdateStatus.FAILED.value], statuses[UpdateStatus.PENDING.value]
    kinds = sum((hostile.kinds for hostile in hostiles), Counter())
    unanswered = sum((Counter(hostile.unanswered) for hostile in hostiles), Counter())
    errors = [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]
    total = sum(kinds.values())
    report(
        f"hostile input: {total} inputs from {PEOPLE} people (seed {SEED}), "
        f"{total - sum(unanswered.values())} answered, {len(errors)} unhandled errors, "
        f"{failed} failed and {pending} pending updates; {wall:.1f} s wall, {cpu:.1f} s CPU"
    )
    report("  by kind: " + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())))
    assert total >= 2000
    assert errors == []
    assert failed == 0
    assert pending == 0
    assert not unanswered, unanswered
