"""People acting on their own for the tours: type, press, and wait for what the bot says.

Every action goes through the same `Actions` the page uses, so a tour looks on the page
exactly as if a visitor did it; every wait watches the emulator, never the wall clock.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import datetime

from emulator import EmMessage
from playground.actions import Actions
from playground.team import TEAM_CHAT_ID

WAIT = 15.0
"""How long a tour waits for the bot before it stops and says why."""

COMPANIES = (
    "ООО «СтройМонтаж»",
    "АО «Бетон Плюс»",
    "ООО «Северный ветер»",
    "ООО «Агромир»",
    "АО «Уральские трубы»",
)

SUBMIT = "🚀 Отправить"
FormAnswer = tuple[str, str]
"""("type" | "press", what to type or the label of the button to press)."""


def _label_match(message: EmMessage, label: str) -> bool:
    return any(label in button.text for row in message.buttons for button in row)


class Script:
    """Verbs for the tours, over the playground's actions."""

    def __init__(self, actions: Actions) -> None:
        self.actions = actions
        self.tg = actions.tg
        self._serial = itertools.count(1)

    # -- looking ------------------------------------------------------------------------------

    def latest(self, chat_id: int) -> int:
        """The id of the newest message in a chat (0 when it is empty)."""
        return self.tg.world.chat(chat_id).last_message_id

    async def bot_says(
        self,
        chat_id: int,
        after: int,
        check: Callable[[EmMessage], bool],
        what: str,
    ) -> EmMessage:
        """The first message the bot sent in a chat after message ``after`` that passes."""
        chat = self.tg.world.chat(chat_id)

        def found() -> EmMessage | None:
            for message in chat.bot_sent:
                if message.message_id > after and not message.deleted and check(message):
                    return message
            return None

        return await self.tg.world.wait_until(found, WAIT, lambda: f"{what}: not within {WAIT}s")

    async def text(self, chat_id: int, after: int, *needles: str) -> EmMessage:
        """The bot's next message in a chat whose text has every needle."""
        return await self.bot_says(
            chat_id,
            after,
            lambda m: all(needle in m.text for needle in needles),
            f"a message with {needles} in chat {chat_id}",
        )

    async def newest_button(self, chat_id: int, label: str) -> EmMessage:
        """The bot's newest message in a chat with a button whose label has ``label``."""
        chat = self.tg.world.chat(chat_id)

        def found() -> EmMessage | None:
            for message in reversed(chat.bot_sent):
                if not message.deleted and _label_match(message, label):
                    return message
            return None

        return await self.tg.world.wait_until(
            found, WAIT, lambda: f"no button {label!r} in chat {chat_id} within {WAIT}s"
        )

    async def until(self, condition: Callable[[], bool], what: str) -> None:
        """Wait until ``condition()`` holds, re-checked whenever the emulator changes."""
        await self.tg.wait_for(condition, WAIT, what=what)

    def find_card(self, number: int) -> EmMessage | None:
        """The card of request ``number`` in the team group, if it is there yet."""
        for message in self.tg.world.chat(TEAM_CHAT_ID).bot_sent:
            if f"Заявка #{number} ·" in message.text and not message.deleted:
                return message
        return None

    async def card(self, number: int) -> EmMessage:
        """The card of request ``number``, once the bot has posted it (a moment after the
        receipt: cards go out on their own, with retries)."""
        return await self.tg.world.wait_until(
            lambda: self.find_card(number),
            WAIT,
            lambda: f"no card of request #{number} in the team group within {WAIT}s",
        )

    def card_says(self, number: int, needle: str) -> bool:
        """Whether the card of request ``number`` shows ``needle`` now."""
        card = self.find_card(number)
        return card is not None and needle in card.text

    # -- acting -------------------------------------------------------------------------------

    async def say(self, user_id: int, text: str, *, chat_id: int | None = None) -> None:
        await self.actions.send_text(user_id, user_id if chat_id is None else chat_id, text)

    async def press(self, user_id: int, message: EmMessage, label: str) -> str | None:
        """Press the button whose label has ``label``; returns the bot's toast or alert."""
        return await self.actions.press_now(user_id, message, message.callback_data_of(label))

    async def travel_to(self, moment: datetime) -> None:
        """Move the bot's clock, as the time machine's buttons do."""
        self.actions.set_clock(moment)

    # -- a whole request ----------------------------------------------------------------------

    def new_client(self) -> tuple[str, str, str]:
        """A company, phone and e-mail no earlier request used, so none looks a duplicate."""
        serial = next(self._serial)
        company = COMPANIES[(serial - 1) % len(COMPANIES)]
        if serial > len(COMPANIES):
            company = f"{company} {serial}"
        return (
            company,
            f"+7 900 100-{serial // 100:02d}-{serial % 100:02d}",
            f"ceo{serial}@example.ru",
        )

    async def submit_request(self, author: int, *, hot: bool = False) -> int:
        """Fill in the IT / ERP form as ``author`` and submit it; returns the request number."""
        summary = await self.fill_form(author, hot=hot)
        return await self.submit(author, summary)

    async def fill_form(self, author: int, *, hot: bool = False) -> EmMessage:
        """Open the IT / ERP form by its link and answer every question; returns the summary.

        A draft left by the visitor is dropped first, so the tour starts clean.
        """
        company, phone, email = self.new_client()
        answers: dict[str, FormAnswer] = {
            "Как называется компания": ("type", company),
            "Чем занимается клиент": ("type", "Строительство жилья, своё производство бетона"),
            "Размер компании": ("press", "16–100 человек"),
            "Сколько сотрудников": ("type", "45"),
            "Что клиент просит": ("type", "Видеть себестоимость по каждому объекту"),
            "Контекст": ("type", "Учёт в 1С и таблицах, в январе открывают филиал"),
            "Известно, кто принимает": ("press", "Да"),
            "Кто принимает решение": ("type", "Ирина Петрова, финансовый директор"),
            "К какому сроку": ("type", "через неделю" if hot else "через 3 недели"),
            "Бюджет": ("type", "1,5 млн"),
            "Откуда пришёл": ("press", "Рекомендация клиента"),
            "Телефон контактного": ("type", phone),
            "Почта": ("type", email),
            "Что важно знать эксперту": ("type", "Директор ждёт конкретных сроков"),
        }
        after = self.latest(author)
        await self.say(author, "/start it_erp")
        while True:
            message = await self.bot_says(
                author, after, _form_step, f"the next step of the form for {author}"
            )
            after = message.message_id
            if _label_match(message, "Удалить черновик"):
                await self.press(author, message, "Удалить черновик")
                await self.say(author, "/start it_erp")
                continue
            if _label_match(message, SUBMIT):
                return message
            kind, value = next(
                (answer for label, answer in answers.items() if label in message.text),
                ("", ""),
            )
            if kind == "press":
                await self.press(author, message, value)
            elif kind == "type":
                await self.say(author, value)
            else:
                raise AssertionError(f"the form asked what the tour cannot answer: {message.text}")

    async def submit(self, author: int, summary: EmMessage) -> int:
        """Press Submit under the summary (and again past a duplicate warning)."""
        await self.press(author, summary, SUBMIT)
        after = summary.message_id
        while True:
            message = await self.bot_says(
                author, after, _form_step, f"the receipt of the request for {author}"
            )
            after = message.message_id
            if "принята" in message.text:
                return _number(message.text)
            if _label_match(message, "Всё равно отправить"):
                await self.press(author, message, "Всё равно отправить")


def _form_step(message: EmMessage) -> bool:
    """A message the form waits on: a question, the summary, a warning, or the receipt."""
    return (
        message.text.startswith("Шаг")
        or "принята" in message.text
        or any(
            _label_match(message, label)
            for label in (SUBMIT, "Удалить черновик", "Всё равно отправить")
        )
    )


def _number(receipt: str) -> int:
    """The request number in the receipt ("Заявка #12 принята")."""
    found = re.search(r"[#№](\d+)", receipt)
    if found is None:
        raise AssertionError(f"no request number in the receipt: {receipt}")
    return int(found.group(1))
