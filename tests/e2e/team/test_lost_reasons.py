"""A lost reason from the list is one reason, whoever chose it, read in each reader's language."""

from __future__ import annotations

from storage.models import Role
from tests.e2e.followups.conftest import Presses, next_to, take
from tests.e2e.reports.conftest import upcoming
from tests.e2e.team.conftest import AUTHOR_ID, Team
from tests.e2e.workspace.conftest import ask

PETR, JOHN, MANAGER = 10, 11, 20


async def lose(team: Team, owner: int, number: int, *, lost: str, reason: str) -> None:
    """Take ``number`` as ``owner`` and close it as lost with a reason from the list."""
    taps = Presses(team, owner)
    brief = await take(team, owner, number)
    await taps.press(brief, lost)
    await taps.press(await taps.next("#"), reason)


async def test_no_budget_chosen_in_russian_and_in_english_is_one_reason_for_every_reader(
    team: Team,
) -> None:
    await team.expert(PETR, "Пётр")
    await team.expert(JOHN, "John", language_code="en")
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER])
    first, second = await team.request(), await team.request()

    await lose(team, PETR, first, lost="Проиграна", reason="Нет бюджета")
    await lose(team, JOHN, second, lost="Lost", reason="No budget")

    told = await next_to(team, AUTHOR_ID, f"#{second} проиграна")
    assert told.text == f"Ваша заявка #{second} проиграна. Причина: Нет бюджета"
    assert "(Нет бюджета)" in team.card(second).text  # the group speaks the team's language
    async with team.repo() as repo:
        requests = [await repo.requests.get(number) for number in (first, second)]
        events = [(await repo.events.for_request(number))[-1] for number in (first, second)]
    assert [request.lost_reason for request in requests if request] == ["budget", "budget"]
    # What webhooks carry: the code, and its name in the team's language.
    move = {"from": "taken", "to": "lost", "reason": "Нет бюджета", "lost_reason": "budget"}
    assert [event.data for event in events] == [move, move]
    assert "No budget" in (await ask(team, JOHN, f"/r {first}", "#")).text

    taps = Presses(team, MANAGER)
    await taps.press(await ask(team, MANAGER, f"/r {second}"), "История")
    history = await taps.next("История заявки")
    assert history.text.endswith("проиграна: Нет бюджета")

    await team.tg.send_message(MANAGER, "/report 2026-03-02 2026-03-02")
    _, tables, *_ = await upcoming(team.tg, MANAGER, 6)
    assert "Проиграно — Нет бюджета: 2" in tables.html
    assert "No budget" not in tables.html
