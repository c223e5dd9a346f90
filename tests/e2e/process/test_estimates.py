"""The estimator: asked, accepted, delivered on time with a file; late; declined; reworked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.models import EstimateStatus, Role
from tests.conftest import ADMIN_ID
from tests.e2e.followups.conftest import Presses, move_to, take
from tests.e2e.process.conftest import MANAGER, Team, hears, last_event
from tests.e2e.process.estimating import (
    EXPERT,
    GLEB,
    IRA,
    TUESDAY_6PM,
    WEDNESDAY_9AM,
    accepted,
    ask,
    deliver,
    estimators,
    reminded,
    statuses,
)

OLGA, NEW_MANAGER = 11, 21
WEDNESDAY_9AM_VLADIVOSTOK = datetime(2026, 3, 3, 23, 0, tzinfo=UTC)
"""09:00 on Wednesday in Vladivostok: 23:00 on Tuesday in UTC, 02:00 in Moscow."""
DEADLINE_IN_VLADIVOSTOK = "4 мар. 2026\u202fг., 01:00"
"""The regulation's Tuesday 18:00 in Moscow, as a reader in Vladivostok sees it."""


async def test_an_estimate_asked_accepted_and_delivered_on_time_with_its_file(
    team: Team,
) -> None:
    await estimators(team)
    number = await team.request()
    brief = await take(team, EXPERT, number)
    owner = Presses(team, EXPERT)
    await owner.press(brief, "Запросить оценку")
    picker = await owner.next("Кто оценит")
    names = [b.text for row in picker.buttons for b in row]
    assert names == ["Ира", "Глеб", "🎲 Кто свободен"]
    await ask(team, brief, "Ира", "Внедрение 1С:ERP на две площадки")

    request = await hears(team, IRA, "Нужна оценка")
    assert "Внедрение 1С:ERP" in request.text
    assert "3 мар. 2026" in request.text
    assert "18:00" in request.text
    answer = await team.tg.press(IRA, request, request.callback_data_of("Принять"))
    assert answer is not None
    assert "за вами" in (answer.text or "")
    assert "взял(а) оценку" in (await hears(team, EXPERT, "оценку")).text
    done = await deliver(team, IRA, request, "1,2 млн ₽, 3 месяца")
    assert "в срок" in done.text

    told = await hears(team, EXPERT, "сдал(а) оценку")
    assert "в срок" in told.text
    assert "1,2 млн ₽, 3 месяца" in told.text
    await owner.press(told, "Файл оценки")
    file = await team.tg.next_bot_message(EXPERT)
    assert file.document_bytes == b"PK\x03\x04"
    delivered = await last_event(team, number, "estimate.delivered")
    assert delivered["on_time"] is True
    assert delivered["summary"] == "1,2 млн ₽, 3 месяца"
    async with team.repo() as repo:
        (estimate,) = await repo.process.estimates_of(number)
        files = await repo.requests.with_answers(number)
    assert estimate.status == EstimateStatus.DELIVERED
    assert estimate.due_at == TUESDAY_6PM
    assert files is not None
    assert [a.file_name for a in files.attachments] == ["estimate.xlsx"]


async def test_a_late_estimate_tells_the_owner_and_the_supervisor(team: Team) -> None:
    await estimators(team)
    number = await team.request()
    brief = await take(team, EXPERT, number)
    await accepted(team, brief, "Ира", IRA, "Интеграция со складом")

    team.clock.set(TUESDAY_6PM - timedelta(hours=4))
    soon = await hears(team, IRA, "Успеваете")
    assert f"#{number}" in soon.text
    # The deadline is the end of the working day: the notice waits for the next morning.
    await move_to(team, TUESDAY_6PM)
    await team.bot.app.sender.drain_now()
    assert reminded(team, EXPERT) == reminded(team, MANAGER) == []
    await move_to(team, WEDNESDAY_9AM)
    assert "Ира" in (await hears(team, EXPERT, "не сдана в срок")).text
    assert f"#{number}" in (await hears(team, MANAGER, "не сдана в срок")).text
    assert (await last_event(team, number, "estimate.overdue"))["estimator_id"] == IRA

    team.clock.advance(hours=3)
    done = await deliver(team, IRA, soon, "800 тыс. ₽, 6 недель")
    assert "с опозданием" in done.text
    assert (await last_event(team, number, "estimate.delivered"))["on_time"] is False


