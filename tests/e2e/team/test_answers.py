"""The answers of a request, as each reader reads them: in the reader's language and format."""

from __future__ import annotations

from bot.services.buttons import TakeButton
from bot.services.cards import post_card
from storage.repositories.requests import NewAnswer
from tests.e2e.intake.flow import fill, open_form, scenario, submit
from tests.e2e.team.conftest import AUTHOR_ID, Team
from tests.harness import Person


async def request_from_dialog(team: Team, user_id: int, name: str, locale: str) -> int:
    """An it_erp request filled in ``locale``: choices, yes, a date, a number and an amount."""
    team.tg.add_user(user_id, name, language_code=locale)
    author = Person(team.tg, user_id)
    first = await open_form(author, "it_erp")
    summary, _ = await fill(author, scenario("it_erp"), locale, first, {"headcount": "1500"})
    return await submit(author, summary)


async def test_an_english_authors_answers_read_in_russian_on_the_russian_groups_card(
    team: Team,
) -> None:
    expert = await team.expert(10, "Peter", language_code="en")
    number = await request_from_dialog(team, 600, "John", "en")
    card = await team.posted_card(number)

    assert "Источник\nЗаявка с сайта" in card.text
    assert "Размер компании\nдо 15 человек" in card.text
    assert "ЛПР известен\nДа" in card.text
    assert "Пользователей\n1\xa0500" in card.text
    assert "Бюджет\n1\xa0500\xa0000 ₽" in card.text
    assert "Срок\n3 марта 2026\u202fг." in card.text  # the day after Monday, 2 March
    for english in ("Website form", "up to 15 people", "Yes", "1,500", "March"):
        assert english not in card.text
    assert "Northwind LLC" in card.text  # typed text stays as typed

    await team.tg.press(expert, card, TakeButton(request=number).pack())
    brief = (await team.tg.next_bot_message(expert)).text
    assert "Source\nWebsite form" in brief
    assert "Decision maker known\nYes" in brief
    assert "Budget\n1,500,000 RUB" in brief


async def test_a_russian_authors_answers_read_in_english_in_an_english_experts_brief(
    team: Team,
) -> None:
    expert = await team.expert(10, "Peter", language_code="en")
    number = await request_from_dialog(team, 600, "Сергей", "ru")
    card = await team.posted_card(number)

    await team.tg.press(expert, card, TakeButton(request=number).pack())
    brief = (await team.tg.next_bot_message(expert)).text

    assert "Source\nWebsite form" in brief
    assert "Company size\nup to 15 people" in brief
    assert "Decision maker known\nYes" in brief
    assert "Users\n1,500" in brief
    assert "Budget\n1,500,000 RUB" in brief
    assert "Deadline\nMarch 3, 2026" in brief
    for russian in ("Заявка с сайта", "до 15 человек", "Да\n", "марта"):
        assert russian not in brief
    assert "ООО «Ромашка»" in brief  # typed text stays as typed


async def test_an_option_the_form_no_longer_has_is_shown_as_the_author_saw_it(
    team: Team,
) -> None:
    async with team.repo() as repo:
        request = await repo.requests.create(
            scenario_id="it_erp",
            scenario_version=1,
            author_id=AUTHOR_ID,
            answers=[
                NewAnswer(field_id="company_size", value="tiny", display="1–5 people"),
                NewAnswer(field_id="lead_source", value="website", display="Website form"),
            ],
        )
        await post_card(team.desk(repo), request.id)
    card = team.card(request.id)

    assert "Размер компании\n1–5 people" in card.text
    assert "Источник\nЗаявка с сайта" in card.text
