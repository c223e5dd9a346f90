"""/team for admins, /queue and /mine for the team, and a request from the real dialog."""

from __future__ import annotations

from datetime import timedelta

from bot.services.buttons import TakeButton
from storage.models import Priority, Role
from tests.conftest import ADMIN_ID
from tests.e2e.intake.flow import fill, open_form, scenario, submit
from tests.e2e.team.conftest import Team
from tests.harness import Person


async def test_an_admin_grants_roles_and_tags_and_sets_a_supervisor(team: Team) -> None:
    await team.person(40, "Новичок", username="novice")
    await team.person(41, "Руководитель", roles=[Role.MANAGER])
    tg = team.tg
    await tg.send_message(ADMIN_ID, "/team")
    listing = await tg.next_bot_message(ADMIN_ID)
    assert "Новичок" in listing.text
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("Новичок"))
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("эксперт"))
    assert "✅ эксперт" in [b.text for row in listing.buttons for b in row]
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("#erp"))
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("👔"))
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("Руководитель"))
    await team.settle(listing, ADMIN_ID)
    async with team.repo() as repo:
        novice = await repo.users.get(40)
        assert novice is not None
        await repo.session.refresh(novice)
    assert Role.EXPERT in novice.roles
    assert novice.tags == ["erp"]
    assert novice.supervisor_id == 41
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("#erp"))
    await tg.press(ADMIN_ID, listing, listing.callback_data_of("эксперт"))
    await team.settle(listing, ADMIN_ID)
    async with team.repo() as repo:
        novice = await repo.users.get(40)
        assert novice is not None
        await repo.session.refresh(novice)
    assert novice.roles == frozenset()
    assert novice.tags == []


async def test_team_is_for_admins_only(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.tg.send_message(10, "/team")
    assert "администраторам" in (await team.tg.next_bot_message(10)).text
    await team.tg.send_message(ADMIN_ID, "/team @nobody")
    assert "Не знаю" in (await team.tg.next_bot_message(ADMIN_ID)).text


async def test_queue_lists_open_requests_oldest_first_and_mine_by_stage(team: Team) -> None:
    expert = await team.expert(10, "Пётр")
    old = await team.request()
    team.clock.advance(timedelta(minutes=75))
    hot = await team.request(priority=Priority.HOT)
    taken = await team.request()
    await team.tg.press(expert, team.card(taken), TakeButton(request=taken).pack())
    await team.tg.next_bot_message(expert)
    await team.tg.send_message(expert, "/queue")
    queue = (await team.tg.next_bot_message(expert)).text
    assert queue.index(f"#{old} ") < queue.index(f"#{hot} ")
    assert f"#{taken} " not in queue
    assert "1 ч 15 мин" in queue
    assert "🔥" in queue
    await team.tg.send_message(expert, "/mine")
    mine = (await team.tg.next_bot_message(expert)).text
    assert "взята (1)" in mine
    assert f"#{taken} " in mine
    await team.tg.send_message(500, "/queue")
    refused = await team.tg.wait_for(
        lambda: [m for m in team.tg.transcript(500) if "экспертов" in m.text], what="refusal"
    )
    assert refused


async def test_a_request_from_the_dialog_lands_in_the_group_and_is_taken(team: Team) -> None:
    expert = await team.expert(10, "Пётр")
    author = Person(team.tg, 600)
    team.tg.add_user(600, "Сергей", language_code="ru")
    form = scenario("it_erp")
    summary, _ = await fill(author, form, "ru", await open_form(author, "it_erp"))
    number = await submit(author, summary)
    card = await team.posted_card(number)
    assert "Сергей" in card.text
    await team.tg.press(expert, card, TakeButton(request=number).pack())
    assert f"#{number}" in (await team.tg.next_bot_message(expert)).text
    told = await team.tg.wait_for(
        lambda: [m for m in team.tg.transcript(600) if "Пётр" in m.text], what="author told"
    )
    assert f"#{number}" in told[0].text
