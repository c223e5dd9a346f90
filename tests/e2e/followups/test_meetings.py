"""Meetings from the brief: goals required, reminders a day and an hour before, the recap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from emulator import EmMessage
from storage.models import MeetingStatus, RecapStatus, ReminderStatus, Role, Stage
from tests.e2e.followups.conftest import (
    Presses,
    Team,
    meeting,
    move_to,
    next_to,
    steps_of,
    take,
)

TUESDAY_10_MOSCOW = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)


async def plan_meeting(
    team: Team,
    expert_id: int,
    *,
    with_colleague: str,
    number: int | None = None,
    brief: EmMessage | None = None,
) -> tuple[int, int]:
    """Plan tomorrow's 10:00 meeting with a colleague leading it, from ``brief`` or from
    the brief of a request taken for it."""
    number = number or await team.request()
    brief = brief or await take(team, expert_id, number)
    taps = Presses(team, expert_id)
    await taps.press(brief, "Запланировать встречу")
    await taps.press(await taps.next("Когда"), "Завтра 10:00")
    await taps.press(await taps.next("Сколько"), "60 мин")
    await taps.next("Где")
    people = await taps.type("https://zoom.us/j/42")
    await taps.press(people, with_colleague)
    assert f"✅ {with_colleague}" in str(people.buttons)
    await taps.press(people, "Готово")
    await taps.next("наша цель")
    client = await taps.type("Договориться о пилоте")
    assert "цель клиента" in client.text
    lead = await taps.type("Понять сроки и стоимость")
    await taps.press(lead, with_colleague)
    summary = await taps.next("Участники")
    await taps.press(summary, "Сохранить")
    assert "запланирована" in summary.text, summary.text
    async with team.repo() as repo:
        request = await repo.requests.get(number)
        assert request is not None
        assert request.stage == Stage.MEETING_PLANNED
        planned = await repo.followups.latest_meeting(number)
    assert planned is not None
    return number, planned.id


async def test_a_meeting_is_not_saved_without_both_goals_and_offers_no_skip(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    number = await team.request()
    brief = await take(team, 10, number)
    taps = Presses(team, 10)
    await taps.press(brief, "Запланировать встречу")
    await taps.next("Когда")
    duration = await taps.type("завтра 15:00")
    assert "Сколько" in duration.text
    await taps.press(duration, "90")
    await taps.next("Где")
    people = await taps.type("Офис клиента, Тверская 1")
    await taps.press(people, "Готово")
    ours = await taps.next("наша цель")
    assert ours.buttons == []
    assert "пустой формат" in (await taps.type("ок")).text
    client = await taps.type("Показать отчёт по себестоимости")
    assert client.buttons == []
    assert "пустой формат" in (await taps.type("-")).text
    async with team.repo() as repo:
        request = await repo.requests.get(number)
        assert request is not None
        assert request.stage == Stage.TAKEN
    assert "request.meeting_planned" not in await team.events(number)

    lead = await taps.type("Понять, подходит ли коробка")
    await taps.press(lead, "Пётр")
    summary = await taps.next("Участники")
    assert "15:00" in summary.text
    assert "90 мин" in summary.text
    await taps.press(summary, "Сохранить")
    assert "запланирована" in summary.text
    async with team.repo() as repo:
        planned = await repo.followups.latest_meeting(number)
    assert planned is not None
    assert planned.our_goal == "Показать отчёт по себестоимости"
    assert planned.client_goal == "Понять, подходит ли коробка"
    assert planned.starts_at == datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
    assert planned.duration_minutes == 90
    assert "request.meeting_planned" in await team.events(number)


async def test_a_meeting_whose_start_passed_before_saving_asks_a_new_time_and_keeps_the_rest(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    number = await team.request()
    brief = await take(team, 10, number)
    taps = Presses(team, 10)
    await taps.press(brief, "Запланировать встречу")
    await taps.press(await taps.next("Когда"), "Завтра 10:00")
    await taps.press(await taps.next("Сколько"), "60 мин")
    await taps.next("Где")
    await taps.press(await taps.type("https://zoom.us/j/42"), "Готово")
    await taps.next("наша цель")
    await taps.type("Договориться о пилоте")
    lead = await taps.type("Понять сроки и стоимость")
    await taps.press(lead, "Пётр")
    summary = await taps.next("Участники")
    team.clock.set(team.clock.now() + timedelta(days=3))

    assert "уже прошло" in await taps.press(summary, "Сохранить")
    await taps.next("Когда")
    assert "request.meeting_planned" not in await team.events(number)
    checked = await taps.type("завтра 15:00")
    assert "Договориться о пилоте" in checked.text
    await taps.press(checked, "Сохранить")
    assert "запланирована" in checked.text
    async with team.repo() as repo:
        planned = await repo.followups.latest_meeting(number)
    assert planned is not None
    assert planned.starts_at > team.clock.now()
    assert planned.our_goal == "Договориться о пилоте"


async def test_reminders_a_day_and_an_hour_before_in_each_zone_flag_missing_data(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    async with team.repo() as repo:
        await repo.users.set_time_zone(11, "America/New_York")
    number, _meeting_id = await plan_meeting(team, 10, with_colleague="Ольга")

    day_before = TUESDAY_10_MOSCOW - timedelta(days=1)  # 10:00 in Moscow, 02:00 in New York
    await move_to(team, day_before)
    reminder = await next_to(team, 10, "Завтра встреча")
    assert f"#{number}" in reminder.text
    assert "Договориться о пилоте" in reminder.text
    assert "Понять сроки и стоимость" in reminder.text
    assert "zoom.us/j/42" in reminder.text
    assert "Ведёт: Ольга" in reminder.text
    assert "не хватает обязательных данных" in reminder.text
    assert "Подготовка" in reminder.text
    assert "Строительство <b>жилья</b>" in reminder.text  # the brief, shown as typed
    async with team.repo() as repo:
        [waiting] = await repo.reminders.find(kind="meeting_day_before", recipient_id=11)
    assert waiting.status == ReminderStatus.PENDING
    new_york_morning = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # 09:00 in New York
    assert waiting.due_at == new_york_morning
    await move_to(team, new_york_morning)
    assert "Завтра встреча" in (await next_to(team, 11, "встреча")).text

    # The hour-before reminder is urgent: it reaches New York at 01:00 their time.
    await move_to(team, TUESDAY_10_MOSCOW - timedelta(hours=1))
    for user_id in (10, 11):
        hour = await next_to(team, user_id, "Через час встреча")
        assert "не хватает обязательных данных" in hour.text


async def test_the_recap_with_corrections_chase_escalation_and_confirmation(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    await team.person(20, "Начальник", roles=[Role.MANAGER])
    number, meeting_id = await plan_meeting(team, 10, with_colleague="Ольга")
    taps = Presses(team, 10)

    ended = TUESDAY_10_MOSCOW + timedelta(hours=1)
    await move_to(team, ended)
    asked = await taps.next("состоялась")
    await taps.press(asked, "записать итоги")
    assert (await meeting(team, meeting_id)).status == MeetingStatus.HELD
    await taps.next("Что обсудили")
    await taps.type("Пилот на двух объектах, интеграция с 1С")
    who = await taps.type("Отправить КП")
    await taps.press(who, "Ольга")
    await taps.press(await taps.next("срок"), "Завтра 10:00")
    more = await taps.next("Шагов в итогах: 1")
    await taps.press(more, "Ещё шаг")
    await taps.next("что нужно сделать")
    who = await taps.type("Созвониться с ИТ-директором")
    await taps.press(who, "Пётр")
    await taps.next("срок")
    done = await taps.type("в пятницу 15:00")
    await taps.press(done, "Это всё")
    await taps.next("можно переслать клиенту")
    recap = await taps.next("Добрый день")
    assert "Спасибо за встречу" in recap.text
    assert "1. Отправить КП — Ольга" in recap.text
    assert "2. Созвониться с ИТ-директором — Пётр" in recap.text
    assert "Пилот на двух объектах" in recap.text
    assert "<" not in recap.text
    assert not recap.buttons
    ask = await taps.next("Что ответил клиент")
    steps = await steps_of(team, number)
    assert [(s.text, s.assignee_id) for s in steps] == [
        ("Отправить КП", 11),
        ("Созвониться с ИТ-директором", 10),
    ]
    async with team.repo() as repo:
        request = await repo.requests.get(number)
        assert request is not None
        assert request.stage == Stage.MEETING_HELD

    await taps.press(ask, "поправить")
    await taps.next("Что клиент попросил")
    noted = await taps.type("Срок КП — до пятницы")
    assert "Правки записаны" in noted.text
    stored = await meeting(team, meeting_id)
    assert stored.recap_status == RecapStatus.CORRECTIONS
    assert stored.corrections == "Срок КП — до пятницы"

    # The step from the recap reminds Ольга by itself.
    await move_to(team, datetime(2026, 3, 4, 7, 0, tzinfo=UTC))
    assert "Отправить КП" in (await next_to(team, 11, "Пора")).text

    sent_at = stored.recap_sent_at
    assert sent_at is not None
    await move_to(team, sent_at + timedelta(days=1))
    chase = await taps.next("ещё не подтверждены")
    assert "просил правки" in chase.text
    assert not [m for m in team.tg.bot_messages(20) if "не подтверждены" in m.text]
    await move_to(team, sent_at + timedelta(days=2))
    escalated = await next_to(team, 20, "не подтверждены клиентом")
    assert "2 дн" in escalated.text
    assert "Пётр" in escalated.text

    await taps.press(await taps.next("ещё не подтверждены"), "Подтвердил")
    confirmed = await meeting(team, meeting_id)
    assert confirmed.recap_status == RecapStatus.CONFIRMED
    assert confirmed.successful
    assert confirmed.confirmed_at is not None
    async with team.repo() as repo:
        request = await repo.requests.get(number)
        assert request is not None
        assert request.stage == Stage.RECAP_CONFIRMED
    assert "request.recap_confirmed" in await team.events(number)
    seen = len(team.tg.bot_messages(10))
    await move_to(team, sent_at + timedelta(days=4))
    assert not [m for m in team.tg.bot_messages(10)[seen:] if "не подтверждены" in m.text]


async def test_a_recap_finished_after_the_request_was_closed_plans_no_steps(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    await team.person(20, "Начальник", roles=[Role.MANAGER])
    number, _meeting_id = await plan_meeting(team, 10, with_colleague="Ольга")
    taps = Presses(team, 10)
    await move_to(team, TUESDAY_10_MOSCOW + timedelta(hours=1))
    await taps.press(await taps.next("состоялась"), "записать итоги")
    await taps.next("Что обсудили")
    await taps.type("Пилот на двух объектах")
    await taps.press(await taps.type("Отправить КП"), "Ольга")
    await taps.press(await taps.next("срок"), "Завтра 10:00")
    more = await taps.next("Шагов в итогах: 1")

    boss = Presses(team, 20)
    moves = await next_to_view(team, 20, number)
    await boss.press(moves, "Сменить этап")
    await boss.press(await boss.next("На какой этап"), "проиграна")
    await boss.next("Напишите причину")
    await boss.type("Клиент ушёл к конкуренту")

    await taps.press(more, "Это всё")
    assert f"#{number} закрыта" in (await taps.next("не сохранены")).text
    assert await steps_of(team, number) == []
    assert "request.recap_sent" not in await team.events(number)


async def next_to_view(team: Team, user_id: int, number: int) -> EmMessage:
    """The request's view, asked for with ``/r``."""
    await team.tg.send_message(user_id, f"/r {number}")
    view = await next_to(team, user_id, f"#{number}")
    await team.settle(view, user_id)
    return view


