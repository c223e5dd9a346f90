"""The intake's buttons that cannot be taken back are red; sending the request is green."""

from __future__ import annotations

from collections.abc import Callable

from tests.e2e.intake.flow import fill, fill_until, open_form, scenario
from tests.harness import Person, RunningBot

ERP = scenario("it_erp")


async def test_submit_is_green_and_cancelling_or_discarding_a_draft_is_red(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(36, "Анна", language_code="ru")
    await fill_until(anna, ERP, "ru", await open_form(anna, "it_erp"), "industry")
    confirm = await anna.ask("/cancel")
    assert confirm.button("Да, отменить").style == "danger"
    assert confirm.button("Нет, продолжить").style is None
    offer = await anna.ask("/new")
    assert offer.button("Удалить черновик").style == "danger"
    await anna.press(offer, "Продолжить")
    summary, _ = await fill(anna, ERP, "ru", await anna.reply())
    assert summary.button("Отправить").style == "success"
