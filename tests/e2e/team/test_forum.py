"""In a forum group: one topic per scenario for the cards, one topic per taken request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.services.buttons import TakeButton
from emulator import EmMessage
from storage.models import Role
from tests.conftest import ADMIN_ID, TEAM_CHAT_ID
from tests.e2e.team.conftest import Team


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


async def test_a_deleted_scenario_topic_is_opened_anew_and_its_lost_cards_posted_again(
    make_team: Callable[..., Any],
) -> None:
    async with make_team(forum=True) as team:
        await team.expert(10, "Пётр", username="petr")
        await team.tg.promote(TEAM_CHAT_ID, 10)
        first = await team.request()
        old = team.card(first).thread_id
        assert old is not None
        await team.tg.delete_topic(10, TEAM_CHAT_ID, old)  # its cards go with it
        second = await team.request(post=False)
        await team.bot.app.card_posting.post_waiting()  # the post fails: no such topic
        card = await team.posted_card(second)  # retried at once in a topic opened anew
        topics = team.tg.world.chat(TEAM_CHAT_ID).topics
        assert card.thread_id in topics
        assert card.thread_id != old
        assert topics[card.thread_id].name == "Пресейл ERP"

        await team.tg.send_message(ADMIN_ID, f"/assign {first} @petr")
        again = await team.posted_card(first)  # found out at the edit, posted anew
        assert again.thread_id == card.thread_id
        assert "Пётр" in again.text


async def taken_with_its_topic_deleted(team: Team, expert: int) -> tuple[int, EmMessage, int]:
    """A request taken by ``expert`` (a group admin), whose own topic they then delete.

    Returns the request, the brief and the deleted topic.
    """
    await team.expert(expert, "Пётр")
    await team.tg.promote(TEAM_CHAT_ID, expert)
    number = await team.request()
    await team.tg.press(expert, team.card(number), TakeButton(request=number).pack())
    brief = await team.tg.next_bot_message(expert)
    await team.settle(brief, expert)
    topics = team.tg.world.chat(TEAM_CHAT_ID).topics
    own = next(t.thread_id for t in topics.values() if t.name.startswith("🔧 #"))
    await team.tg.delete_topic(expert, TEAM_CHAT_ID, own)
    return number, brief, own


async def test_a_deleted_request_topic_is_opened_anew_at_the_next_move(
    make_team: Callable[..., Any],
) -> None:
    async with make_team(forum=True) as team:
        expert = 10
        number, brief, old = await taken_with_its_topic_deleted(team, expert)
        topics = team.tg.world.chat(TEAM_CHAT_ID).topics

        await team.tg.press(expert, brief, brief.callback_data_of("КП отправлено"))
        await team.settle(brief, expert)
        own = [t for t in topics.values() if f"#{number} ·" in t.name]
        assert len(own) == 1
        assert own[0].thread_id != old
        assert any(
            "КП отправлено" in m.text
            for m in team.tg.transcript(TEAM_CHAT_ID, thread_id=own[0].thread_id)
        )


async def test_a_queued_message_for_a_deleted_topic_reaches_the_group_itself(
    make_team: Callable[..., Any],
) -> None:
    async with make_team(forum=True) as team:
        number, _, own = await taken_with_its_topic_deleted(team, 10)
        async with team.repo() as repo:
            await team.bot.app.outbox.enqueue(
                repo,
                chat_id=TEAM_CHAT_ID,
                text=f"Заявка #{number}: срок этапа истёк",
                thread_id=own,
            )
        await team.bot.app.sender.drain_now()
        [sent] = [m for m in team.tg.transcript(TEAM_CHAT_ID) if "срок этапа истёк" in m.text]
        assert sent.thread_id is None  # the group's General topic
        async with team.repo() as repo:
            tracking = await repo.team.tracking(number)
        assert tracking is not None
        assert tracking.thread_id is None  # the next move opens the request a new topic


async def test_the_managers_hear_when_the_bot_loses_its_admin_rights_in_the_forum(
    make_team: Callable[..., Any],
) -> None:
    async with make_team(forum=True) as team:
        await team.person(20, "Босс", roles=[Role.MANAGER])
        await team.tg.demote(TEAM_CHAT_ID, team.tg.bot.id, by=ADMIN_ID)
        told = await team.tg.next_bot_message(20)
        assert "снял(а) с бота права администратора" in told.text
        assert "Управление темами" in told.text


async def test_the_managers_hear_once_a_day_when_the_forum_refuses_the_bot_a_topic(
    make_team: Callable[..., Any],
) -> None:
    async with make_team(forum=True) as team:
        await team.person(20, "Босс", roles=[Role.MANAGER])
        team.tg.fail_next("createForumTopic", count=2, kind="400")
        first, second = await team.request(post=False), await team.request(post=False)
        await team.bot.app.card_posting.post_waiting()
        assert team.card(first).thread_id is None  # in General, where everyone sees it
        assert team.card(second).thread_id is None
        told = await team.tg.next_bot_message(20)
        assert "не смог открыть тему" in told.text
        assert "Управление темами" in told.text
        third = await team.request(post=False)
        await team.bot.app.card_posting.post_waiting()
        assert team.card(third).thread_id is not None  # the topic opens now
        async with team.repo() as repo:
            queued = await repo.outbox.find(chat_id=20)
        assert [m.text for m in queued if "не смог открыть тему" in m.text] == [told.text]
