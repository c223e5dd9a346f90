"""A request that closes keeps nobody busy: its meeting and steps end with it."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.models import MeetingStatus, Stage
from tests.e2e.followups.conftest import Presses, meeting, move_to, steps_of, take
from tests.e2e.followups.test_meetings import plan_meeting
from tests.e2e.process.conftest import Team, hears, last_event, stage_of

EXPERT, OLGA = 10, 11
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
