"""Found when trying it: menus by role, admins shown as admins, /mine aged by stage."""

from __future__ import annotations

from datetime import timedelta

from storage.models import Stage
from tests.conftest import ADMIN_ID
from tests.e2e.workspace.conftest import Presses, Team, ask, take

EXPERT = 10


def menu(team: Team, user_id: int) -> list[str]:
    """The commands a person's own menu shows (empty: the common one)."""
    return [c["command"] for c in team.tg.commands({"type": "chat", "chat_id": user_id})]


async def test_the_menu_shows_each_role_its_commands(team: Team) -> None:
    await ask(team, ADMIN_ID, "/start")
    assert menu(team, ADMIN_ID)[-5:] == ["queue", "work", "assign", "find", "team"]
    await team.person(EXPERT, "Пётр")
    panel = await ask(team, ADMIN_ID, "/team")
    admin = Presses(team, ADMIN_ID)
    await admin.press(panel, "Пётр")
    await admin.press(panel, "эксперт")
    assert menu(team, EXPERT)[-3:] == ["mine", "queue", "find"]
    assert "work" not in menu(team, EXPERT)
    await admin.press(panel, "эксперт")  # revoked: back to the common menu
    assert menu(team, EXPERT) == []


async def test_team_shows_admins_as_admins(team: Team) -> None:
    listing = await ask(team, ADMIN_ID, "/team")
    line = next(line for line in listing.text.splitlines() if "Ирина" in line)
    assert "администратор" in line


async def test_mine_ages_count_from_the_current_stage(team: Team) -> None:
    await team.expert(EXPERT, "Пётр")
    number = await team.request()
    team.clock.set(team.clock.now() + timedelta(hours=3))
    await take(team, EXPERT, number)
    team.clock.set(team.clock.now() + timedelta(minutes=20))
    async with team.repo() as repo:
        await repo.requests.set_stage(number, Stage.MEETING_PLANNED, team.clock.now())
    team.clock.set(team.clock.now() + timedelta(minutes=5))
    mine = await ask(team, EXPERT, "/mine")
    assert "ждёт 5 мин" in mine.text
    assert "3 ч" not in mine.text
