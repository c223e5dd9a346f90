"""/tz: pick a zone with a button or type its IANA name."""

from __future__ import annotations

from collections.abc import Callable

from emulator import TelegramEmulator
from storage.repositories.holder import Repositories
from tests.harness import Person, RunningBot


async def stored_zone(bot: RunningBot, user_id: int) -> str | None:
    async with bot.app.session_factory() as session:
        user = await Repositories(session).users.get(user_id)
    assert user is not None
    return user.time_zone


async def test_tz_offers_russian_zones_and_a_button_sets_one(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(1, "Анна")
    menu = await anna.ask("/tz")
    assert "Москва (UTC+3)" in menu.text  # the default zone
    labels = [button.text for row in menu.buttons for button in row]
    assert labels[0] == "Калининград (UTC+2)"
    assert "Камчатка (UTC+12)" in labels
    assert len(labels) == 12
    await anna.press(menu, "Екатеринбург")
    edited = anna.tg.transcript(1)[-1]
    assert edited.message_id == menu.message_id
    assert "Екатеринбург (UTC+5)" in edited.text
    # Updates of one chat are handled in order, so the next /tz sees the stored choice.
    assert "Ваш часовой пояс: Екатеринбург (UTC+5)" in (await anna.ask("/tz")).text
    assert await stored_zone(bot, 1) == "Asia/Yekaterinburg"


async def test_tz_takes_a_typed_iana_name_in_any_case(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    bob = person(2, "Bob", language_code="en")
    reply = await bob.ask("/tz europe/berlin")
    assert "Europe/Berlin (UTC+1)" in reply.text
    assert "Your time zone: Europe/Berlin (UTC+1)" in (await bob.ask("/tz")).text
    assert await stored_zone(bot, 2) == "Europe/Berlin"


async def test_an_unknown_zone_is_refused_and_nothing_changes(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    bob = person(2, "Bob", language_code="en")
    reply = await bob.ask("/tz Mars/Olympus")
    assert "don't know the time zone “Mars/Olympus”" in reply.text
    assert "Moscow (UTC+3)" in (await bob.ask("/tz")).text
    assert await stored_zone(bot, 2) is None


async def test_a_forged_zone_button_gets_an_alert(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    eve = person(9, "Eve", language_code="en")
    menu = await eve.ask("/tz")
    answer = await tg.press(9, menu, "tz:Mars/Olympus")
    assert answer is not None
    assert answer.show_alert
    assert "Moscow (UTC+3)" in (await eve.ask("/tz")).text
    assert await stored_zone(bot, 9) is None
