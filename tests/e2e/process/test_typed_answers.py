"""Questions outside the form that wait for a typed answer: a message that says nothing in
words is asked for again and the question still waits; an answer that comes after the
request closed says that it is closed."""

from __future__ import annotations

from datetime import timedelta

from emulator import EmMessage
from storage.models import Role, Stage
from tests.e2e.followups.conftest import Presses, meeting, move_to, step, steps_of, take
from tests.e2e.followups.test_meetings import TUESDAY_10_MOSCOW, plan_meeting
from tests.e2e.followups.test_next_steps import TUESDAY_16_MOSCOW
from tests.e2e.process.conftest import Team, hears, stage_of
from tests.e2e.process.test_closer import call_in
from tests.e2e.process.test_meeting_moves import planned

EXPERT, OLGA, DIRECTOR = 10, 11, 40
BLANK = " \n \t "
"""A message of nothing but spaces, a tab and line breaks."""


async def ask_lost_reason(team: Team) -> tuple[int, Presses]:
    """Пётр's request, lost with "another reason": the bot waits for it in words."""
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    petr = Presses(team, EXPERT)
    await petr.press(brief, "Проиграна")
    await petr.press(await petr.next("Почему"), "Другое")
    await petr.next("Напишите причину")
    return number, petr


async def lost_with(team: Team, petr: Presses, number: int, reason: str) -> None:
    """The next typed message is the reason: the request is lost with it."""
    assert "проиграна" in (await petr.type(reason)).text
    async with team.repo() as repo:
        request = await repo.requests.get(number)
    assert request is not None
    assert (request.stage, request.lost_reason) == (Stage.LOST.value, reason)


async def test_a_lost_reason_of_only_spaces_is_asked_again_and_the_next_message_is_the_reason(
    team: Team,
) -> None:
    number, petr = await ask_lost_reason(team)
    again = await petr.type(BLANK)
    assert "словами" in again.text, again.text
    assert "не ваша" not in again.text
    assert await stage_of(team, number) == Stage.TAKEN.value
    await lost_with(team, petr, number, "Заморозили проект")


