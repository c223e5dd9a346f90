"""The follow-up story on SQLite and on PostgreSQL: a step, a meeting, a confirmed recap."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from storage.models import RecapStatus, Stage, StepStatus
from tests.e2e.followups.conftest import Presses, meeting, move_to, step, steps_of
from tests.e2e.followups.test_meetings import TUESDAY_10_MOSCOW, plan_meeting
from tests.e2e.followups.test_next_steps import TUESDAY_16_MOSCOW, plan_call_tomorrow


async def test_step_meeting_and_recap_on_each_database(
    make_team: Callable[..., Any], database_url: str
) -> None:
    async with make_team(database_url=database_url) as team:
        await team.expert(10, "Пётр")
        await team.expert(11, "Ольга")
        number, taps = await plan_call_tomorrow(team, 10)
        [planned] = await steps_of(team, number)
        brief = next(
            m for m in team.tg.bot_messages(10) if "Запланировать встречу" in str(m.buttons)
        )
        _, meeting_id = await plan_meeting(
            team, 10, with_colleague="Ольга", number=number, brief=brief
        )

        await move_to(team, TUESDAY_10_MOSCOW - timedelta(hours=1))
        assert "Через час встреча" in (await taps.next("Через час встреча")).text
        await move_to(team, TUESDAY_10_MOSCOW + timedelta(hours=1))
        await taps.press(await taps.next("состоялась"), "записать итоги")
        await taps.next("Что обсудили")
        await taps.type("Пилот")
        who = await taps.type("Отправить КП")
        await taps.press(who, "Пётр")
        await taps.press(await taps.next("срок"), "Завтра 10:00")
        await taps.press(await taps.next("Шагов"), "Это всё")
        await taps.press(await taps.next("Что ответил клиент"), "Подтвердил")
        assert (await meeting(team, meeting_id)).recap_status == RecapStatus.CONFIRMED

        await move_to(team, TUESDAY_16_MOSCOW)
        reminder = await Presses(team, 10).next("Позвонить клиенту")
        await taps.press(reminder, "Сделано")
        assert (await step(team, planned.id)).status == StepStatus.DONE
        async with team.repo() as repo:
            request = await repo.requests.get(number)
            assert request is not None
            assert request.stage == Stage.RECAP_CONFIRMED
