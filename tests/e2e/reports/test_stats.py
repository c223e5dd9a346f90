"""/stats: own numbers beside the team's median, and the leaderboard named only to the team."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from storage.models import Role, Stage
from tests.e2e.reports.conftest import settle_stage
from tests.e2e.team.conftest import AUTHOR_ID, Team
from tests.e2e.team.test_lifecycle import take

BORIS = 501
EXPERT = 10


async def history(team: Team) -> None:
    """Anna submits two requests, one is won; Boris submits one, still waiting."""
    await team.person(BORIS, "Борис", roles=[Role.LEAD_GENERATOR], member=False)
    await team.expert(EXPERT, "Пётр")
    won = await team.request()
    await team.request()
    await team.request(author_id=BORIS)
    team.clock.advance(minutes=30)
    await take(team, EXPERT, won)
    await settle_stage(team, won, EXPERT, Stage.TAKEN, Stage.WON, after=timedelta(minutes=10))


async def stats_of(team: Team, user_id: int) -> str:
    await team.tg.send_message(user_id, "/stats")
    while True:
        message = await team.tg.next_bot_message(user_id)
        if "показатели" in message.text or "numbers" in message.text:
            return message.text


async def test_a_lead_generator_sees_their_numbers_beside_the_median_and_their_place(
    team: Team,
) -> None:
    await history(team)
    text = await stats_of(team, AUTHOR_ID)
    month, quarter = text.split("Этот квартал")
    # Anna: 2 submitted against a median of 1.5 (Anna 2, Boris 1); 1 won against 0.5.
    assert "Подано: 2 (1,5) · взято: 1 (0,5)" in month
    assert "выиграно: 1 (0,5)" in month
    # Quality: Anna (4 + 1) / 8 = 62.5 -> 62 (Python rounds half to even); Boris 1/4 = 25.
    assert "Качество лидов: 62 (43,8)" in month
    assert "Место в рейтинге: 1-е по выигранным, 1-е по качеству (всего 2)" in month
    # Anna is not in the team: nobody is named to her.
    assert "Лидеры" not in text
    assert "Борис" not in text
    assert "Подано: 2" in quarter


async def test_a_team_member_sees_the_leaderboard_with_names(team: Team) -> None:
    await history(team)
    await team.person(20, "Мария", roles=[Role.MANAGER, Role.LEAD_GENERATOR], member=False)
    text = await stats_of(team, 20)
    assert "Заявок за этот период нет" in text
    await team.request(author_id=20)
    text = await stats_of(team, 20)
    assert "Лидеры:\n1. Анна — выиграно 1, качество 62" in text
    assert "Борис" in text


async def test_an_expert_sees_their_own_work_too(team: Team) -> None:
    await history(team)
    text = await stats_of(team, EXPERT)
    assert "Как эксперт: взято 1 (1) · до взятия 30 мин (30 мин)" in text


async def test_the_leaderboard_can_be_switched_off(make_team: Callable[..., object]) -> None:
    async with make_team(leaderboard=False) as team:  # type: ignore[attr-defined]
        await history(team)
        text = await stats_of(team, AUTHOR_ID)
        assert "Подано: 2" in text
        assert "Место в рейтинге" not in text
        assert "Лидеры" not in text
