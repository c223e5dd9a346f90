"""The estimate stories' cast and deadline, and the verbs they share: ask, accept, deliver."""

from __future__ import annotations

from datetime import timedelta

from emulator import EmMessage
from storage.models import Role
from tests.e2e.followups.conftest import Presses
from tests.e2e.process.conftest import MANAGER, Team, hears
from tests.e2e.team.conftest import MONDAY_9AM

EXPERT, IRA, GLEB, NO_TAGS = 10, 30, 31, 32
TUESDAY_6PM = MONDAY_9AM + timedelta(days=1, hours=9)
"""Two working days from Monday 09:00 in Moscow end on Tuesday at 18:00: the regulation."""
WEDNESDAY_9AM = MONDAY_9AM + timedelta(days=2)
"""The next working morning in Moscow after the regulation's deadline."""
REMINDED = ("Срок оценки", "не сдана в срок")


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


async def accepted(
    team: Team, brief: EmMessage, who: str, estimator: int, scope: str
) -> EmMessage:
    """Asked of ``who`` and accepted by them; returns the ask they accepted."""
    await ask(team, brief, who, scope)
    asked = await hears(team, estimator, "Нужна оценка")
    await team.tg.press(estimator, asked, asked.callback_data_of("Принять"))
    return asked


def reminded(team: Team, user_id: int) -> list[str]:
    """The estimate's reminders and overdue notices this person got, by now."""
    return [
        message.text
        for message in team.tg.bot_messages(user_id)
        if any(words in message.text for words in REMINDED)
    ]


async def statuses(team: Team, number: int) -> list[str]:
    async with team.repo() as repo:
        return [estimate.status for estimate in await repo.process.estimates_of(number)]


async def deliver(team: Team, estimator: int, message: EmMessage, summary: str) -> EmMessage:
    """As the estimator: "Deliver", a file, a one-line summary; returns the bot's answer."""
    taps = Presses(team, estimator)
    await team.settle(message, estimator)  # the accepted brief shows "Deliver" by now
    await taps.press(message, "Сдать оценку")
    await taps.next("Пришлите файл")
    await team.tg.send_document(estimator, "estimate.xlsx", b"PK\x03\x04")
    await taps.next("одна строка итога")
    return await taps.type(summary)
