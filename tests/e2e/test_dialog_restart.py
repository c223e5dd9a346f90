"""A dialog begun with one bot process is finished with another on the same database."""

from __future__ import annotations

from pathlib import Path

from emulator import TelegramEmulator
from tests.e2e.intake.flow import (
    field_of,
    give,
    good_answer,
    next_screen,
    open_form,
    scenario,
    step_of,
)
from tests.harness import Person
from tests.process import BotProcess


async def test_a_second_process_continues_the_dialog_the_first_one_started(
    tg: TelegramEmulator, tmp_path: Path
) -> None:
    tg.add_user(41, "Вера", language_code="ru")
    vera = Person(tg, 41)
    form = scenario("it_erp")

    first = BotProcess(tg, tmp_path)
    await first.start()
    question = await open_form(vera, "it_erp")
    assert step_of(question)[0] == 1
    field = field_of(form, question, "ru")
    await give(vera, question, field, good_answer(field, "ru"))
    second_question = await next_screen(vera)
    assert step_of(second_question)[0] == 2
    await first.terminate()

    second = BotProcess(tg, tmp_path)
    await second.start()
    try:
        field = field_of(form, second_question, "ru")
        await give(vera, second_question, field, good_answer(field, "ru"))
        third_question = await next_screen(vera, timeout=15)
        assert step_of(third_question)[0] == 3
        # The first answer, given to the first process, is still there.
        await vera.send("/new")
        offer = await vera.reply(timeout=15)
        assert offer.buttons, offer.text
    finally:
        await second.terminate()
