"""/team for admins, /queue and /mine for the team, and a request from the real dialog."""

from __future__ import annotations

from datetime import timedelta

from bot.services.buttons import TakeButton
from emulator import EmMessage
from storage.models import Priority, Role, User
from tests.conftest import ADMIN_ID
from tests.e2e.intake.flow import fill, open_form, scenario, submit
from tests.e2e.team.conftest import Team
from tests.harness import Person


async def test_an_admin_grants_roles_and_tags_and_sets_a_supervisor(team: Team) -> None:
    await team.person(40, "Новичок", username="novice")
    await team.person(41, "Руководитель", roles=[Role.MANAGER])
    tg = team.tg
    await tg.send_message(ADMIN_ID, "/team")
    listing = await tg.next_bot_message(ADMIN_ID)
    assert "Новичок" in listing.text
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("Новичок"))
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("эксперт"))
    assert "✅ эксперт" in [b.text for row in listing.buttons for b in row]
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("#erp"))
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("👔"))
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("Руководитель"))
    await team.settle(listing, ADMIN_ID)
    async with team.repo() as repo:
        novice = await repo.users.get(40)
        assert novice is not None
        await repo.session.refresh(novice)
    assert Role.EXPERT in novice.roles
    assert novice.tags == ["erp"]
    assert novice.supervisor_id == 41
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("#erp"))
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("эксперт"))
    await team.settle(listing, ADMIN_ID)
    async with team.repo() as repo:
        novice = await repo.users.get(40)
        assert novice is not None
        await repo.session.refresh(novice)
    assert novice.roles == frozenset()
    assert novice.tags == []


async def open_person(team: Team, username: str) -> EmMessage:
    """The admin's ``/team @username`` view of one person."""
    await team.tg.send_message(ADMIN_ID, f"/team @{username}")
    return await team.tg.next_bot_message(ADMIN_ID)


async def press_as_admin(team: Team, view: EmMessage, data: str) -> str:
    """Press a button (any data) on the admin's view; the text the press is answered with."""
    answer = await team.tg.press(ADMIN_ID, view, data)
    assert answer is not None
    return answer.text or ""


def labels(message: EmMessage) -> list[str]:
    return [button.text for row in message.buttons for button in row]


async def vasya(team: Team) -> User:
    async with team.repo() as repo:
        person = await repo.users.get(40)
        assert person is not None
        await repo.session.refresh(person)
    return person


async def test_a_role_pressed_on_an_outdated_view_does_what_its_button_showed(team: Team) -> None:
    await team.person(40, "Вася", username="vasya")
    older, newer = await open_person(team, "vasya"), await open_person(team, "vasya")
    expert = older.callback_data_of("▫️ эксперт")
    assert await press_as_admin(team, newer, newer.callback_data_of("эксперт")) == "Роль выдана."
    said = await press_as_admin(team, older, expert)
    assert said == "Роль уже выдана, ничего не изменилось."
    await team.settle(older, ADMIN_ID)
    assert "✅ эксперт" in labels(older)
    assert (await vasya(team)).roles == frozenset({Role.EXPERT})
    await team.settle(newer, ADMIN_ID)
    taken_away = older.callback_data_of("✅ эксперт")
    assert newer.callback_data_of("✅ эксперт") == taken_away
    assert await press_as_admin(team, older, taken_away) == "Роль снята."
    said = await press_as_admin(team, newer, taken_away)
    assert said == "Этой роли уже нет, ничего не изменилось."
    assert (await vasya(team)).roles == frozenset()


async def test_a_tag_pressed_on_an_outdated_view_does_what_its_button_showed(team: Team) -> None:
    await team.person(40, "Вася", username="vasya", tags=["erp"])
    older, newer = await open_person(team, "vasya"), await open_person(team, "vasya")
    await press_as_admin(team, newer, newer.callback_data_of("#erp"))
    said = await press_as_admin(team, older, older.callback_data_of("✅ #erp"))
    assert said == "Этой компетенции уже нет, ничего не изменилось."
    await team.settle(older, ADMIN_ID)
    assert "▫️ #erp" in labels(older)
    assert (await vasya(team)).tags == []


