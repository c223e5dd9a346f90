"""Roles shown as Telegram's member tags beside people's names in the team group."""

from __future__ import annotations

from storage.models import Role
from tests.conftest import ADMIN_ID, TEAM_CHAT_ID
from tests.e2e.team.conftest import Team
from tests.e2e.team.test_commands import open_person, press_as_admin

VASYA = 40


async def test_a_role_granted_in_team_shows_as_the_persons_tag_and_goes_when_revoked(
    team: Team,
) -> None:
    await team.person(VASYA, "Вася", username="vasya")
    view = await open_person(team, "vasya")
    assert await press_as_admin(team, view, view.callback_data_of("эксперт")) == "Роль выдана."
    assert team.tg.member_tag(TEAM_CHAT_ID, VASYA) == "Эксперт"
    await press_as_admin(team, view, view.callback_data_of("руководитель"))
    assert team.tg.member_tag(TEAM_CHAT_ID, VASYA) == "Руководитель"
    await press_as_admin(team, view, view.callback_data_of("руководитель"))
    assert team.tg.member_tag(TEAM_CHAT_ID, VASYA) == "Эксперт"
    await press_as_admin(team, view, view.callback_data_of("эксперт"))
    assert team.tg.member_tag(TEAM_CHAT_ID, VASYA) is None


async def test_without_the_right_to_manage_tags_the_admin_is_told_and_the_role_stays(
    team: Team,
) -> None:
    await team.person(VASYA, "Вася", username="vasya")
    team.tg.withhold_right(TEAM_CHAT_ID, team.tg.bot.id, "can_manage_tags")
    view = await open_person(team, "vasya")
    answer = await team.tg.press(ADMIN_ID, view, view.callback_data_of("эксперт"))
    assert answer is not None
    assert answer.show_alert
    assert "Управление тегами" in (answer.text or "")
    assert team.tg.member_tag(TEAM_CHAT_ID, VASYA) is None
    async with team.repo() as repo:
        person = await repo.users.get(VASYA)
        assert person is not None
        await repo.session.refresh(person)
    assert Role.EXPERT in person.roles


async def test_someone_with_a_role_who_joins_the_group_wears_it_as_a_tag(team: Team) -> None:
    await team.person(VASYA, "Вася", roles=[Role.EXPERT], member=False)
    await team.tg.join(TEAM_CHAT_ID, VASYA)
    await team.tg.wait_for(
        lambda: team.tg.member_tag(TEAM_CHAT_ID, VASYA) == "Эксперт", what="the expert tagged"
    )


async def test_a_role_for_someone_outside_the_group_is_granted_without_a_tag(team: Team) -> None:
    await team.person(VASYA, "Вася", username="vasya", member=False)
    view = await open_person(team, "vasya")
    assert await press_as_admin(team, view, view.callback_data_of("эксперт")) == "Роль выдана."
    assert team.tg.calls_of("setChatMemberTag") == []
