"""A typed answer asked outside the form (here a lost request's reason): a command is never
taken as the answer, /cancel drops the question, a question left for the day is dropped, and
a form half filled in survives it."""

from __future__ import annotations

from datetime import timedelta

from emulator import EmMessage
from handlers.side_questions import QUESTION_LIFETIME
from storage.models import Stage
from tests.e2e.intake.flow import next_screen, open_form, step_of
from tests.e2e.team.conftest import Team
from tests.e2e.team.test_lifecycle import take
from tests.harness import Person

EXPERT_ID = 10


async def ask_for_a_reason(team: Team, brief: EmMessage) -> EmMessage:
    """Lost → "Other": the bot asks for the reason in words."""
    await team.tg.press(EXPERT_ID, brief, brief.callback_data_of("Проиграна"))
    reasons = await team.tg.next_bot_message(EXPERT_ID)
    await team.tg.press(EXPERT_ID, reasons, reasons.callback_data_of("Другое"))
    asked = await team.tg.next_bot_message(EXPERT_ID)
    assert "причину" in asked.text
    return asked


async def stage_and_reason(team: Team, number: int) -> tuple[str, str | None]:
    """The request as committed once the expert's chat has been handled so far."""
    await team.settle(team.tg.transcript(EXPERT_ID)[-1], EXPERT_ID)
    async with team.repo() as repo:
        request = await repo.requests.get(number)
    assert request is not None
    return request.stage, request.lost_reason


async def test_a_command_while_a_reason_is_asked_runs_and_the_question_still_waits(
    team: Team,
) -> None:
    await team.expert(EXPERT_ID, "Пётр")
    number = await team.request()
    brief = await take(team, EXPERT_ID, number)
    await ask_for_a_reason(team, brief)
    await team.tg.send_message(EXPERT_ID, "/mine")
    mine = await team.tg.next_bot_message(EXPERT_ID)
    assert f"#{number}" in mine.text
    assert "жду ответа" in (await team.tg.next_bot_message(EXPERT_ID)).text
    assert await stage_and_reason(team, number) == (Stage.TAKEN.value, None)
    await team.tg.send_message(EXPERT_ID, "Заморозили проект")
    assert "проиграна" in (await team.tg.next_bot_message(EXPERT_ID)).text
    assert await stage_and_reason(team, number) == (Stage.LOST.value, "Заморозили проект")


async def test_cancel_drops_the_question_and_a_later_message_is_not_the_reason(
    team: Team,
) -> None:
    await team.expert(EXPERT_ID, "Пётр")
    number = await team.request()
    brief = await take(team, EXPERT_ID, number)
    await ask_for_a_reason(team, brief)
    await team.tg.send_message(EXPERT_ID, "/cancel")
    assert "больше не жду" in (await team.tg.next_bot_message(EXPERT_ID)).text
    await team.tg.send_message(EXPERT_ID, "Маша, глянь заявку")
    await team.tg.next_bot_message(EXPERT_ID)  # whatever a stray message gets
    assert await stage_and_reason(team, number) == (Stage.TAKEN.value, None)


async def test_a_reason_asked_in_the_middle_of_a_form_leaves_the_draft_where_it_was(
    team: Team,
) -> None:
    await team.expert(EXPERT_ID, "Пётр")
    expert = Person(team.tg, EXPERT_ID)
    first = await open_form(expert, "it_erp")
    assert step_of(first)[0] == 1
    await expert.send("ООО «Ромашка»")
    second = await next_screen(expert)
    assert step_of(second)[0] == 2
    number = await team.request()
    brief = await take(team, EXPERT_ID, number)
    await ask_for_a_reason(team, brief)
    await team.tg.send_message(EXPERT_ID, "Заморозили проект")
    assert "проиграна" in (await team.tg.next_bot_message(EXPERT_ID)).text
    # The form's second question is asked again, and the first answer is still there.
    again = await next_screen(expert)
    assert step_of(again)[0] == 2, again.text
    await team.tg.send_message(EXPERT_ID, "/start")
    offer = await team.tg.next_bot_message(EXPERT_ID)
    assert "ответов: 1" in offer.text, offer.text


async def test_cancel_in_the_middle_of_a_form_drops_the_reason_and_asks_the_form_again(
    team: Team,
) -> None:
    await team.expert(EXPERT_ID, "Пётр")
    expert = Person(team.tg, EXPERT_ID)
    await open_form(expert, "it_erp")
    await expert.send("ООО «Ромашка»")
    assert step_of(await next_screen(expert))[0] == 2
    number = await team.request()
    brief = await take(team, EXPERT_ID, number)
    await ask_for_a_reason(team, brief)
    await team.tg.send_message(EXPERT_ID, "/cancel")
    assert "больше не жду" in (await team.tg.next_bot_message(EXPERT_ID)).text
    again = await next_screen(expert)
    assert step_of(again)[0] == 2, again.text
    assert await stage_and_reason(team, number) == (Stage.TAKEN.value, None)


async def test_a_message_the_next_day_is_not_the_reason_asked_the_day_before(
    team: Team,
) -> None:
    await team.expert(EXPERT_ID, "Пётр")
    number = await team.request()
    brief = await take(team, EXPERT_ID, number)
    await ask_for_a_reason(team, brief)
    team.clock.set(team.clock.now() + QUESTION_LIFETIME + timedelta(minutes=1))
    await team.tg.send_message(EXPERT_ID, "Доброе утро")
    assert "слишком долго" in (await team.tg.next_bot_message(EXPERT_ID)).text
    assert await stage_and_reason(team, number) == (Stage.TAKEN.value, None)
