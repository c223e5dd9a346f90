"""People of the reliability stories: they fill a form whatever happens to the bot."""

from __future__ import annotations

from emulator import EmMessage, TelegramEmulator
from tests.e2e.intake.flow import (
    RECEIPT,
    Press,
    field_of,
    give,
    good_answer,
    is_question,
    is_summary,
    scenario,
)
from tests.harness import Person

ERP = scenario("it_erp")
PATIENCE = 60.0
"""Seconds a person waits for the bot before the dialog counts as stuck."""


class Filler:
    """A person who answers whatever question is on screen, and finally submits."""

    def __init__(self, tg: TelegramEmulator, user_id: int) -> None:
        tg.add_user(user_id, f"Анна{user_id}", language_code="ru")
        self.tg = tg
        self.person = Person(tg, user_id)
        self.started = False
        self.handled: set[int] = set()
        self.last_field: str | None = None
        self.submitted = False
        # A client of one's own, so that no submission is held up as a likely duplicate.
        self.answers = {
            "company_name": f"ООО «Клиент {user_id}»",
            "contact_phone": f"+7 912 {user_id % 1000:03d}-00-00",
            "contact_email": f"anna{user_id}@example.com",
        }

    def screen(self) -> EmMessage | None:
        """The latest question or summary, if it is one this person has not acted on."""
        screens = [
            m for m in self.tg.bot_messages(self.person.user_id) if is_question(m) or is_summary(m)
        ]
        if not screens or screens[-1].message_id in self.handled:
            return None
        return screens[-1]

    async def run(self, timeout: float) -> None:
        """Fill the form until submitted; a stretch of work may be cut short by a kill."""
        if not self.started:
            self.started = True
            await self.person.send("/start it_erp")
        while not self.submitted:
            screen = await self.tg.wait_for(self.screen, timeout=timeout, what="a screen")
            self.handled.add(screen.message_id)
            if is_summary(screen):
                self.submitted = True
                data = screen.callback_data_of("🚀")
                await self.tg.press(self.person.user_id, screen, data, timeout=PATIENCE)
                return
            field = field_of(ERP, screen, "ru")
            if field.id == self.last_field:
                continue  # asked again by a replay of the update that already took it
            self.last_field = field.id
            answer = self.answers.get(field.id, good_answer(field, "ru"))
            if isinstance(answer, Press):
                # Patient: Telegram may be failing, and the answer comes once it is back.
                data = screen.callback_data_of(answer.label)
                await self.tg.press(self.person.user_id, screen, data, timeout=PATIENCE)
            else:
                await give(self.person, screen, field, answer)

    def receipts(self) -> set[int]:
        numbers = set()
        for message in self.tg.bot_messages(self.person.user_id):
            match = RECEIPT.search(message.text)
            if match and "принята" in message.text:
                numbers.add(int(match[1]))
        return numbers
