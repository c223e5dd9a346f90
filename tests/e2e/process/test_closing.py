"""A request that closes keeps nobody busy: its meeting and steps end with it."""

from __future__ import annotations

from datetime import UTC, datetime

from emulator import EmMessage
from storage.models import MeetingStatus, Role, Stage
from tests.e2e.followups.conftest import Presses, meeting, move_to, next_to, steps_of, take
from tests.e2e.followups.test_meetings import plan_meeting
from tests.e2e.process.conftest import MANAGER, Team, hears, last_event, stage_of
from tests.e2e.workspace.conftest import ask

EXPERT, OLGA = 10, 11
PETRS_BUTTONS = ("Проиграна", "Следующий шаг", "Позвать закрывающего")
"""Buttons of the owner's brief that each check, in their own way, whose request it is."""
TUESDAY = [datetime(2026, 3, 3, hour, 0, tzinfo=UTC) for hour in (6, 8, 13, 14)]
"""In Moscow 9:00, 11:00, 16:00 and 17:00 on the day of the meeting (10:00, an hour long)
and of the step (16:00): when each of their reminders would come, in turn."""
REMINDED = ("Завтра встреча", "Через час встреча", "должна была закончиться", "Пора")


def reminders_after(team: Team, user_id: int, seen: int) -> list[str]:
    """Reminders of the meeting or the step this person got after their first ``seen``."""
    return [
        message.text
        for message in team.tg.bot_messages(user_id)[seen:]
        if any(words in message.text for words in REMINDED)
    ]


async def take_over(team: Team, expert_id: int) -> EmMessage:
    """The brief a manager's assignment brought the expert: the part with the buttons."""
    brief = await next_to(team, expert_id)
    while not brief.buttons:
        brief = await next_to(team, expert_id)
    return brief


async def test_a_lost_request_cancels_its_meeting_and_steps_and_nobody_is_reminded(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.expert(OLGA, "Ольга")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    number, meeting_id = await plan_meeting(
        team, EXPERT, with_colleague="Ольга", number=number, brief=brief
    )
    owner = Presses(team, EXPERT)
    await owner.press(brief, "Следующий шаг")
    await owner.press(await owner.next(), "Позвонить клиенту")
    await owner.press(await owner.next(), "Завтра 16:00")
    assert len(await steps_of(team, number)) == 1

    plan_again = brief.callback_data_of("Запланировать встречу")
    await owner.press(brief, "Проиграна")
    await owner.press(await owner.next("Почему"), "конкурента")
    assert await stage_of(team, number) == Stage.LOST.value
    told = await hears(team, OLGA, "заявка закрыта")
    assert f"#{number}" in told.text
    assert (await meeting(team, meeting_id)).status == MeetingStatus.CANCELLED.value
    assert await steps_of(team, number) == []
    assert (await last_event(team, number, "request.steps_cancelled"))["count"] == 1
    assert (await last_event(team, number, "request.meeting_cancelled"))["meeting"] == meeting_id

    seen = {person: len(team.tg.bot_messages(person)) for person in (EXPERT, OLGA)}
    for moment in TUESDAY:
        await move_to(team, moment)
    for person, count in seen.items():
        assert reminders_after(team, person, count) == []

    refused = await team.tg.press(EXPERT, brief, plan_again)
    assert refused is not None
    assert "уже закрыта" in (refused.text or "")


async def test_release_on_a_won_request_says_it_is_closed_and_gives_nothing_back(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    release = brief.callback_data_of("Вернуть")
    await Presses(team, EXPERT).press(brief, "Выиграна")
    assert await stage_of(team, number) == Stage.WON.value

    refused = await team.tg.press(EXPERT, brief, release)
    assert refused is not None
    assert refused.show_alert
    assert f"Заявка #{number} уже закрыта" in (refused.text or ""), refused.text
    await team.settle(brief, EXPERT)
    assert await stage_of(team, number) == Stage.WON.value
    assert "request.released" not in await team.events(number)
    assert not any("Вернуть" in button.text for row in brief.buttons for button in row)


async def test_a_former_owners_old_buttons_of_a_request_won_since_say_it_is_closed(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.expert(OLGA, "Ольга", username="olga")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    number = await team.request()
    brief = await take(team, EXPERT, number)
    old = [brief.callback_data_of(label) for label in PETRS_BUTTONS]
    await ask(team, MANAGER, f"/assign {number} @olga", "назначена")
    olgas = await take_over(team, OLGA)
    await Presses(team, OLGA).press(olgas, "Выиграна")
    assert await stage_of(team, number) == Stage.WON.value

    for data in old:
        refused = await team.tg.press(EXPERT, brief, data)
        assert refused is not None
        assert refused.show_alert
        assert f"Заявка #{number} уже закрыта" in (refused.text or ""), (data, refused.text)
        await team.settle(brief, EXPERT)
    assert await stage_of(team, number) == Stage.WON.value
    assert "Какой следующий шаг" not in team.tg.render_transcript(EXPERT)


async def test_a_lost_reason_typed_after_the_new_owner_won_the_request_says_it_is_closed(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.expert(OLGA, "Ольга", username="olga")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    number = await team.request()
    brief = await take(team, EXPERT, number)
    petr = Presses(team, EXPERT)
    await petr.press(brief, "Проиграна")
    await petr.press(await petr.next("Почему"), "Другое")
    await petr.next("Напишите причину")
    await ask(team, MANAGER, f"/assign {number} @olga", "назначена")
    await hears(team, EXPERT, "передана")
    await Presses(team, OLGA).press(await take_over(team, OLGA), "Выиграна")

    refused = await petr.type("Клиент выбрал другого")
    assert f"Заявка #{number} уже закрыта" in refused.text, refused.text
    assert await stage_of(team, number) == Stage.WON.value
