"""In a forum group: one topic per scenario for the cards, one topic per taken request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.services.buttons import TakeButton
from tests.conftest import TEAM_CHAT_ID


async def test_cards_go_to_the_scenario_topic_opened_once(make_team: Callable[..., Any]) -> None:
    async with make_team(forum=True) as team:
        first, second = await team.request(), await team.request()
        topics = team.tg.world.chat(TEAM_CHAT_ID).topics
        erp = [t for t in topics.values() if t.name == "Пресейл ERP"]
        assert len(erp) == 1
        assert team.card(first).thread_id == erp[0].thread_id
        assert team.card(second).thread_id == erp[0].thread_id
        assert len(team.tg.calls_of("createForumTopic")) == 1


async def test_a_taken_request_gets_its_own_topic_renamed_as_it_moves(
    make_team: Callable[..., Any],
) -> None:
    async with make_team(forum=True) as team:
        expert = await team.expert(10, "Пётр")
        number = await team.request()
        await team.tg.press(expert, team.card(number), TakeButton(request=number).pack())
        brief = await team.tg.next_bot_message(expert)
        topics = team.tg.world.chat(TEAM_CHAT_ID).topics
        own = next(t for t in topics.values() if t.name.startswith("🔧 #"))
        assert own.name == f"🔧 #{number} · Ромашка · Пётр"
        opened = team.tg.transcript(TEAM_CHAT_ID, thread_id=own.thread_id)
        assert any("взял(а)" in m.text for m in opened)

        await team.tg.press(expert, brief, brief.callback_data_of("КП отправлено"))
        await team.settle(brief, expert)
        assert any(
            "КП отправлено" in m.text
            for m in team.tg.transcript(TEAM_CHAT_ID, thread_id=own.thread_id)
        )
        await team.tg.press(expert, brief, brief.callback_data_of("Выиграна"))
        await team.settle(brief, expert)
        assert own.name == f"🏆 #{number} · Ромашка · Пётр"
        assert len(team.tg.calls_of("editForumTopic")) == 1
