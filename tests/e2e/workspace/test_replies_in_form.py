"""A reply to the bot's message about a request, written while a new request's form is open."""

from __future__ import annotations

from tests.e2e.intake.flow import fill, next_screen, open_form, scenario, step_of
from tests.e2e.team.conftest import AUTHOR_ID
from tests.e2e.workspace.conftest import Presses, Team, next_to, take
from tests.harness import Person

OWNER = 10
ERP = scenario("it_erp")


async def test_a_reply_to_a_note_in_the_middle_of_a_form_goes_to_its_request(team: Team) -> None:
    await team.expert(OWNER, "Пётр")
    number = await team.request()
    panel = await take(team, OWNER, number)
    await next_to(team, AUTHOR_ID, "взял(а)")
    anna = Person(team.tg, AUTHOR_ID)
    await open_form(anna, "it_erp")
    await anna.send("ООО «СтройМонтаж»")
    industry = await next_screen(anna)
    assert step_of(industry)[0] == 2

    petr = Presses(team, OWNER)
    await petr.press(panel, "Автору")
    await petr.next("для автора")
    await petr.type("Кто у них ЛПР?")
    note = await next_to(team, AUTHOR_ID, "Кто у них ЛПР?")
    reply = await team.tg.send_message(
        AUTHOR_ID, "Генеральный директор Иванов", reply_to_message_id=note.message_id
    )
    assert f"Добавлено к заявке #{number}" in (await next_to(team, AUTHOR_ID)).text
    again = await next_screen(anna)
    assert step_of(again) == step_of(industry)  # the same question, asked again
    assert "Чем занимается клиент" in again.text
    told = await next_to(team, OWNER, "добавил(а) заметку")
    assert "Генеральный директор Иванов" in told.text

    await team.tg.edit_message(AUTHOR_ID, reply, "Генеральный директор Петров")
    edited = await next_to(team, AUTHOR_ID)
    assert f"не меняет то, что уже добавлено к заявке #{number}" in edited.text
    await anna.send("Строительство жилья")
    third = await next_screen(anna)
    assert step_of(third)[0] == 3
    summary, _ = await fill(anna, ERP, "ru", third)
    assert "Строительство жилья" in summary.text
    assert "Иванов" not in summary.text
    assert "Петров" not in summary.text
    assert (await team.events(number)).count("request.note_added") == 2


async def test_a_reply_to_the_forms_question_is_its_answer_even_if_it_names_a_request(
    team: Team,
) -> None:
    number = await team.request()
    anna = Person(team.tg, AUTHOR_ID)
    await open_form(anna, "it_erp")
    await anna.send(f"ООО «Ромашка» (дочка клиента из #{number})")
    industry = await next_screen(anna)
    await anna.send("Строительство жилья", reply_to_message_id=industry.message_id)
    third = await next_screen(anna)
    assert step_of(third)[0] == 3

    await anna.press(third, "Назад")
    await anna.press(await next_screen(anna), "Назад")
    company = await next_screen(anna)
    assert step_of(company)[0] == 1
    assert f"#{number}" in company.text  # the question shows its answer, naming a request
    await anna.send("ООО «СтройМонтаж»", reply_to_message_id=company.message_id)
    industry = await next_screen(anna)
    assert step_of(industry)[0] == 2
    summary, _ = await fill(anna, ERP, "ru", industry)
    assert "ООО «СтройМонтаж»" in summary.text
    assert "request.note_added" not in await team.events(number)