async def test_a_declined_estimate_and_a_reworked_one(team: Team) -> None:
    await estimators(team)
    number = await team.request()
    brief = await take(team, EXPERT, number)
    await ask(team, brief, "Глеб", "Лицензии")
    request = await hears(team, GLEB, "Нужна оценка")
    await team.tg.press(GLEB, request, request.callback_data_of("Отказаться"))
    await hears(team, GLEB, "Почему отказываетесь")
    await Presses(team, GLEB).type("В отпуске до конца месяца")
    told = await hears(team, EXPERT, "отказался")
    assert "В отпуске до конца месяца" in told.text
    assert (await last_event(team, number, "estimate.declined"))["reason"] == (
        "В отпуске до конца месяца"
    )

    request = await accepted(team, brief, "Ира", IRA, "Лицензии и внедрение")
    await deliver(team, IRA, request, "500 тыс. ₽")
    delivered = await hears(team, EXPERT, "сдал(а) оценку")
    owner = Presses(team, EXPERT)
    await owner.press(delivered, "На доработку")
    await owner.next("Что доработать")
    assert "на доработку" in (await owner.type("Не хватает лицензий на склад")).text
    back = await hears(team, IRA, "вернули на доработку")
    assert "Не хватает лицензий на склад" in back.text
    rework = await last_event(team, number, "estimate.rework_requested")
    assert rework["reason"] == "Не хватает лицензий на склад"
    assert "в срок" in (await deliver(team, IRA, back, "650 тыс. ₽")).text


async def test_the_rework_question_asked_again_names_the_request(team: Team) -> None:
    await estimators(team)
    number = await team.request()
    await ask(team, await take(team, EXPERT, number), "Ира", "Лицензии")
    request = await hears(team, IRA, "Нужна оценка")
    await team.tg.press(IRA, request, request.callback_data_of("Принять"))
    await deliver(team, IRA, request, "500 тыс. ₽")
    owner = Presses(team, EXPERT)
    await owner.press(await hears(team, EXPERT, "сдал(а) оценку"), "На доработку")
    assert f"по заявке #{number}?" in (await owner.next("Что доработать")).text
    await team.tg.send_sticker(EXPERT)
    assert f"по заявке #{number}?" in (await owner.next("Что доработать")).text
    assert "на доработку" in (await owner.type("Нужна смета по этапам")).text


async def test_whoever_is_free_goes_to_the_estimator_with_fewer_estimates(team: Team) -> None:
    await estimators(team)
    first, second = await team.request(), await team.request()
    await ask(team, await take(team, EXPERT, first), "Ира", "Первая")
    await ask(team, await take(team, EXPERT, second), "Кто свободен", "Вторая")
    assert "Вторая" in (await hears(team, GLEB, "Нужна оценка")).text
    assert (await last_event(team, second, "estimate.requested"))["estimator_id"] == GLEB
    assert datetime.fromisoformat(
        (await last_event(team, second, "estimate.requested"))["due_at"]
    ) == TUESDAY_6PM.astimezone(UTC)


async def test_a_late_estimate_is_told_to_the_managers_of_the_deadline_not_of_the_ask(
    team: Team,
) -> None:
    await estimators(team)
    number = await team.request()
    brief = await take(team, EXPERT, number)
    await accepted(team, brief, "Ира", IRA, "Интеграция со складом")

    # After the ask: Ира's supervisor blocks the bot, and another manager is appointed.
    team.tg.block(MANAGER)
    await team.person(ADMIN_ID, "Админ", member=False)
    await team.tg.wait_for(
        lambda: [m for m in team.tg.bot_messages(ADMIN_ID) if "заблокировал" in m.text],
        what="the admin told that the supervisor blocked the bot",
    )
    await team.person(NEW_MANAGER, "Новый руководитель", roles=[Role.MANAGER])

    await move_to(team, WEDNESDAY_9AM)
    assert "Ира" in (await hears(team, NEW_MANAGER, "не сдана в срок")).text
    assert "Ира" in (await hears(team, EXPERT, "не сдана в срок")).text
    assert reminded(team, MANAGER) == []
    assert reminded(team, ADMIN_ID) == []


