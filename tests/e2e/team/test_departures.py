"""An expert who leaves the group, or loses the role, with requests still theirs."""

from __future__ import annotations

from storage.models import Role
from tests.conftest import ADMIN_ID, TEAM_CHAT_ID
from tests.e2e.team.conftest import Team
from tests.e2e.team.test_commands import open_person, press_as_admin
from tests.e2e.team.test_lifecycle import take

BOSS = 20


async def two_taken_by_petr(team: Team) -> tuple[int, int]:
    await team.person(BOSS, "Босс", roles=[Role.MANAGER], member=False)
    await team.expert(10, "Пётр", username="petr")
    first, second = await team.request(), await team.request()
    await take(team, 10, first)
    await take(team, 10, second)
    return first, second


async def test_an_expert_who_leaves_with_open_requests_is_reported_once_with_buttons_to_them(
    team: Team,
) -> None:
    first, second = await two_taken_by_petr(team)
    await team.tg.leave(TEAM_CHAT_ID, 10)
    told = await team.tg.next_bot_message(BOSS)
    # The leave arrives as a service message and as a member update: both are handled now.
    await team.settle(team.card(first), BOSS)

    assert told.text == (
        f"🚪 Пётр вышел(а) из группы команды, а за ним(ней) ещё 2 открытые заявки: "
        f"#{first}, #{second}. Передайте их другому эксперту: откройте заявку → "
        "«🔁 Переназначить»."
    )
    assert [button.text for row in told.buttons for button in row] == [
        f"#{first} · Ромашка",
        f"#{second} · Ромашка",
    ]
    async with team.repo() as repo:
        queued = await repo.outbox.find(chat_id=BOSS)
    assert [m.text for m in queued if "вышел(а)" in m.text] == [told.text]


async def test_an_expert_who_leaves_with_nothing_open_is_not_reported(team: Team) -> None:
    await team.person(BOSS, "Босс", roles=[Role.MANAGER], member=False)
    await team.expert(10, "Пётр")
    number = await team.request()
    await team.tg.leave(TEAM_CHAT_ID, 10)
    await team.settle(team.card(number), BOSS)

    async with team.repo() as repo:
        assert await repo.outbox.find(chat_id=BOSS) == []


async def test_the_admin_who_takes_the_expert_role_away_hears_which_requests_to_hand_on(
    team: Team,
) -> None:
    first, second = await two_taken_by_petr(team)
    view = await open_person(team, "petr")
    said = await press_as_admin(team, view, view.callback_data_of("✅ эксперт"))
    told_admin = await team.tg.next_bot_message(ADMIN_ID)
    told_boss = await team.tg.next_bot_message(BOSS)

    assert said == "Роль снята."
    for told in (told_admin, told_boss):
        assert told.text.startswith("🚪 Пётр больше не эксперт, а за ним(ней) ещё 2 открытые")
        assert f"#{first}, #{second}." in told.text
        assert len([button for row in told.buttons for button in row]) == 2
