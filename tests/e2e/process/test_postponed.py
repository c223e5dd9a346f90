"""A postponed request comes back on its date, in its owner's working hours and zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.models import Role, Stage
from tests.conftest import TEAM_CHAT_ID
from tests.e2e.followups.conftest import Presses, take
from tests.e2e.pipeline.test_digest import in_zone, look
from tests.e2e.process.conftest import MANAGER, Team, hears, last_event, stage_of
from tests.e2e.team.conftest import AUTHOR_ID
from tests.e2e.workspace.conftest import ask

EXPERT = 10
TUESDAY_9AM_YEKATERINBURG = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)
THURSDAY_9AM_YEKATERINBURG = datetime(2026, 3, 12, 4, 0, tzinfo=UTC)
THURSDAY_9AM_MOSCOW = datetime(2026, 3, 5, 6, 0, tzinfo=UTC)
MONDAY_6PM_NEW_YORK = datetime(2026, 3, 2, 23, 0, tzinfo=UTC)


async def test_a_postponed_request_returns_is_postponed_again_and_escalated_when_ignored(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    await in_zone(team, EXPERT, "Asia/Yekaterinburg")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    owner = Presses(team, EXPERT)
    await owner.press(brief, "КП отправлено")
    await owner.press(brief, "Отложить")
    await owner.press(await owner.next("До какого дня"), "Ввести")
    await owner.next("Напишите дату")
    assert "отложена" in (await owner.type("10.03")).text
    assert "отложена до" in (await hears(team, AUTHOR_ID, "отложена")).text

    # Nothing before 09:00 in the owner's zone on the day; then "back" or "again".
    team.clock.set(TUESDAY_9AM_YEKATERINBURG - timedelta(minutes=1))
    await team.bot.app.reminders.settled()
    assert "возвращается" not in team.tg.render_transcript(EXPERT)
    team.clock.set(TUESDAY_9AM_YEKATERINBURG)
    back = await hears(team, EXPERT, "возвращается")
    assert f"#{number}" in back.text
    await owner.press(back, "Отложить ещё")
    await owner.press(await owner.next("До какого дня"), "Ввести")
    await owner.next("Напишите дату")
    await owner.type("12.03")
    assert await stage_of(team, number) == Stage.POSTPONED
    again = await last_event(team, number, "request.stage_changed")
    assert (again["from"], again["to"]) == ("postponed", "postponed")

    # The day it comes back it is in the owner's digest; ignored, the manager is told.
    team.clock.set(THURSDAY_9AM_YEKATERINBURG - timedelta(hours=12))
    await look(team)
    team.clock.set(THURSDAY_9AM_YEKATERINBURG)
    await look(team)
    second = await hears(team, EXPERT, "возвращается")
    digest = await hears(team, EXPERT, "Ваш день")
    assert "Возвращаются из отложенных сегодня (1)" in digest.text
    assert "12 мар. 2026" in digest.text
    team.clock.set(THURSDAY_9AM_YEKATERINBURG + timedelta(hours=4))
    await team.bot.app.reminders.settled()
    told = await hears(team, MANAGER, "не ответил")
    assert f"#{number}" in told.text
    assert "Пётр" in told.text

    # "Back to work" returns it to the stage it was postponed from.
    answer = await team.tg.press(EXPERT, second, second.callback_data_of("Вернуть в работу"))
    assert answer is not None
    assert "КП отправлено" in (answer.text or "")
    await team.settle(second, EXPERT)
    assert await stage_of(team, number) == Stage.PROPOSAL_SENT
    # The first reminder's buttons are stale now.
    stale = await team.tg.press(EXPERT, back, back.callback_data_of("Вернуть в работу"))
    assert stale is not None
    assert "устарела" in (stale.text or "")


async def test_an_old_quick_date_no_longer_ahead_is_refused_and_a_forged_one_is_stale(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    owner = Presses(team, EXPERT)
    await owner.press(brief, "Отложить")
    days = await owner.next("До какого дня")
    tomorrow = days.callback_data_of("Завтра")
    assert tomorrow.endswith("2026-03-03")

    team.clock.set(THURSDAY_9AM_MOSCOW)  # "tomorrow" was Tuesday; it is Thursday now
    await team.bot.app.reminders.settled()
    refused = await team.tg.press(EXPERT, days, tomorrow)
    assert refused is not None
    assert refused.show_alert
    assert "уже нельзя" in (refused.text or ""), refused.text
    assert "3 мар. 2026" in (refused.text or "")
    await owner.next("Напишите дату")
    assert await stage_of(team, number) == Stage.TAKEN
    assert "request.stage_changed" not in await team.events(number)

    forged = await team.tg.press(EXPERT, days, f"bp:{number}:2026-13-45")
    assert forged is not None
    assert forged.show_alert
    assert "устарела" in (forged.text or ""), forged.text
    await team.settle(days, EXPERT)
    assert await stage_of(team, number) == Stage.TAKEN

    assert "Не понял дату" in (await owner.type("04.03.2026")).text
    assert "отложена" in (await owner.type("10.03")).text
    assert await stage_of(team, number) == Stage.POSTPONED
    await team.bot.app.reminders.settled()
    assert "возвращается" not in team.tg.render_transcript(EXPERT)


async def test_an_owner_far_east_sees_the_day_he_chose_on_the_card_and_his_view(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await in_zone(team, EXPERT, "Asia/Vladivostok")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    owner = Presses(team, EXPERT)
    await owner.press(brief, "Отложить")
    await owner.press(await owner.next("До какого дня"), "Ввести")
    await owner.next("Напишите дату")
    assert f"Заявка #{number}: отложена до 10 мар. 2026" in (await owner.type("10.03")).text

    # 09:00 in Vladivostok is 23:00 UTC the day before: shown, it is still the 10th.
    async with team.repo() as repo:
        request = await repo.requests.get(number)
    assert request is not None
    assert request.postponed_until == datetime(2026, 3, 9, 23, 0, tzinfo=UTC)
    assert "отложена до 10 мар. 2026" in team.card(number).text
    view = await ask(team, EXPERT, f"/r {number}", f"#{number}")
    assert "отложена до 10 мар. 2026" in view.text, view.text
    assert "9 мар." not in view.text
    told = [m.text for m in team.tg.bot_messages(AUTHOR_ID) if "отложена" in m.text]
    assert len(told) == 1
    assert f"Заявка #{number}: отложена до 10 мар. 2026" in told[0], told
    group = [m.text for m in team.tg.transcript(TEAM_CHAT_ID) if "отложена до" in m.text]
    assert group
    assert all("9 мар." not in text for text in group), group


async def test_tomorrow_for_an_owner_west_of_the_team_is_his_tomorrow_pressed_or_typed(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await in_zone(team, EXPERT, "America/New_York")
    team.clock.set(MONDAY_6PM_NEW_YORK)  # Tuesday 02:00 for the team in Moscow
    owner = Presses(team, EXPERT)

    pressed = await team.request()
    await owner.press(await take(team, EXPERT, pressed), "Отложить")
    days = await owner.next("До какого дня")
    assert days.callback_data_of("Завтра").endswith("2026-03-03")
    assert "отложена до 3 мар. 2026" in await owner.press(days, "Завтра")

    typed = await team.request()
    await owner.press(await take(team, EXPERT, typed), "Отложить")
    await owner.press(await owner.next("До какого дня"), "Ввести")
    await owner.next("Напишите дату")
    assert "отложена до 3 мар. 2026" in (await owner.type("завтра")).text

    tuesday_9am_new_york = datetime(2026, 3, 3, 14, 0, tzinfo=UTC)
    async with team.repo() as repo:
        for number in (pressed, typed):
            request = await repo.requests.get(number)
            assert request is not None
            assert request.postponed_until == tuesday_9am_new_york


async def test_a_postponed_request_plans_no_meeting_until_it_is_back_at_work(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    plan = brief.callback_data_of("Запланировать встречу")
    owner = Presses(team, EXPERT)
    await owner.press(brief, "Отложить")
    await owner.press(await owner.next("До какого дня"), "Завтра")
    await team.settle(brief, EXPERT)
    assert "Запланировать встречу" not in str(brief.buttons)

    refused = await team.tg.press(EXPERT, brief, plan)
    assert refused is not None
    assert "Вернуться к работе" in (refused.text or "")
    await owner.press(brief, "Вернуться к работе")
    assert "Запланировать встречу" in str(brief.buttons)
    await owner.press(brief, "Запланировать встречу")
    assert "Когда" in (await owner.next("Встреча")).text
    assert await stage_of(team, number) == Stage.TAKEN
