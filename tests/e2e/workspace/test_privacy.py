"""Private answers: off the card and the group's "Full text", in the brief of the view."""

from __future__ import annotations

from tests.e2e.workspace.conftest import Team, ask, take

OWNER, MEMBER = 10, 11
ANSWERS = {
    "company_name": "ООО «Ромашка»",
    "contact_phone": "+7 912 345-67-89",
    "contact_email": "ivan@romashka.ru",
}


async def test_private_fields_are_absent_from_the_card_and_present_in_the_brief(
    team: Team,
) -> None:
    await team.expert(OWNER, "Пётр")
    await team.expert(MEMBER, "Ольга")
    number = await team.request(answers=ANSWERS)
    card = team.card(number)
    assert "Компания" in card.text  # the short label, not the question
    assert "ООО «Ромашка»" in card.text
    assert "912" not in card.text
    assert "ivan@" not in card.text

    member = await ask(team, MEMBER, f"/r {number}")
    assert "ООО «Ромашка»" in member.text
    assert "912" not in member.text

    panel = await take(team, OWNER, number)
    assert "Телефон\n+7 912 345-67-89" in panel.text
    assert "ivan@romashka.ru" in panel.text
