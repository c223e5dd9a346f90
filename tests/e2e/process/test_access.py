"""Who may submit: closed intake, invite links for partners, and the hourly limit."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from storage.models import Role
from tests.conftest import TEAM_CHAT_ID
from tests.e2e.intake.flow import fill, open_form, scenario, submit
from tests.e2e.process.conftest import MANAGER, Team
from tests.e2e.team.conftest import AUTHOR_ID
from tests.harness import Person

LINK = re.compile(r"https://t\.me/\S+\?start=(join-[\w-]+)")


def client(index: int) -> dict[str, str]:
    """Answers naming a client of its own, so that no request looks like a duplicate."""
    return {
        "company_name": f"Клиент {index}",
        "contact_phone": f"+7 999 000-00-0{index}",
        "contact_email": f"buyer{index}@example.com",
    }


async def invite(team: Team, args: str = "") -> str:
    """A manager's /invite; returns the ``join-<code>`` of the link it gave."""
    await team.tg.send_message(MANAGER, f"/invite {args}".strip())
    reply = await team.tg.next_bot_message(MANAGER)
    found = LINK.search(reply.text)
    assert found is not None, reply.text
    return found[1]


async def test_closed_intake_refuses_a_stranger_and_nothing_reaches_the_group(
    make_team: Callable[..., Any],
) -> None:
    async with make_team(intake_access="company") as team:
        team.tg.add_user(77, "Незнакомец")
        stranger = Person(team.tg, 77)
        for attempt in ("/new", "/start it_erp"):
            answer = await stranger.ask(attempt)
            assert "только от сотрудников" in answer.text
            assert "ссылку-приглашение" in answer.text
        posted_before = len(team.tg.transcript(TEAM_CHAT_ID))
        # A lead generator of the company gets the form.
        author = Person(team.tg, AUTHOR_ID)
        assert "Шаг 1" in (await open_form(author, "it_erp")).text
        assert len(team.tg.transcript(TEAM_CHAT_ID)) == posted_before


async def test_an_invite_admits_partners_until_it_is_used_up_or_expires(
    make_team: Callable[..., Any],
) -> None:
    async with make_team(intake_access="company") as team:
        await team.person(MANAGER, "Босс", roles=[Role.MANAGER], member=False)
        two_uses = await invite(team, "2 1")
        partners = []
        for user_id in (78, 79, 80):
            team.tg.add_user(user_id, f"Партнёр {user_id}")
            partners.append(Person(team.tg, user_id))
        assert "Готово" in (await partners[0].ask(f"/start {two_uses}")).text
        assert "Шаг 1" in (await open_form(partners[0], "it_erp")).text
        assert "Готово" in (await partners[1].ask(f"/start {two_uses}")).text
        assert "больше не действует" in (await partners[2].ask(f"/start {two_uses}")).text
        assert "только от сотрудников" in (await partners[2].ask("/new")).text

        one_day = await invite(team, "5 1")
        team.clock.advance(days=1, minutes=1)
        assert "больше не действует" in (await partners[2].ask(f"/start {one_day}")).text
        async with team.repo() as repo:
            joined = await repo.users.get(78)
            late = await repo.users.get(80)
        assert joined is not None
        assert Role.LEAD_GENERATOR in joined.roles
        assert late is not None
        assert not late.roles


async def test_invite_is_for_managers_and_reads_its_numbers(team: Team) -> None:
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER], member=False)
    await team.tg.send_message(AUTHOR_ID, "/invite")
    assert "руководители" in (await team.tg.next_bot_message(AUTHOR_ID)).text
    await team.tg.send_message(MANAGER, "/invite много")
    assert "/invite 5 3" in (await team.tg.next_bot_message(MANAGER)).text
    await invite(team)


async def test_an_invite_says_until_when_in_the_managers_own_time_zone(team: Team) -> None:
    await team.person(MANAGER, "Boss", roles=[Role.MANAGER], member=False, language_code="en")
    await team.tg.send_message(MANAGER, "/tz Europe/Berlin")
    await team.tg.next_bot_message(MANAGER)
    await team.tg.send_message(MANAGER, "/invite 5 1")
    created = await team.tg.next_bot_message(MANAGER)
    # Monday 09:00 in Moscow is 07:00 in Berlin; the link lasts a day.
    assert "Valid until Mar 3, 2026, 7:00\u202fAM" in created.text


async def test_the_hourly_limit_keeps_the_draft_and_lets_it_go_later(
    make_team: Callable[..., Any],
) -> None:
    async with make_team(submit_rate_per_hour=2) as team:
        author = Person(team.tg, AUTHOR_ID)
        form = scenario("it_erp")
        for index in range(2):
            summary, _ = await fill(
                author, form, "ru", await open_form(author, "it_erp"), client(index)
            )
            await submit(author, summary)
        summary, _ = await fill(author, form, "ru", await open_form(author, "it_erp"), client(2))
        await author.press(summary, "🚀")
        refused = await author.reply()
        assert "уже 2 заявок" in refused.text
        again = await author.reply()
        assert again.text.startswith("Проверьте заявку")
        team.clock.advance(hours=1, minutes=1)
        number = await submit(author, again)
        assert number == 3


async def test_a_manager_grants_the_lead_generator_role_and_nothing_else(team: Team) -> None:
    await team.person(MANAGER, "Босс", roles=[Role.MANAGER], member=False)
    await team.person(81, "Коллега", username="colleague", member=False)
    await team.tg.send_message(MANAGER, "/team @colleague")
    person = await team.tg.next_bot_message(MANAGER)
    refused = await team.tg.press(MANAGER, person, person.callback_data_of("эксперт"))
    assert refused is not None
    assert "администраторам" in (refused.text or "")
    await team.tg.press(MANAGER, person, person.callback_data_of("лидогенератор"))
    await team.settle(person, MANAGER)
    async with team.repo() as repo:
        colleague = await repo.users.get(81)
        assert colleague is not None
        await repo.session.refresh(colleague)
    assert colleague.roles == frozenset({Role.LEAD_GENERATOR})
