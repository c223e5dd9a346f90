"""The card in the team group and the race to take it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.services import card_posting
from bot.services.buttons import FullTextButton, TakeButton
from storage.models import Role
from tests.conftest import ADMIN_ID, TEAM_CHAT_ID
from tests.e2e.team.conftest import AUTHOR_ID, Team


async def test_the_card_shows_every_answer_escaped_the_author_and_one_take_button(
    team: Team,
) -> None:
    number = await team.request(files=2)
    card = team.card(number)
    assert "ООО «Ромашка» & Co" in card.text
    assert "Строительство <b>жилья</b>" in card.text
    assert "Анна" in card.text
    assert "обычная" in card.text
    assert [[b.text for b in row] for row in card.buttons] == [["✋ Беру"]]
    album = await team.tg.wait_for_call("sendMediaGroup")
    assert json.loads(album.params["reply_parameters"])["message_id"] == card.message_id
    assert await team.events(number) == ["request.posted"]


async def test_a_date_and_time_on_the_card_is_one_moment_each_reader_sees_on_their_own_clock(
    team: Team,
) -> None:
    visit = datetime.fromisoformat("2026-03-05T10:00:00+10:00")  # typed in Vladivostok
    number = await team.request(
        form="workshop_parts",
        answers={"car": "Toyota Camry", "service_visit": visit.isoformat()},
    )
    card = team.card(number)

    # The text is in the team's zone (Moscow, seven hours behind); apps that know the
    # entity show the moment on the reader's own clock.
    assert "Визит на сервис\n5 мар. 2026\u202fг., 03:00" in card.text
    moments = [entity for entity in card.entities if entity["type"] == "date_time"]
    assert [(m["unix_time"], m["date_time_format"]) for m in moments] == [
        (int(team.clock.now().timestamp()), "Dt"),  # when it was submitted
        (int(visit.timestamp()), "Dt"),
    ]
    units = card.text.encode("utf-16-le")  # entity offsets count UTF-16 code units
    start, length = moments[1]["offset"] * 2, moments[1]["length"] * 2
    assert units[start : start + length].decode("utf-16-le") == "5 мар. 2026\u202fг., 03:00"


async def test_a_long_answer_is_shortened_and_the_full_text_is_one_tap_away(team: Team) -> None:
    await team.expert(10, "Пётр")
    long_text = "очень длинное описание " * 400
    number = await team.request(answers={"company_name": "Ромашка", "industry": long_text})
    card = team.card(number)
    assert len(card.text) <= 4096
    assert "сокращены" in card.text
    answer = await team.tg.press(10, card, card.callback_data_of("Полный текст"))
    assert answer is not None
    assert "личных" in (answer.text or "")
    brief = [m.text for m in team.tg.transcript(10)]
    assert len(brief) >= 3
    assert all(len(text) <= 4096 for text in brief)
    assert sum(text.count("о") for text in brief) >= long_text.count("о")


async def test_fifty_experts_press_at_once_and_exactly_one_gets_the_request(
    make_team: Callable[..., Any], database_url: str
) -> None:
    async with make_team(database_url=database_url) as team:
        experts = [await team.expert(100 + i, f"Эксперт{i}") for i in range(50)]
        number = await team.request()
        card = team.card(number)
        data = TakeButton(request=number).pack()
        answers = await asyncio.gather(*(team.tg.press(uid, card, data) for uid in experts))
        async with team.repo() as repo:
            request = await repo.requests.get(number)
            assert request is not None
            owner = await repo.users.get(request.owner_id or 0)
        assert owner is not None
        assert owner.id in experts
        texts = [a.text or "" for a in answers if a is not None]
        assert sum("ваша" in text for text in texts) == 1
        lost = [text for text in texts if "уже взял" in text]
        assert len(lost) == 49
        assert all(owner.first_name in text for text in lost)
        await team.settle(card)
        assert await team.events(number) == ["request.posted", "request.taken"]
        assert owner.first_name in card.text
        assert [[b.text for b in row] for row in card.buttons] == [["🔁 Переназначить"]]


async def test_the_winner_gets_the_brief_and_the_author_learns_who_took_it(team: Team) -> None:
    await team.expert(10, "Пётр")
    number = await team.request(files=1)
    answer = await team.tg.press(10, team.card(number), TakeButton(request=number).pack())
    assert answer is not None
    assert "ваша" in (answer.text or "")
    brief = await team.tg.next_bot_message(10)
    assert f"#{number}" in brief.text
    assert "ООО «Ромашка» & Co" in brief.text
    labels = [b.text for row in brief.buttons for b in row]
    assert "📅 Встреча назначена" in labels
    assert "↩️ Вернуть в очередь" in labels
    document = await team.tg.next_bot_message(10)
    assert document.document_name == "spec-0.pdf"
    told = await team.tg.next_bot_message(AUTHOR_ID)
    assert "Пётр" in told.text
    assert f"#{number}" in told.text


async def test_an_alert_naming_someone_with_brackets_and_ampersands_reads_as_typed(
    team: Team,
) -> None:
    await team.expert(10, "Ольга <R&D>")
    await team.expert(11, "Пётр")
    number = await team.request()
    await team.tg.press(10, team.card(number), TakeButton(request=number).pack())
    late = await team.tg.press(11, team.card(number), TakeButton(request=number).pack())
    assert late is not None
    assert late.text == f"Заявку #{number} уже взял(а) Ольга <R&D>."


async def test_a_stranger_is_refused_and_nothing_changes(team: Team) -> None:
    await team.expert(30, "Чужой", member=False)
    number = await team.request()
    answer = await team.tg.press(30, team.card(number), TakeButton(request=number).pack())
    assert answer is not None
    assert answer.show_alert
    assert "участники командной группы" in (answer.text or "")
    assert await team.events(number) == ["request.posted"]


async def test_someone_who_left_the_group_is_refused(team: Team) -> None:
    await team.expert(31, "Ушедший")
    number = await team.request()
    card = team.card(number)
    await team.tg.press(31, card, "ct:999999")  # warms the membership cache
    await team.tg.leave(TEAM_CHAT_ID, 31)
    answer = await team.tg.press(31, card, TakeButton(request=number).pack())
    assert answer is not None
    assert "участники командной группы" in (answer.text or "")
    assert await team.events(number) == ["request.posted"]


async def test_a_member_without_the_expert_role_is_told_why(team: Team) -> None:
    await team.person(32, "Менеджер", roles=[Role.MANAGER])
    number = await team.request()
    answer = await team.tg.press(32, team.card(number), TakeButton(request=number).pack())
    assert answer is not None
    assert "только эксперты" in (answer.text or "")


async def test_an_expert_without_the_competence_is_told_which_one(team: Team) -> None:
    await team.expert(33, "Без тегов", tags=["crm"])
    number = await team.request()
    answer = await team.tg.press(33, team.card(number), TakeButton(request=number).pack())
    assert answer is not None
    assert "erp" in (answer.text or "")
    assert await team.events(number) == ["request.posted"]


async def test_any_member_may_take_under_the_open_policy(make_team: Callable[..., Any]) -> None:
    async with make_team(claim_policy="open") as team:
        await team.person(34, "Аналитик")
        number = await team.request()
        answer = await team.tg.press(34, team.card(number), TakeButton(request=number).pack())
        assert answer is not None
        assert "ваша" in (answer.text or "")


async def test_forged_and_stale_buttons_get_an_alert_and_change_nothing(team: Team) -> None:
    await team.expert(35, "Ева")
    first = await team.request()
    second = await team.request()
    card = team.card(first)
    for data in ("ct:abc", "ct:-1", f"ct:{second}", "ct:424242", "zz:1"):
        answer = await team.tg.press(35, card, data)
        assert answer is not None, data
        assert answer.show_alert, data
    assert await team.events(first) == ["request.posted"]
    assert await team.events(second) == ["request.posted"]


async def test_a_take_while_telegram_cannot_say_who_is_in_the_group_is_not_refused(
    team: Team,
) -> None:
    """More failures than a call is retried in place: the press is handled again later."""
    await team.expert(34, "Жанна")
    number = await team.request()
    card = team.card(number)
    team.tg.fail_next("getChatMember", count=6, kind="5xx")
    answer = await team.tg.press(34, card, card.callback_data_of("Беру"), timeout=30)
    assert answer is not None
    assert "ваша" in (answer.text or "")
    await team.settle(card)
    assert await team.events(number) == ["request.posted", "request.taken"]


async def test_a_card_pressed_before_the_bot_has_its_id_is_taken_by_that_press(
    team: Team,
) -> None:
    """Telegram shows the card at once; its id reaches the bot with the answer, later."""
    await team.expert(36, "Фёдор")
    number = await team.request(post=False)
    team.tg.fail_next("sendMessage", kind="slow", hold=60, chat_id=TEAM_CHAT_ID)
    posting = asyncio.create_task(team.bot.app.card_posting.post_waiting())
    card = await team.posted_card(number)
    # A button the card does not carry is still refused, and records nothing.
    forged = await team.tg.press(36, card, FullTextButton(request=number).pack())
    assert forged is not None
    assert "устарела" in (forged.text or "")
    answer = await team.tg.press(36, card, card.callback_data_of("Беру"))
    assert answer is not None
    assert "ваша" in (answer.text or "")
    assert [[b.text for b in row] for row in card.buttons] == [["🔁 Переназначить"]]
    team.tg.release_held()
    await posting  # this pass, or the job's own under way, has recorded the card
    assert await team.events(number) == ["request.posted", "request.taken"]
    async with team.repo() as repo:
        request = await repo.requests.get(number)
    assert request is not None
    assert (request.team_message_id, request.owner_id) == (card.message_id, 36)
    assert [
        m.message_id for m in team.tg.transcript(TEAM_CHAT_ID) if f"#{number} ·" in m.text
    ] == [card.message_id]


async def test_a_card_in_flight_while_a_manager_assigns_the_request_shows_the_owner(
    team: Team,
) -> None:
    await team.expert(37, "Галина", username="galina")
    number = await team.request(post=False)
    team.tg.fail_next("sendMessage", kind="slow", hold=60, chat_id=TEAM_CHAT_ID)
    posting = asyncio.create_task(team.bot.app.card_posting.post_waiting())
    card = await team.posted_card(number)
    assert "Беру" in str(card.buttons)  # rendered before the assignment
    await team.tg.send_message(ADMIN_ID, f"/assign {number} @galina")
    await team.tg.wait_for(
        lambda: [m for m in team.tg.transcript(37) if f"#{number}" in m.text],
        what="the brief sent to the new owner",
    )
    team.tg.release_held()
    await posting  # this pass, or the job's own under way, has recorded the card
    assert "Галина" in card.text
    assert [[b.text for b in row] for row in card.buttons] == [["🔁 Переназначить"]]


async def test_a_lost_copy_pressed_while_the_card_is_posted_again_stays_the_only_card(
    team: Team,
) -> None:
    await team.expert(38, "Дина")
    number = await team.request(post=False)
    team.tg.fail_next("sendMessage", kind="lost", chat_id=TEAM_CHAT_ID)
    team.tg.fail_next("sendMessage", kind="slow", hold=60, chat_id=TEAM_CHAT_ID, nth=2)
    await team.bot.app.card_posting.post_waiting()  # the group has it; the bot never heard
    first = team.card(number)
    team.clock.advance(seconds=5)  # the retry is due: the card goes out once more
    second = await team.tg.wait_for(
        lambda: [m for m in team.tg.transcript(TEAM_CHAT_ID) if f"#{number} ·" in m.text][1:],
        what="the second copy",
    )
    answer = await team.tg.press(38, first, first.callback_data_of("Беру"))
    assert answer is not None
    assert "ваша" in (answer.text or "")
    team.tg.release_held()
    await team.tg.wait_for(lambda: second[0].deleted, what="the second copy deleted")
    async with team.repo() as repo:
        request = await repo.requests.get(number)
    assert request is not None
    assert (request.team_message_id, request.owner_id) == (first.message_id, 38)
    assert await team.events(number) == ["request.posted", "request.taken"]


async def test_a_card_deleted_in_the_group_is_posted_again_at_the_next_change(
    team: Team,
) -> None:
    await team.expert(39, "Егор", username="egor")
    await team.tg.promote(TEAM_CHAT_ID, 39)
    number = await team.request()
    deleted = team.card(number)
    await team.tg.delete_message(39, deleted)  # Telegram tells the bot nothing
    await team.tg.send_message(ADMIN_ID, f"/assign {number} @egor")
    card = await team.posted_card(number)  # the edit failed: the bot learns and posts anew
    assert card.message_id != deleted.message_id
    assert "Егор" in card.text
    assert [[b.text for b in row] for row in card.buttons] == [["🔁 Переназначить"]]
    await team.bot.app.card_posting.post_waiting()  # waits for the pass that recorded it
    async with team.repo() as repo:
        request = await repo.requests.get(number)
    assert request is not None
    assert (request.team_message_id, request.owner_id) == (card.message_id, 39)


async def test_a_deleted_card_of_a_request_nobody_took_comes_back_with_the_claim_reminder(
    team: Team,
) -> None:
    await team.expert(39, "Егор", username="egor")
    await team.tg.promote(TEAM_CHAT_ID, 39)
    number = await team.request()
    deleted = team.card(number)
    await team.tg.delete_message(39, deleted)  # Telegram tells the bot nothing
    moment = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)  # Monday 11:30 in Moscow: past the limit
    team.clock.set(moment)
    await team.bot.app.claim_watch.check_claim_deadlines(moment)
    card = await team.posted_card(number)  # the reminder's reply failed: posted anew
    assert card.message_id != deleted.message_id
    assert [[b.text for b in row] for row in card.buttons] == [["✋ Беру"]]
    reminders = [m for m in team.tg.transcript(TEAM_CHAT_ID) if "⏰" in m.text]
    assert len(reminders) == 1


async def test_a_whole_look_posts_every_waiting_card_page_after_page(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(card_posting, "BATCH", 2)  # five cards make three pages
    numbers = [await team.request(post=False) for _ in range(5)]
    await team.bot.app.card_posting.post_waiting()
    assert all(team.find_card(number) for number in numbers)