async def write_recap(team: Team, discussed: str, steps: list[str]) -> Presses:
    """Plan a meeting with Ольга, let it take place, and write its recap: ``steps`` all
    Ольга's, due tomorrow at 10:00."""
    await plan_meeting(team, 10, with_colleague="Ольга")
    taps = Presses(team, 10)
    await move_to(team, TUESDAY_10_MOSCOW + timedelta(hours=1))
    await taps.press(await taps.next("состоялась"), "записать итоги")
    await taps.next("Что обсудили")
    await taps.type(discussed)
    for index, text in enumerate(steps):
        if index:
            await taps.press(await taps.next("Шагов в итогах"), "Ещё шаг")
            await taps.next("что нужно сделать")
        await taps.press(await taps.type(text), "Ольга")
        await taps.press(await taps.next("срок"), "Завтра 10:00")
    await taps.press(await taps.next("Шагов в итогах"), "Это всё")
    await taps.next("можно переслать клиенту")
    return taps


async def test_a_recap_shows_the_client_steps_with_ampersands_and_brackets_as_typed(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    taps = await write_recap(team, "Пилот R&D <важно>", ["КП & смета <срочно>"])
    recap = await taps.next("Добрый день")
    assert "Пилот R&D <важно>" in recap.text
    assert "1. КП & смета <срочно> — Ольга" in recap.text


async def test_a_recap_longer_than_a_message_comes_in_parts_with_nothing_lost(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    step = "подготовить расчёт по объектам и согласовать его с клиентом. " * 7
    steps = [f"Шаг {index}: {step}" for index in range(1, 7)]
    taps = await write_recap(team, "Обсудили пилот и интеграцию с 1С. " * 50, steps)
    first = await taps.next("Добрый день")
    rest = await taps.next()
    recap = f"{first.text}\n{rest.text}"
    assert "{???}" not in recap
    for index in range(1, 7):
        assert f"{index}. Шаг {index}: подготовить" in recap
    assert "подтвердите, что всё верно" in rest.text
    assert "Что ответил клиент" in (await taps.next()).text


async def test_a_recap_discussion_too_long_is_asked_to_be_shortened_not_cut(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    await plan_meeting(team, 10, with_colleague="Ольга")
    taps = Presses(team, 10)
    await move_to(team, TUESDAY_10_MOSCOW + timedelta(hours=1))
    await taps.press(await taps.next("состоялась"), "записать итоги")
    await taps.next("Что обсудили")

    refused = (await taps.type("Обсудили пилот. " * 150)).text.replace("\xa0", " ")
    assert "2 399 символов" in refused
    assert "не больше 2 000" in refused
    assert "Следующий шаг" in (await taps.type("Обсудили пилот. " * 100 + "Конец.")).text
    await taps.press(await taps.type("Отправить КП"), "Ольга")
    await taps.press(await taps.next("срок"), "Завтра 10:00")
    await taps.press(await taps.next("Шагов в итогах"), "Это всё")
    recap = await taps.next("Добрый день")
    assert "Обсудили пилот. Конец." in recap.text


async def test_a_recap_step_whose_deadline_passed_before_the_end_is_asked_a_new_one(
    team: Team,
) -> None:
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    number, _meeting_id = await plan_meeting(team, 10, with_colleague="Ольга")
    taps = Presses(team, 10)
    ended = TUESDAY_10_MOSCOW + timedelta(hours=1)
    await move_to(team, ended)
    await taps.press(await taps.next("состоялась"), "записать итоги")
    await taps.next("Что обсудили")
    await taps.type("Пилот на двух объектах")
    await taps.press(await taps.type("Отправить КП"), "Ольга")
    await taps.press(await taps.next("срок"), "Через час")
    more = await taps.next("Шагов в итогах: 1")
    team.clock.set(ended + timedelta(hours=3))

    await taps.press(more, "Это всё")
    asked = await taps.next("уже прошёл")
    assert "«Отправить КП»" in asked.text
    assert await steps_of(team, number) == []
    await taps.press(asked, "Завтра 10:00")
    await taps.press(await taps.next("Шагов в итогах: 1"), "Это всё")
    recap = (await taps.next("Добрый день")).text.replace("\u202f", " ")
    assert "Отправить КП — Ольга, до 4 мар. 2026 г., 10:00" in recap
    [saved] = await steps_of(team, number)
    assert saved.due_at > team.clock.now()
