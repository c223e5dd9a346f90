"""After the take: release, reassignment, every stage, and the group and author following."""

from __future__ import annotations

from emulator import EmMessage
from storage.models import Role, Stage
from tests.conftest import ADMIN_ID, TEAM_CHAT_ID
from tests.e2e.team.conftest import AUTHOR_ID, Team


async def take(team: Team, expert_id: int, number: int) -> EmMessage:
    """Press "Take" as ``expert_id``; returns the brief with its buttons."""
    card = team.card(number)
    await team.tg.press(expert_id, card, card.callback_data_of("Беру"))
    brief = await team.tg.next_bot_message(expert_id)
    assert brief.buttons, brief.text
    return brief


def replies_to(team: Team, card: EmMessage) -> list[str]:
    """What the bot said in the group in reply to a card: a plain group's update thread."""
    return [
        message.text
        for message in team.tg.transcript(TEAM_CHAT_ID)
        if message.reply_to_message_id == card.message_id
    ]


async def author_hears(team: Team) -> str:
    return (await team.tg.next_bot_message(AUTHOR_ID)).text


async def test_release_opens_the_card_again_and_tells_group_and_author(team: Team) -> None:
    await team.expert(10, "Пётр")
    number = await team.request()
    brief = await take(team, 10, number)
    assert "Пётр" in await author_hears(team)
    answer = await team.tg.press(10, brief, brief.callback_data_of("Вернуть"))
    assert answer is not None
    assert "в очередь" in (answer.text or "")
    card = team.card(number)
    assert [[b.text for b in row] for row in card.buttons] == [["✋ Беру"]]
    assert "Ждёт эксперта" in card.text
    assert any("вернул(а) заявку" in text for text in replies_to(team, card))
    assert "в очередь" in await author_hears(team)
    await team.settle(brief)
    assert await team.events(number) == ["request.posted", "request.taken", "request.released"]