async def test_a_long_team_list_turns_pages_under_a_page_counter(team: Team) -> None:
    for index in range(12):
        await team.person(60 + index, f"Сотрудник {index:02}")
    async with team.repo() as repo:
        pages = -(-(await repo.team.count_members()) // 8)
    tg = team.tg
    await tg.send_message(ADMIN_ID, "/team")
    listing = await tg.next_bot_message(ADMIN_ID)
    assert [b.text for b in listing.buttons[-1]] == [f"1 / {pages}", "Дальше →"]
    assert listing.button(f"1 / {pages}").disabled
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("Дальше"))
    assert [b.text for b in listing.buttons[-1]][:2] == ["← Назад", f"2 / {pages}"]
    assert listing.button(f"2 / {pages}").disabled


async def test_role_and_tag_buttons_from_before_they_said_what_they_do_are_stale(
    team: Team,
) -> None:
    await team.person(40, "Вася", username="vasya", tags=["erp"])
    view = await open_person(team, "vasya")
    assert "устарела" in await press_as_admin(team, view, "tr:40:expert")
    assert "устарела" in await press_as_admin(team, view, "tt:40:erp")
    person = await vasya(team)
    assert person.roles == frozenset()
    assert person.tags == ["erp"]


async def test_the_supervisor_list_opened_by_mistake_leads_back_and_changes_nothing(
    team: Team,
) -> None:
    await team.person(40, "Вася", username="vasya", roles=[Role.EXPERT])
    await team.person(41, "Руководитель", roles=[Role.MANAGER])
    async with team.repo() as repo:
        await repo.users.set_supervisor(40, 41)
    view = await open_person(team, "vasya")
    await press_as_admin(team, view, view.callback_data_of("👔"))
    assert "Руководитель" in labels(view)
    await press_as_admin(team, view, view.callback_data_of("Назад"))
    assert "Руководитель: Руководитель" in view.text
    assert "✅ эксперт" in labels(view)
    assert (await vasya(team)).supervisor_id == 41


async def test_team_is_for_managers_and_admins_only_and_says_so(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.tg.send_message(10, "/team")
    assert (await team.tg.next_bot_message(10)).text == (
        "Команда и роли доступны руководителям и администраторам."
    )
    await team.tg.send_message(ADMIN_ID, "/team @nobody")
    assert "Не знаю" in (await team.tg.next_bot_message(ADMIN_ID)).text


async def test_queue_lists_open_requests_oldest_first_and_mine_by_stage(team: Team) -> None:
    expert = await team.expert(10, "Пётр")
    old = await team.request()
    team.clock.advance(timedelta(minutes=75))
    hot = await team.request(priority=Priority.HOT)
    taken = await team.request()
    await team.tg.press(expert, team.card(taken), TakeButton(request=taken).pack())
    await team.tg.next_bot_message(expert)
    await team.tg.send_message(expert, "/queue")
    queue = (await team.tg.next_bot_message(expert)).text
    assert queue.index(f"#{old} ") < queue.index(f"#{hot} ")
    assert f"#{taken} " not in queue
    assert "1 ч 15 мин" in queue
    assert "🔥" in queue
    await team.tg.send_message(expert, "/mine")
    mine = (await team.tg.next_bot_message(expert)).text
    assert "взята (1)" in mine
    assert f"#{taken} " in mine
    await team.tg.send_message(500, "/queue")
    refused = await team.tg.wait_for(
        lambda: [m for m in team.tg.transcript(500) if "экспертов" in m.text], what="refusal"
    )
    assert refused


async def test_a_request_from_the_dialog_lands_in_the_group_and_is_taken(team: Team) -> None:
    expert = await team.expert(10, "Пётр")
    author = Person(team.tg, 600)
    team.tg.add_user(600, "Сергей", language_code="ru")
    form = scenario("it_erp")
    summary, _ = await fill(author, form, "ru", await open_form(author, "it_erp"))
    number = await submit(author, summary)
    card = await team.posted_card(number)
    assert "Сергей" in card.text
    await team.tg.press(expert, card, TakeButton(request=number).pack())
    assert f"#{number}" in (await team.tg.next_bot_message(expert)).text
    told = await team.tg.wait_for(
        lambda: [m for m in team.tg.transcript(600) if "Пётр" in m.text], what="author told"
    )
    assert f"#{number}" in told[0].text
