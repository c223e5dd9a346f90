"""Characters no database would store are removed when an answer is read."""

from __future__ import annotations

from collections.abc import Callable

from bot.settings import Settings
from tests.e2e.failures.conftest import stored_request
from tests.e2e.intake.flow import fill, open_form, scenario, submit
from tests.harness import Person, RunningBot

ERP = scenario("it_erp")


async def test_a_nul_in_an_answer_is_removed_and_submit_works_on_each_database(
    settings_for: Callable[..., Settings], person: Callable[..., Person], database_url: str
) -> None:
    async with RunningBot(settings_for(database_url=database_url)) as running:
        anna = person(91, "Анна")
        first = await open_form(anna, "it_erp")
        summary, _ = await fill(
            anna,
            ERP,
            "ru",
            first,
            {"company_name": "ООО «Ромашка\x00»", "request": "Учёт\x00 и\x07 склад"},
        )
        assert "ООО «Ромашка»" in summary.text
        number = await submit(anna, summary)
        request = await stored_request(running, number)
        assert request is not None
        answers = {answer.field_id: answer.display for answer in request.answers}
        assert answers["company_name"] == "ООО «Ромашка»"
        assert answers["request"] == "Учёт и склад"
