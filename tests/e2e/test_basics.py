"""/start, /help, /lang and the polite answers, through the emulator over HTTP."""

from __future__ import annotations

from collections.abc import Callable

from emulator import TelegramEmulator
from tests.conftest import ADMIN_ID
from tests.harness import Person, RunningBot


async def test_start_greets_in_russian_and_lists_what_everyone_can_do(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    anna = person(1, "Анна", language_code="ru")
    reply = await anna.ask("/start")
    assert "Здравствуйте, Анна" in reply.text
    assert "/new" in reply.text
    assert "Вы администратор" not in reply.text


async def test_start_speaks_english_to_an_english_telegram(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    bob = person(2, "Bob", language_code="en")
    reply = await bob.ask("/start")
    assert reply.text.startswith("Hello, Bob!")


async def test_other_languages_fall_back_to_english_and_russian_readers_to_russian(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    hans = person(3, "Hans", language_code="de")
    olena = person(4, "Олена", language_code="uk")
    assert (await hans.ask("/start")).text.startswith("Hello")
    assert (await olena.ask("/start")).text.startswith("Здравствуйте")


async def test_admin_is_told_about_the_team_command(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    admin = person(ADMIN_ID, "Ирина", language_code="ru")
    reply = await admin.ask("/start")
    assert "Вы администратор" in reply.text
    assert "/team" in reply.text


async def test_help_lists_the_commands_in_both_languages(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    ru, en = person(5, "Пётр", language_code="ru"), person(6, "Kate", language_code="en")
    ru_help, en_help = await ru.ask("/help"), await en.ask("/help")
    for command in ("/new", "/my", "/tz", "/lang", "/cancel"):
        assert command in ru_help.text
        assert command in en_help.text
    assert "Команды" in ru_help.text
    assert "Commands" in en_help.text


async def test_lang_switches_to_english_and_the_choice_sticks(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    maria = person(7, "Мария", language_code="ru")
    menu = await maria.ask("/lang")
    assert menu.text == "Выберите язык:"
    await maria.press(menu, "English")
    edited = maria.tg.transcript(7)[-1]
    assert edited.message_id == menu.message_id
    assert edited.text == "Done, I speak English now."
    assert (await maria.ask("/help")).text.startswith("Commands")


async def test_lang_rewrites_a_team_members_own_menu_in_the_chosen_language(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    admin = person(ADMIN_ID, "Ирина", language_code="ru")
    await admin.ask("/start")
    own_menu = {"type": "chat", "chat_id": ADMIN_ID}
    assert tg.commands(own_menu)[1]["description"] == "Новая заявка"
    menu = await admin.ask("/lang")
    await admin.press(menu, "English")
    await tg.wait_for(
        lambda: tg.commands(own_menu)[1]["description"] == "New request",
        what="the admin's menu in English",
    )


async def test_lang_switches_back_to_russian(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    john = person(8, "John", language_code="en")
    menu = await john.ask("/lang")
    await john.press(menu, "Русский")
    assert (await john.ask("/help")).text.startswith("Команды")


async def test_a_forged_button_gets_an_alert_and_changes_nothing(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    eve = person(9, "Eve", language_code="en")
    menu = await eve.ask("/lang")
    answer = await tg.press(9, menu, "lang:xx")
    assert answer is not None
    assert answer.show_alert
    assert "out of date" in (answer.text or "")
    assert (await eve.ask("/help")).text.startswith("Commands")


async def test_a_name_with_html_is_shown_literally(
    bot: RunningBot, person: Callable[..., Person]
) -> None:
    mallory = person(10, "<b>Mal</b> & Co", language_code="en")
    reply = await mallory.ask("/start")
    assert "Hello, <b>Mal</b> & Co!" in reply.text


async def test_unknown_commands_and_stray_messages_get_a_pointer_to_help(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    zoe = person(11, "Zoe", language_code="en")
    assert "don't know that command" in (await zoe.ask("/frobnicate")).text
    await tg.send_sticker(11)
    assert "/help" in (await zoe.reply()).text


async def test_command_menus_are_set_for_both_languages(
    bot: RunningBot, tg: TelegramEmulator
) -> None:
    calls = [c for c in tg.calls if c.method == "setMyCommands"]
    languages = {c.params.get("language_code") for c in calls}
    assert languages == {None, "en"}
    scope = {"type": "all_private_chats"}
    russian, english = tg.commands(scope), tg.commands(scope, "en")
    expected = ["start", "new", "my", "r", "stats", "tz", "lang", "help", "cancel"]
    assert [c["command"] for c in russian] == [c["command"] for c in english] == expected
    assert russian[1]["description"] == "Новая заявка"
    assert english[1]["description"] == "New request"