async def test_after_a_reassignment_the_new_owner_hears_of_the_estimate_and_alone_sends_it_back(
    team: Team,
) -> None:
    await estimators(team)
    await team.expert(OLGA, "Ольга", username="olga")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    licences = await accepted(team, brief, "Ира", IRA, "Лицензии")
    await deliver(team, IRA, licences, "500 тыс. ₽")
    told_before = await hears(team, EXPERT, "сдал(а) оценку")
    await ask(team, brief, "Глеб", "Внедрение")
    rollout = await hears(team, GLEB, "Нужна оценка")

    await team.tg.send_message(MANAGER, f"/assign {number} @olga")
    await hears(team, MANAGER, "назначена")
    await hears(team, EXPERT, "Ольга")
    seen = len(team.tg.bot_messages(EXPERT))
    await team.tg.press(GLEB, rollout, rollout.callback_data_of("Принять"))
    assert "Глеб" in (await hears(team, OLGA, "взял(а) оценку")).text
    await move_to(team, WEDNESDAY_9AM)
    assert "Глеб" in (await hears(team, OLGA, "не сдана в срок")).text
    assert (await last_event(team, number, "estimate.overdue"))["estimator_id"] == GLEB
    await deliver(team, GLEB, rollout, "1 млн ₽")
    told = await hears(team, OLGA, "сдал(а) оценку")
    assert "1 млн ₽" in told.text

    refused = await Presses(team, EXPERT).press(told_before, "На доработку")
    assert "не ваша" in refused
    olga = Presses(team, OLGA)
    await olga.press(told, "Файл оценки")
    assert (await team.tg.next_bot_message(OLGA)).document_bytes == b"PK\x03\x04"
    await olga.press(told, "На доработку")
    await olga.next("Что доработать")
    assert "на доработку" in (await olga.type("Добавьте склад")).text
    assert "Добавьте склад" in (await hears(team, GLEB, "вернули на доработку")).text
    assert await statuses(team, number) == [EstimateStatus.DELIVERED, EstimateStatus.REWORK]
    await team.bot.app.sender.drain_now()
    later = [m.text for m in team.tg.bot_messages(EXPERT)[seen:] if "оценк" in m.text]
    assert later == []


async def test_estimate_times_are_in_the_readers_zone_and_nobody_is_told_at_night(
    team: Team,
) -> None:
    await estimators(team)
    async with team.repo() as repo:
        for person in (EXPERT, IRA):
            await repo.users.set_time_zone(person, "Asia/Vladivostok")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    owner = Presses(team, EXPERT)
    await owner.press(brief, "Запросить оценку")
    await owner.press(await owner.next("Кто оценит"), "Ира")
    await owner.next("Что должен оценить")
    due = await owner.type("Интеграция со складом")
    # The regulation's 18:00 in Moscow is 01:00 the next day in Vladivostok.
    assert DEADLINE_IN_VLADIVOSTOK in due.buttons[0][0].text
    await owner.press(due, "По регламенту")
    assert DEADLINE_IN_VLADIVOSTOK in (await owner.next("запрошена")).text
    request = await hears(team, IRA, "Нужна оценка")
    assert DEADLINE_IN_VLADIVOSTOK in request.text
    await team.tg.press(IRA, request, request.callback_data_of("Принять"))

    # 21:00 in Vladivostok four hours before the deadline, then the deadline at 01:00 (18:00
    # in Moscow, the end of the manager's day): nobody hears of it at night.
    for moment in (TUESDAY_6PM - timedelta(hours=4), TUESDAY_6PM):
        await move_to(team, moment)
    await team.bot.app.sender.drain_now()
    assert [reminded(team, person) for person in (IRA, EXPERT, MANAGER)] == [[], [], []]

    await move_to(team, WEDNESDAY_9AM_VLADIVOSTOK)
    passed = await hears(team, IRA, "Срок оценки")
    assert "прошёл" in passed.text
    assert DEADLINE_IN_VLADIVOSTOK in passed.text
    assert passed.callback_data_of("Сдать оценку")
    assert "Ира" in (await hears(team, EXPERT, "не сдана в срок")).text
    await team.bot.app.sender.drain_now()
    assert reminded(team, MANAGER) == []
    await move_to(team, WEDNESDAY_9AM)
    assert f"#{number}" in (await hears(team, MANAGER, "не сдана в срок")).text