async def test_a_closers_time_of_only_spaces_is_asked_again_and_the_next_message_is_the_time(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.person(DIRECTOR, "Директор", roles=[Role.CLOSER], member=False)
    await call_in(team, EXPERT, await team.request(), "Директор", "Скидка 10%")
    closer = Presses(team, DIRECTOR)
    await closer.press(await hears(team, DIRECTOR, "Вас зовут"), "Участвую")
    await hears(team, DIRECTOR, "Когда вам удобно")
    again = await closer.type(BLANK)
    assert "словами" in again.text, again.text
    assert "Записал" in (await closer.type("завтра после 15:00")).text
    assert "завтра после 15:00" in (await hears(team, EXPERT, "подключится")).text


async def test_a_note_for_the_author_of_only_spaces_is_not_sent_and_the_next_message_is(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    panel = await take(team, EXPERT, number)
    petr = Presses(team, EXPERT)
    await petr.press(panel, "Автору")
    await petr.next("для автора")
    again = await petr.type(BLANK)
    assert "отправлено" not in again.text
    assert "словами" in again.text, again.text
    assert "отправлено автору" in (await petr.type("Пришлю КП в пятницу")).text
    async with team.repo() as repo:
        notes = await repo.workspace.notes(number)
    assert [note.text for note in notes] == ["Пришлю КП в пятницу"]


async def test_a_meetings_place_or_cancel_reason_of_only_spaces_is_asked_again(
    team: Team,
) -> None:
    _, _, saved = await planned(team)
    owner = Presses(team, EXPERT)
    await owner.press(saved, "Место")
    await owner.next("Где теперь")
    assert "словами" in (await owner.type(BLANK)).text
    assert "изменена" in (await owner.type("Офис клиента, Тверская 1")).text
    await owner.press(saved, "Отменить встречу")
    await owner.next("Почему отменяется")
    assert "словами" in (await owner.type(BLANK)).text
    assert "отменена" in (await owner.type("Клиент заболел")).text


async def test_a_recap_a_step_or_corrections_of_only_spaces_are_asked_again(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.expert(11, "Ольга")
    number, _ = await plan_meeting(team, EXPERT, with_colleague="Ольга")
    taps = Presses(team, EXPERT)
    await move_to(team, TUESDAY_10_MOSCOW + timedelta(hours=1))
    await taps.press(await taps.next("состоялась"), "записать итоги")
    await taps.next("Что обсудили")
    assert "словами" in (await taps.type(BLANK)).text
    assert "что нужно сделать" in (await taps.type("Пилот на двух объектах")).text
    assert "словами" in (await taps.type(BLANK)).text
    await taps.press(await taps.type("Отправить КП"), "Ольга")
    await taps.press(await taps.next("срок"), "Завтра 10:00")
    await taps.press(await taps.next("Шагов в итогах: 1"), "Это всё")
    assert "Пилот на двух объектах" in (await taps.next("Добрый день")).text
    assert [step.text for step in await steps_of(team, number)] == ["Отправить КП"]
    await taps.press(await taps.next("Что ответил клиент"), "поправить")
    await taps.next("Что клиент попросил")
    assert "словами" in (await taps.type(BLANK)).text
    assert "Правки записаны" in (await taps.type("Срок КП — до пятницы")).text


async def test_a_sticker_or_a_photo_without_a_caption_for_a_lost_reason_is_asked_again_in_words(
    team: Team,
) -> None:
    number, petr = await ask_lost_reason(team)
    await team.tg.send_sticker(EXPERT)
    assert "словами" in (await petr.next()).text
    await team.tg.send_photo(EXPERT)
    assert "словами" in (await petr.next()).text
    assert await stage_of(team, number) == Stage.TAKEN.value
    await lost_with(team, petr, number, "Заморозили проект")


async def test_a_voice_message_for_a_postponing_date_is_asked_again_in_words(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    petr = Presses(team, EXPERT)
    await petr.press(brief, "КП отправлено")
    await petr.press(brief, "Отложить")
    await petr.press(await petr.next("До какого дня"), "Ввести")
    await petr.next("Напишите дату")
    await team.tg.send_voice(EXPERT)
    assert "словами" in (await petr.next()).text
    assert "отложена" in (await petr.type("10.03")).text
    assert await stage_of(team, number) == Stage.POSTPONED.value


async def test_a_sticker_for_the_closers_time_is_asked_again_in_words(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.person(DIRECTOR, "Директор", roles=[Role.CLOSER], member=False)
    await call_in(team, EXPERT, await team.request(), "Директор", "Скидка 10%")
    closer = Presses(team, DIRECTOR)
    await closer.press(await hears(team, DIRECTOR, "Вас зовут"), "Участвую")
    await hears(team, DIRECTOR, "Когда вам удобно")
    await team.tg.send_sticker(DIRECTOR)
    assert "словами" in (await closer.next()).text
    assert "Записал" in (await closer.type("завтра после 15:00")).text


async def lose(team: Team, brief: EmMessage) -> None:
    """Пётр closes the request as lost from its brief, with a reason from the list."""
    petr = Presses(team, EXPERT)
    await petr.press(brief, "Проиграна")
    await petr.press(await petr.next("Почему"), "конкурента")


async def test_a_meetings_place_typed_after_the_request_closed_says_it_is_closed(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    await team.expert(OLGA, "Ольга")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    _, meeting_id = await plan_meeting(
        team, EXPERT, with_colleague="Ольга", number=number, brief=brief
    )
    place = (await meeting(team, meeting_id)).place
    saved = next(m for m in reversed(team.tg.transcript(EXPERT)) if "запланирована" in m.text)
    owner = Presses(team, EXPERT)
    await owner.press(saved, "Место")
    await owner.next("Где теперь")
    await lose(team, brief)
    refused = await owner.type("Офис клиента, Тверская 1")
    assert f"Заявка #{number} уже закрыта" in refused.text, refused.text
    assert (await meeting(team, meeting_id)).place == place


async def test_a_steps_new_time_typed_after_the_request_closed_says_it_is_closed(
    team: Team,
) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    brief = await take(team, EXPERT, number)
    petr = Presses(team, EXPERT)
    await petr.press(brief, "Следующий шаг")
    await petr.press(await petr.next(), "Позвонить клиенту")
    await petr.press(await petr.next(), "Завтра 16:00")
    [planned_step] = await steps_of(team, number)
    await move_to(team, TUESDAY_16_MOSCOW)
    await petr.press(await petr.next("Пора"), "Перенести")
    await petr.next("когда")
    await lose(team, brief)
    refused = await petr.type("завтра 11:30")
    assert f"Заявка #{number} уже закрыта" in refused.text, refused.text
    assert (await step(team, planned_step.id)).due_at == TUESDAY_16_MOSCOW
