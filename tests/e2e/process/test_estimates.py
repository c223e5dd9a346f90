"""The estimator: asked, accepted, delivered on time with a file; late; declined; reworked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from emulator import EmMessage
from storage.models import EstimateStatus, Role
from tests.e2e.followups.conftest import Presses, take
from tests.e2e.process.conftest import MANAGER, Team, hears, last_event
from tests.e2e.team.conftest import MONDAY_9AM

EXPERT, IRA, GLEB, NO_TAGS = 10, 30, 31, 32
TUESDAY_6PM = MONDAY_9AM + timedelta(days=1, hours=9)
"""Two working days from Monday 09:00 in Moscow end on Tuesday at 18:00: the regulation."""


async def estimators(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER])
    await team.person(IRA, "Ира", roles=[Role.ESTIMATOR], tags=["erp"], member=False)
    await team.person(GLEB, "Глеб", roles=[Role.ESTIMATOR], tags=["erp"], member=False)
    await team.person(NO_TAGS, "Вера", roles=[Role.ESTIMATOR], member=False)
    async with team.repo() as repo:
        await repo.users.set_supervisor(IRA, MANAGER)


async def ask(team: Team, brief: EmMessage, who: str, scope: str) -> None:
    """As the owner: ask ``who`` for an estimate of ``scope`` by the regulation's deadline."""
    owner = Presses(team, EXPERT)
    await owner.press(brief, "Запросить оценку")
    picker = await owner.next("Кто оценит")
    await owner.press(picker, who)
    await owner.next("Что должен оценить")
    due = await owner.type(scope)
    assert "По регламенту: 2 раб. дн." in str(due.buttons)
    await owner.press(due, "По регламенту")
    assert "запрошена" in (await owner.next("запрошена")).text


async def deliver(team: Team, estimator: int, message: EmMessage, summary: str) -> EmMessage:
    """As the estimator: "Deliver", a file, a one-line summary; returns the bot's answer."""
    taps = Presses(team, estimator)
    await team.settle(message, estimator)  # the accepted brief shows "Deliver" by now
    await taps.press(message, "Сдать оценку")
    await taps.next("Пришлите файл")
    await team.tg.send_document(estimator, "estimate.xlsx", b"PK\x03\x04")
    await taps.next("одна строка итога")
    return await taps.type(summary)


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
    await ask(team, brief, "Ира", "Интеграция со складом")
    request = await hears(team, IRA, "Нужна оценка")
    await team.tg.press(IRA, request, request.callback_data_of("Принять"))

    team.clock.set(TUESDAY_6PM - timedelta(hours=4))
    soon = await hears(team, IRA, "Успеваете")
    assert f"#{number}" in soon.text
    team.clock.set(TUESDAY_6PM)
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

    await ask(team, brief, "Ира", "Лицензии и внедрение")
    request = await hears(team, IRA, "Нужна оценка")
    await team.tg.press(IRA, request, request.callback_data_of("Принять"))
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
