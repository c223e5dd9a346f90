"""Telegram's button colours: the step forward in green, what cannot be taken back in red."""

from __future__ import annotations

from typing import Any

from tests.e2e.process.conftest import (
    EXPERT,
    Team,
    hears,
    request_with_petr_and_the_boss,
    steer,
)
from tests.e2e.process.test_meeting_moves import planned


async def test_take_is_green_and_an_owners_lost_and_a_managers_junk_are_red(team: Team) -> None:
    number = await request_with_petr_and_the_boss(team)
    card = team.card(number)
    assert card.button("Беру").style == "success"
    await team.tg.press(EXPERT, card, card.callback_data_of("Беру"))
    brief = await hears(team, EXPERT, f"#{number}")
    assert brief.button("Проиграна").style == "danger"
    assert brief.button("Вернуть в очередь").style is None
    view = await steer(team, number)
    assert view.button("мусор").style == "danger"
    assert view.button("Переназначить").style is None


def buttons_sent(team: Team, text: str) -> list[dict[str, Any]]:
    """Every button with ``text`` the bot sent or edited in, as Telegram received it."""
    calls = team.tg.calls_of("sendMessage") + team.tg.calls_of("editMessageText")
    results = [call.result for call in calls if call.ok and isinstance(call.result, dict)]
    return [
        button
        for result in results
        for row in (result.get("reply_markup") or {}).get("inline_keyboard", [])
        for button in row
        if text in button["text"]
    ]


async def test_a_meeting_is_saved_in_green_and_cancelled_in_red(team: Team) -> None:
    _, _, saved = await planned(team)
    save = buttons_sent(team, "Сохранить")
    assert save
    assert all(button.get("style") == "success" for button in save)
    assert saved.button("Отменить встречу").style == "danger"
    assert saved.button("Перенести").style is None
