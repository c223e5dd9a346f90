"""A press in the group for someone the bot has never talked to leads to the bot's chat."""

from __future__ import annotations

from bot.services.buttons import FullTextButton, ReassignButton, TakeButton
from storage.models import Role
from tests.e2e.team.conftest import Team

EXPERT = 10
MANAGER = 41


async def never_talked_to(team: Team, user_id: int) -> None:
    """The person is in the group but never opened the bot's chat: it may not write first."""
    team.tg.world.user(user_id).started = False


async def test_an_expert_the_bot_cannot_write_to_is_taken_to_its_chat_by_the_take_press(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await never_talked_to(team, EXPERT)
    number = await team.request()
    answer = await team.tg.press(EXPERT, team.card(number), TakeButton(request=number).pack())
    assert answer is not None
    assert answer.show_alert
    assert "Старт" in (answer.text or "")
    assert answer.url == f"https://t.me/{team.tg.bot.username}?start=r{number}"
    assert team.tg.transcript(EXPERT) == []  # the brief could not go
    await team.tg.follow_start_link(EXPERT, answer.url)
    view = await team.tg.next_bot_message(EXPERT)
    assert f"#{number}" in view.text
    panel = view if view.buttons else await team.tg.next_bot_message(EXPERT)
    assert "↩️ Вернуть в очередь" in [b.text for row in panel.buttons for b in row]


async def test_the_full_text_for_a_member_the_bot_cannot_write_to_opens_in_its_chat(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await never_talked_to(team, EXPERT)
    number = await team.request(answers={"industry": "очень длинное описание " * 400})
    card = team.card(number)
    answer = await team.tg.press(EXPERT, card, FullTextButton(request=number).pack())
    assert answer is not None
    assert answer.url == f"https://t.me/{team.tg.bot.username}?start=r{number}"
    await team.tg.follow_start_link(EXPERT, answer.url)
    view = await team.tg.next_bot_message(EXPERT)
    assert f"#{number}" in view.text


async def test_an_expert_the_bot_can_write_to_gets_no_link(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    answer = await team.tg.press(EXPERT, team.card(number), TakeButton(request=number).pack())
    assert answer is not None
    assert answer.url is None
    assert f"#{number}" in (await team.tg.next_bot_message(EXPERT)).text


async def test_a_manager_the_bot_cannot_write_to_reassigns_from_its_chat(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.expert(11, "Ольга")
    await team.person(MANAGER, "Руководитель", roles=[Role.MANAGER])
    await never_talked_to(team, MANAGER)
    number = await team.request()
    await team.tg.press(EXPERT, team.card(number), TakeButton(request=number).pack())
    card = await team.posted_card(number)
    await team.tg.wait_for(lambda: card.buttons and "Переназначить" in card.buttons[0][0].text)
    answer = await team.tg.press(MANAGER, card, ReassignButton(request=number).pack())
    assert answer is not None
    assert answer.url == f"https://t.me/{team.tg.bot.username}?start=r{number}"
    await team.tg.follow_start_link(MANAGER, answer.url)
    view = await team.tg.next_bot_message(MANAGER)
    assert f"#{number}" in view.text
