"""The closer: called in with a note, takes part (with a time) or leaves it to the owner."""

from __future__ import annotations

from emulator import EmMessage
from storage.models import CloserCall, CloserStatus, Role
from tests.conftest import ADMIN_ID
from tests.e2e.followups.conftest import Presses, take
from tests.e2e.followups.test_meetings import plan_meeting
from tests.e2e.process.conftest import Team, hears, last_event

EXPERT, DIRECTOR, CFO = 10, 40, 41


async def call_in(team: Team, brief_owner: int, number: int, closer: str, note: str) -> EmMessage:
    """As the owner, from the brief: call ``closer`` in with ``note``; returns the brief."""
    owner = Presses(team, brief_owner)
    brief = await take(team, brief_owner, number) if number else None
    assert brief is not None
    await owner.press(brief, "Позвать закрывающего")
    await owner.press(await owner.next("Кого из закрывающих"), closer)
    await owner.next("нужно решить")
    assert "получил(а) заявку" in (await owner.type(note)).text
    return brief


async def the_call(team: Team, call_id: int) -> CloserCall:
    async with team.repo() as repo:
        call = await repo.process.call(call_id)
    assert call is not None
    return call


async def test_the_closer_is_called_in_takes_part_and_is_shown_on_the_request(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.expert(11, "Ольга", username="olga")
    await team.person(DIRECTOR, "Директор", roles=[Role.CLOSER], member=False)
    number = await team.request()
    await call_in(team, EXPERT, number, "Директор", "Скидка 15% при оплате за год")

    brief = await hears(team, DIRECTOR, "Вас зовут")
    assert "Скидка 15% при оплате за год" in brief.text
    assert "Пётр" in brief.text
    answer = await team.tg.press(DIRECTOR, brief, brief.callback_data_of("Участвую"))
    assert answer is not None
    assert "записан" in (answer.text or "")
    assert "участвует" in (await hears(team, EXPERT, "Директор")).text
    await hears(team, DIRECTOR, "Когда вам удобно")
    await Presses(team, DIRECTOR).type("завтра после 15:00")
    assert "завтра после 15:00" in (await hears(team, EXPERT, "подключится")).text
    assert (await last_event(team, number, "closer.called"))["note"] == (
        "Скидка 15% при оплате за год"
    )
    assert (await last_event(team, number, "closer.joined"))["closer_id"] == DIRECTOR

    # The brief a new owner gets shows the closer and the answer.
    await team.tg.send_message(ADMIN_ID, f"/assign {number} @olga")
    shown = await hears(team, 11, "Закрывающий")
    assert "Директор: участвует (завтра после 15:00)" in shown.text

    # The closer can be invited to a meeting like a colleague.
    await plan_meeting(team, 11, with_colleague="Директор", number=number, brief=shown)
    async with team.repo() as repo:
        planned = await repo.followups.latest_meeting(number)
        assert planned is not None
        assert DIRECTOR in await repo.followups.participants(planned.id)


async def test_only_the_closer_answers_once_and_may_leave_it_to_the_owner(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.person(CFO, "Финдиректор", roles=[Role.CLOSER], member=False)
    number = await team.request()
    await call_in(team, EXPERT, number, "Финдиректор", "Отсрочка платежа 90 дней")
    brief = await hears(team, CFO, "Вас зовут")
    forged = await team.tg.press(EXPERT, brief, brief.callback_data_of("Участвую"))
    assert forged is not None
    assert "устарела" in (forged.text or "")
    await team.tg.press(CFO, brief, brief.callback_data_of("без меня"))
    assert "без него" in (await hears(team, EXPERT, "Финдиректор")).text
    again = await team.tg.press(CFO, brief, "ka:1:1")
    assert again is not None
    assert "уже ответили" in (again.text or "")
    assert (await last_event(team, number, "closer.declined"))["closer_id"] == CFO


async def test_with_no_closer_the_owner_is_told_who_can_name_one(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    refused = await team.tg.press(EXPERT, brief, brief.callback_data_of("Позвать закрывающего"))
    assert refused is not None
    assert "Закрывающих пока нет" in (refused.text or "")


async def test_an_answer_after_the_request_closed_is_refused_and_changes_nothing(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.person(DIRECTOR, "Директор", roles=[Role.CLOSER], member=False)
    number = await team.request()
    brief = await call_in(team, EXPERT, number, "Директор", "Скидка 10%")
    invitation = await hears(team, DIRECTOR, "Вас зовут")
    await Presses(team, EXPERT).press(brief, "Выиграна")

    refused = await team.tg.press(DIRECTOR, invitation, invitation.callback_data_of("Участвую"))
    assert refused is not None
    assert refused.show_alert
    assert f"Заявка #{number} уже закрыта" in (refused.text or ""), refused.text
    await team.settle(invitation, DIRECTOR)
    assert (await the_call(team, 1)).status == CloserStatus.CALLED
    assert "closer.joined" not in await team.events(number)
    assert "Когда вам удобно" not in team.tg.render_transcript(DIRECTOR)
    assert "Директор участвует" not in team.tg.render_transcript(EXPERT)


async def test_the_closer_skips_the_time_with_a_button_and_an_old_one_is_stale(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.person(DIRECTOR, "Директор", roles=[Role.CLOSER], member=False)
    closer = Presses(team, DIRECTOR)
    first = await team.request()
    await call_in(team, EXPERT, first, "Директор", "Скидка 10%")
    await closer.press(await hears(team, DIRECTOR, "Вас зовут"), "Участвую")
    asked = await hears(team, DIRECTOR, "Когда вам удобно")
    assert "продолжайте" not in asked.text
    skip = asked.callback_data_of("Без времени")
    assert "без времени" in await closer.press(asked, "Без времени")

    # Skipped, the question is over: carrying on is not a time, and the button is stale.
    await closer.type("Привет, а что по заявке 5?")
    assert "подключится" not in team.tg.render_transcript(EXPERT)
    assert (await the_call(team, 1)).proposed_time is None
    again = await team.tg.press(DIRECTOR, asked, skip)
    assert again is not None
    assert "устарела" in (again.text or ""), again.text

    # Answered with a time, the question's button is stale too, and the time stays.
    second = await team.request()
    await call_in(team, EXPERT, second, "Директор", "Отсрочка 30 дней")
    await closer.press(await hears(team, DIRECTOR, "Вас зовут"), "Участвую")
    asked = await hears(team, DIRECTOR, f"заявке #{second}")
    assert "Записал" in (await closer.type("в среду после 12")).text
    stale = await team.tg.press(DIRECTOR, asked, asked.callback_data_of("Без времени"))
    assert stale is not None
    assert "устарела" in (stale.text or ""), stale.text
    assert (await the_call(team, 2)).proposed_time == "в среду после 12"
