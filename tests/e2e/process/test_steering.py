"""A manager closes junk with a reason and reopens what was closed; the author hears each."""

from __future__ import annotations

from storage.models import Role, Stage
from tests.e2e.followups.conftest import Presses, take
from tests.e2e.process.conftest import (
    EXPERT,
    MANAGER,
    Team,
    hears,
    last_event,
    request_with_petr_and_the_boss,
    stage_of,
    steer,
)
from tests.e2e.team.conftest import AUTHOR_ID


async def test_junk_from_the_list_then_reopened_back_to_new(team: Team) -> None:
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    number = await team.request()
    boss = Presses(team, MANAGER)
    await boss.press(await steer(team, number), "Закрыть как мусор")
    reasons = await boss.next("мусор?")
    await boss.press(reasons, "Спам")
    assert await stage_of(team, number) == Stage.JUNK
    event = await last_event(team, number, "request.stage_changed")
    assert event == {
        "from": "new",
        "to": "junk",
        "reason": "Спам",
        "junk_reason": "spam",
        "junk_kept": "spam",
    }
    told = await hears(team, AUTHOR_ID, f"#{number}")
    assert "закрыта без работы" in told.text
    assert "Спам" in told.text
    card = team.card(number)
    assert "закрыта как мусор (Спам)" in card.text
    assert "Беру" not in str(card.buttons)

    moves = await steer(team, number)
    assert "Закрыть как мусор" not in str(moves.buttons)
    await boss.press(moves, "Переоткрыть")
    await boss.next("Почему переоткрываете")
    assert "новая" in (await boss.type("Это не спам, клиент настоящий")).text
    assert await stage_of(team, number) == Stage.NEW
    assert await last_event(team, number, "request.reopened") == {
        "from": "junk",
        "to": "new",
        "reason": "Это не спам, клиент настоящий",
    }
    assert "снова в работе" in (await hears(team, AUTHOR_ID, f"#{number}")).text
    assert "Беру" in str(team.card(number).buttons)