async def test_the_taker_alone_can_release(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    number = await team.request()
    brief = await take(team, 10, number)
    answer = await team.tg.press(11, brief, brief.callback_data_of("Вернуть"))
    assert answer is not None
    assert answer.show_alert
    assert "не ваша" in (answer.text or "")


async def test_a_manager_reassigns_with_assign_and_everyone_follows(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга", username="olga")
    await team.person(20, "Босс", roles=[Role.MANAGER])
    number = await team.request()
    await take(team, 10, number)
    await author_hears(team)
    boss_reply = await team.tg.send_message(20, f"/assign {number} @olga")
    assert boss_reply is not None
    assert "назначена" in (await team.tg.next_bot_message(20)).text
    new_brief = await team.tg.next_bot_message(11)
    assert f"#{number}" in new_brief.text
    assert "Ольга" in (await team.tg.next_bot_message(10)).text
    assert "Ольга" in await author_hears(team)
    assert "Ольга" in team.card(number).text
    await team.settle(new_brief)
    assert (await team.events(number))[-1] == "request.assigned"


async def test_assign_to_an_expert_who_blocked_the_bot_is_refused(team: Team) -> None:
    await team.expert(11, "Ольга", username="olga")
    await team.person(20, "Босс", roles=[Role.MANAGER])
    number = await team.request()
    team.tg.block(11)
    assert "заблокировал" in (await team.tg.next_bot_message(20)).text
    await team.tg.send_message(20, f"/assign {number} @olga")
    refused = await team.tg.next_bot_message(20)
    assert "заблокировал(а) бота: бриф" in refused.text
    assert await team.events(number) == ["request.posted"]


async def test_assign_to_an_expert_who_never_opened_the_bot_warns_the_manager(
    team: Team,
) -> None:
    await team.expert(11, "Ольга", username="olga")
    await team.person(20, "Босс", roles=[Role.MANAGER])
    team.tg.world.user(11).started = False
    number = await team.request()
    await team.tg.send_message(20, f"/assign {number} @olga")
    answer = await team.tg.next_bot_message(20)
    assert f"Заявка #{number} назначена" in answer.text
    assert "ещё не открывал(а) чат с ботом, поэтому бриф не дошёл" in answer.text


async def test_reassign_by_button_lists_experts_to_the_manager(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    await team.person(20, "Босс", roles=[Role.MANAGER])
    number = await team.request()
    await take(team, 10, number)
    card = team.card(number)
    refused = await team.tg.press(10, card, card.callback_data_of("Переназначить"))
    assert refused is not None
    assert "руководители" in (refused.text or "")
    await team.tg.press(20, card, card.callback_data_of("Переназначить"))
    choice = await team.tg.next_bot_message(20)
    assert [b.text for row in choice.buttons for b in row] == ["Ольга"]
    await team.tg.press(20, choice, choice.callback_data_of("Ольга"))
    assert "Ольга" in team.card(number).text


async def test_a_pick_whose_outcome_is_too_long_for_an_alert_still_assigns_and_says_so(
    team: Team,
) -> None:
    """Two long names and the warning are more than an answer to a press may carry."""
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга Александровна Константинопольская")
    await team.person(20, "Босс", roles=[Role.MANAGER])
    team.tg.world.user(11).started = False
    number = await team.request()
    await take(team, 10, number)
    card = team.card(number)
    await team.tg.press(20, card, card.callback_data_of("Переназначить"))
    choice = await team.tg.next_bot_message(20)
    answer = await team.tg.press(20, choice, choice.callback_data_of("Ольга"))
    assert answer is not None
    assert f"Заявка #{number} назначена" in choice.text
    assert "поэтому бриф не дошёл" in choice.text
    await team.settle(card)
    assert "Константинопольская" in card.text
    assert await team.events(number) == ["request.posted", "request.taken", "request.assigned"]


async def test_an_old_reassign_button_of_a_closed_request_says_it_is_closed(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    await team.person(20, "Босс", roles=[Role.MANAGER])
    number = await team.request()
    brief = await take(team, 10, number)
    card = team.card(number)
    reassign = card.callback_data_of("Переназначить")
    await team.tg.press(10, brief, brief.callback_data_of("Проиграна"))
    reasons = await team.tg.next_bot_message(10)
    await team.tg.press(10, reasons, reasons.callback_data_of("конкурента"))
    await team.settle(reasons, 10)
    refused = await team.tg.press(20, card, reassign)
    assert refused is not None
    assert "уже закрыта" in (refused.text or "")
    assert not [m for m in team.tg.bot_messages(20) if "эксперт" in m.text.lower()]


async def test_assign_refuses_an_expert_without_the_competence(team: Team) -> None:
    await team.expert(12, "Иван", tags=["crm"], username="ivan")
    number = await team.request()
    await team.tg.send_message(ADMIN_ID, f"/assign {number} @ivan")
    assert "erp" in (await team.tg.next_bot_message(ADMIN_ID)).text
    assert await team.events(number) == ["request.posted"]


async def test_an_expert_refused_for_a_missing_competence_is_named_as_written(
    team: Team,
) -> None:
    await team.expert(12, "Ева <3 & Co", tags=["crm"], username="eva")
    number = await team.request()
    await team.tg.send_message(ADMIN_ID, f"/assign {number} @eva")
    refused = await team.tg.next_bot_message(ADMIN_ID)
    assert "Нельзя назначить Ева <3 & Co:" in refused.text
    assert "erp" in refused.text
    assert await team.events(number) == ["request.posted"]


async def test_an_expert_using_assign_is_told_it_is_for_managers_before_any_argument_check(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    number = await team.request()
    for args in (f"{number} @x", "", "вчера"):
        await team.tg.send_message(10, f"/assign {args}".strip())
        assert (await team.tg.next_bot_message(10)).text == "Это могут только руководители."
    assert await team.events(number) == ["request.posted"]


async def test_each_stage_to_won_is_recorded_shown_and_told_to_the_author(team: Team) -> None:
    await team.expert(10, "Пётр")
    number = await team.request()
    brief = await take(team, 10, number)
    await author_hears(team)
    steps = [("КП отправлено", "КП отправлено"), ("Выиграна", "выиграна")]
    for button, stage in steps:
        await team.tg.press(10, brief, brief.callback_data_of(button))
        assert stage in await author_hears(team)
        assert stage in team.card(number).text
    # won: no moves left, only files and notes, and the history
    assert [b.text for row in brief.buttons for b in row] == [
        "📎 Файл или заметка",
        "✉️ Автору",
        "🕓 История",
    ]
    await team.settle(brief)
    async with team.repo() as repo:
        request = await repo.requests.get(number)
        events = await repo.events.for_request(number)
    assert request is not None
    assert request.stage == Stage.WON.value
    moves = [(e.data["to"], e.actor_id) for e in events if e.kind == "request.stage_changed"]
    assert moves == [("proposal_sent", 10), ("won", 10)]
    card = team.card(number)
    assert any("выиграна" in text for text in replies_to(team, card))


async def test_lost_with_a_reason_from_the_list_or_typed(team: Team) -> None:
    await team.expert(10, "Пётр")
    first, second = await team.request(), await team.request()
    brief = await take(team, 10, first)
    await team.tg.press(10, brief, brief.callback_data_of("Проиграна"))
    reasons = await team.tg.next_bot_message(10)
    await team.tg.press(10, reasons, reasons.callback_data_of("конкурента"))
    assert "Выбрали конкурента" in team.card(first).text
    brief = await take(team, 10, second)
    await team.tg.press(10, brief, brief.callback_data_of("Проиграна"))
    reasons = await team.tg.next_bot_message(10)
    await team.tg.press(10, reasons, reasons.callback_data_of("Другое"))
    await team.tg.next_bot_message(10)
    await team.tg.send_message(10, "Заморозили проект")
    assert "проиграна" in (await team.tg.next_bot_message(10)).text
    await team.settle(brief)
    async with team.repo() as repo:
        request = await repo.requests.get(second)
    assert request is not None
    assert request.lost_reason == "Заморозили проект"


async def test_postponed_with_a_date_and_back_to_work(team: Team) -> None:
    await team.expert(10, "Пётр")
    number = await team.request()
    brief = await take(team, 10, number)
    await author_hears(team)
    await team.tg.press(10, brief, brief.callback_data_of("Отложить"))
    days = await team.tg.next_bot_message(10)
    await team.tg.press(10, days, days.callback_data_of("Ввести"))
    await team.tg.next_bot_message(10)
    await team.tg.send_message(10, "вчера")
    assert "Не понял дату" in (await team.tg.next_bot_message(10)).text
    await team.tg.send_message(10, "15.04.2026")
    assert "отложена" in (await team.tg.next_bot_message(10)).text
    assert "отложена до" in await author_hears(team)
    await team.settle(brief)
    async with team.repo() as repo:
        request = await repo.requests.get(number)
    assert request is not None
    assert request.postponed_until is not None
    assert request.postponed_until.date().isoformat() == "2026-04-15"