async def test_a_duplicate_names_the_other_request_and_a_typed_reason_is_kept(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    first, second, third = await team.request(), await team.request(), await team.request()
    await take(team, EXPERT, second)
    boss = Presses(team, MANAGER)
    await boss.press(await steer(team, second), "Закрыть как мусор")
    await boss.press(await boss.next("мусор?"), "Дубль")
    await boss.next("Дублем какой")
    await boss.type(f"#{first}")
    event = await last_event(team, second, "request.stage_changed")
    assert event["junk_reason"] == "duplicate"
    assert event["reason"] == f"Дубль заявки #{first}"
    assert f"Дубль заявки #{first}" in (await hears(team, AUTHOR_ID, "без работы")).text

    await boss.press(await steer(team, third), "Закрыть как мусор")
    await boss.press(await boss.next("мусор?"), "Другое")
    await boss.next("Напишите причину")
    await boss.type("Тестовая заявка от стажёра")
    event = await last_event(team, third, "request.stage_changed")
    assert (event["junk_reason"], event["reason"]) == ("other", "Тестовая заявка от стажёра")


async def test_an_english_managers_junk_reasons_reach_russian_readers_in_russian(
    team: Team,
) -> None:
    await team.person(MANAGER, "Boss", roles=[Role.MANAGER], language_code="en")
    spam, first, second = await team.request(), await team.request(), await team.request()
    boss = Presses(team, MANAGER)
    await boss.press(await steer(team, spam), "Close as junk")
    await boss.press(await boss.next("junk?"), "Spam")
    assert "Причина: Спам" in (await hears(team, AUTHOR_ID, f"#{spam}")).text
    assert "закрыта как мусор (Спам)" in team.card(spam).text
    assert "Spam" in (await steer(team, spam)).text

    await boss.press(await steer(team, second), "Close as junk")
    await boss.press(await boss.next("junk?"), "Duplicate")
    await boss.next(f"#{second}")
    await boss.type(f"#{first}")
    told = await hears(team, AUTHOR_ID, f"#{second}")
    assert f"Причина: Дубль заявки #{first}" in told.text
    assert f"Дубль заявки #{first}" in team.card(second).text
    assert f"Duplicate of request #{first}" in (await steer(team, second)).text


async def test_a_won_request_is_reopened_to_where_it_was_and_the_author_is_told(
    team: Team,
) -> None:
    number = await request_with_petr_and_the_boss(team)
    brief = await take(team, EXPERT, number)
    owner = Presses(team, EXPERT)
    await owner.press(brief, "КП отправлено")
    await owner.press(brief, "Выиграна")
    assert "выиграна" in (await hears(team, AUTHOR_ID, "🏆")).text

    boss = Presses(team, MANAGER)
    moves = await steer(team, number)
    moves_now = [b.text for row in moves.buttons for b in row]
    assert "♻️ Переоткрыть" in moves_now
    assert not any("Сменить этап" in label or "мусор" in label for label in moves_now)
    reopen = moves.callback_data_of("Переоткрыть")
    await boss.press(moves, "Переоткрыть")
    await boss.next("Почему")
    await boss.type("Клиент отозвал подпись, переговоры снова")
    assert await stage_of(team, number) == Stage.PROPOSAL_SENT
    told = await hears(team, AUTHOR_ID, "снова в работе")
    assert "КП отправлено" in told.text
    assert "отозвал подпись" in told.text

    # The panel now offers what applies to an open request; an old "Reopen" does nothing.
    await team.settle(moves, MANAGER)
    assert "Переоткрыть" not in str(moves.buttons)
    assert "Сменить этап" in str(moves.buttons)
    answer = await team.tg.press(MANAGER, moves, reopen)
    assert answer is not None
    assert "больше не подходит" in (answer.text or "")


async def test_lost_is_told_to_the_author_with_its_reason(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    owner = Presses(team, EXPERT)
    await owner.press(brief, "Проиграна")
    await owner.press(await owner.next("Почему"), "конкурента")
    told = await hears(team, AUTHOR_ID, "проиграна")
    assert "Причина: Выбрали конкурента" in told.text


async def test_a_reason_with_brackets_and_ampersands_reads_as_typed_everywhere(
    team: Team,
) -> None:
    number = await request_with_petr_and_the_boss(team)
    await take(team, EXPERT, number)
    boss = Presses(team, MANAGER)
    await boss.press(await steer(team, number), "Сменить этап")
    await boss.press(await boss.next("На какой этап"), "проиграна")
    await boss.next("Напишите причину")
    await boss.type("цена > бюджета & сроки")

    typed = "проиграна (цена > бюджета & сроки)"
    assert typed in (await hears(team, EXPERT, "Босс перевёл")).text
    assert f"этап: {typed}" in (await steer(team, number)).text
    assert f"этап: {typed}" in team.card(number).text


async def test_a_reason_too_long_is_asked_to_be_shortened_and_the_move_waits(team: Team) -> None:
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    number = await team.request()
    boss = Presses(team, MANAGER)
    await boss.press(await steer(team, number), "Закрыть как мусор")
    await boss.press(await boss.next("мусор?"), "Другое")
    await boss.next("Напишите причину")

    refused = await boss.type("Тестовая заявка. " * 40)
    assert "не больше 500" in refused.text
    assert await stage_of(team, number) == Stage.NEW
    await boss.type("Тестовая заявка от стажёра")
    assert await stage_of(team, number) == Stage.JUNK


async def test_junk_reasons_pressed_after_the_request_moved_on_say_so_and_close_nothing(
    team: Team,
) -> None:
    number = await request_with_petr_and_the_boss(team)
    boss = Presses(team, MANAGER)
    await boss.press(await steer(team, number), "Закрыть как мусор")
    reasons = await boss.next("мусор?")
    brief = await take(team, EXPERT, number)
    await Presses(team, EXPERT).press(brief, "КП отправлено")

    answer = await team.tg.press(MANAGER, reasons, reasons.callback_data_of("Другое"))
    assert answer is not None
    assert "больше не подходит" in (answer.text or "")
    await team.settle(reasons, MANAGER)
    assert "Сменить этап" in str(reasons.buttons)  # the message is the request's view now
    assert await stage_of(team, number) == Stage.PROPOSAL_SENT


async def test_an_outgrown_move_is_told_in_an_alert_with_the_typed_reason_as_typed(
    team: Team,
) -> None:
    number = await request_with_petr_and_the_boss(team)
    await take(team, EXPERT, number)
    moves = await steer(team, number)
    outgrown = moves.callback_data_of("Закрыть как мусор")
    boss = Presses(team, MANAGER)
    await boss.press(moves, "Сменить этап")
    await boss.press(await boss.next("На какой этап"), "проиграна")
    await boss.next("Напишите причину")
    await boss.type("цена > бюджета & сроки")

    answer = await team.tg.press(MANAGER, moves, outgrown)
    assert answer is not None
    assert "«проиграна (цена > бюджета & сроки)»" in (answer.text or "")
