"""Every request reaches the team group, whatever Telegram or the group does meanwhile."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import make_url

from bot.settings import Settings
from domain.clock import ManualClock
from emulator import EmMessage, TelegramEmulator
from storage.models import Role, Stage
from storage.repositories.holder import Repositories
from tests.conftest import ADMIN_ID, TEAM_CHAT_ID
from tests.e2e.failures.conftest import stored_request
from tests.e2e.intake.flow import fill, open_form, scenario, submit
from tests.harness import Person, RunningBot
from tests.storage.fixtures import drop_postgres_database

ERP = scenario("it_erp")
MONDAY_9AM = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def cards(tg: TelegramEmulator, number: int) -> list[EmMessage]:
    return [
        message
        for message in tg.transcript(TEAM_CHAT_ID)
        if message.from_user_id == tg.bot.id and f"Заявка #{number} ·" in message.text
    ]


async def a_manager(running: RunningBot) -> None:
    """Ирина (``ADMIN_ID``) as a manager the bot knows, who hears what goes wrong."""
    async with running.app.session_factory() as session:
        repo = Repositories(session)
        await repo.users.upsert_from_telegram(
            user_id=ADMIN_ID,
            first_name="Ирина",
            last_name=None,
            username=None,
            language_code="ru",
        )
        await repo.users.grant_role(ADMIN_ID, Role.MANAGER)
        await session.commit()


async def test_a_card_refused_with_a_5xx_reaches_the_group_and_the_clock_runs_from_submission(
    bot: RunningBot, person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    anna = person(71, "Анна")
    summary, _ = await fill(anna, ERP, "ru", await open_form(anna, "it_erp"))
    tg.fail_next("sendMessage", 2, kind="5xx", chat_id=TEAM_CHAT_ID)
    number = await submit(anna, summary)
    card = await tg.wait_for(lambda: cards(tg, number), timeout=15, what="the card")
    await bot.app.card_posting.post_waiting()
    assert len(card) == 1
    assert [[b.text for b in row] for row in card[0].buttons] == [["✋ Беру"]]
    request = await stored_request(bot, number)
    assert request is not None
    assert request.team_message_id == card[0].message_id
    async with bot.app.session_factory() as session:
        tracking = await Repositories(session).team.tracking(number)
    assert tracking is not None
    assert tracking.waiting_since == request.created_at


async def test_a_group_that_refuses_the_card_is_explained_to_the_managers_and_posted_once_fixed(
    settings_for: Callable[..., Settings], person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    clock = ManualClock(MONDAY_9AM)
    await tg.leave(TEAM_CHAT_ID, tg.bot.id)
    async with RunningBot(settings_for(), clock=clock) as running:
        irina = person(ADMIN_ID, "Ирина")
        await a_manager(running)
        gone = await irina.reply(timeout=10)  # told as the bot starts and hears it left
        assert "Бота больше нет в группе команды" in gone.text
        anna = person(72, "Анна")
        summary, _ = await fill(anna, ERP, "ru", await open_form(anna, "it_erp"))
        number = await submit(anna, summary)
        notice = await irina.reply(timeout=10)
        assert f"Заявку #{number} не удаётся опубликовать" in notice.text
        assert "бота нет в группе" in notice.text
        queue = await irina.ask("/queue")
        assert f"#{number}" in queue.text
        assert "не в группе" in queue.text
        await tg.join(TEAM_CHAT_ID, tg.bot.id, by=ADMIN_ID)
        back = await irina.reply(timeout=10)
        assert "Бота добавили в группу команды" in back.text
        assert "Заявок ждало публикации: 1" in back.text
        # Posted at once, not at the next try ten minutes on.
        await tg.wait_for(lambda: cards(tg, number), timeout=10, what="the card")
        await running.app.card_posting.post_waiting()
        assert "не в группе" not in (await irina.ask("/queue")).text
        assert len([m for m in tg.bot_messages(ADMIN_ID) if "не удаётся" in m.text]) == 1


async def test_telegrams_words_for_a_refused_card_reach_the_managers_as_telegram_said_them(
    settings_for: Callable[..., Settings], person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    said = "Bad Request: can't parse entities: unsupported start tag <tg-x> & more"
    async with RunningBot(settings_for(), clock=ManualClock(MONDAY_9AM)) as running:
        irina = person(ADMIN_ID, "Ирина")
        await a_manager(running)
        anna = person(73, "Анна")
        summary, _ = await fill(anna, ERP, "ru", await open_form(anna, "it_erp"))
        tg.fail_next("sendMessage", kind="400", chat_id=TEAM_CHAT_ID, description=said)
        number = await submit(anna, summary)
        notice = await irina.reply(timeout=10)
    assert f"Заявку #{number} не удаётся опубликовать" in notice.text
    assert f"Telegram отвечает «{said}»" in notice.text


async def test_a_card_whose_request_closed_before_its_retry_is_not_posted(
    settings_for: Callable[..., Settings], person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    clock = ManualClock(MONDAY_9AM)
    async with RunningBot(settings_for(), clock=clock) as running:
        anna = person(73, "Анна")
        summary, _ = await fill(anna, ERP, "ru", await open_form(anna, "it_erp"))
        # A wait long enough in real time that only moving the clock makes the retry due.
        tg.fail_next("sendMessage", 1, kind="429", retry_after=60, chat_id=TEAM_CHAT_ID)
        closed = await submit(anna, summary)
        posting = running.app.card_posting
        refused = await tg.wait_for_call("sendMessage", lambda call: call.error_code == 429)
        assert int(refused.params["chat_id"]) == TEAM_CHAT_ID
        await posting.settled()  # the look that met the refusal is over: its retry recorded
        assert closed in posting._retries
        async with running.app.session_factory() as session:
            await Repositories(session, clock=clock).requests.set_stage(
                closed, Stage.LOST, clock.now()
            )
            await session.commit()
        clock.advance(seconds=61)  # the card's retry is due
        await posting.settled()  # a look since the move: the card posted or dropped
        assert closed not in posting._retries
        assert cards(tg, closed) == []


async def test_a_card_held_back_by_a_flood_wait_is_posted_while_the_bots_clock_stands_still(
    settings_for: Callable[..., Settings], person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    # Telegram's wait is in real seconds; the playground's clock moves only when told to.
    clock = ManualClock(MONDAY_9AM)
    async with RunningBot(settings_for(), clock=clock):
        anna = person(74, "Анна")
        summary, _ = await fill(anna, ERP, "ru", await open_form(anna, "it_erp"))
        tg.fail_next("sendMessage", 1, kind="429", retry_after=1, chat_id=TEAM_CHAT_ID)
        number = await submit(anna, summary)
        card = await tg.wait_for(lambda: cards(tg, number), timeout=10, what="the card")
        assert len(card) == 1
        assert clock.now() == MONDAY_9AM


async def test_a_team_group_upgraded_to_a_supergroup_is_told_to_the_managers_with_its_new_id(
    settings_for: Callable[..., Settings], person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    new_id = -100_2000_3000
    tg.add_group(TEAM_CHAT_ID, "Presale team", basic=True, bot_is_admin=True, creator=ADMIN_ID)
    clock = ManualClock(MONDAY_9AM)
    async with RunningBot(settings_for(), clock=clock) as running:
        irina = person(ADMIN_ID, "Ирина")
        await a_manager(running)
        await tg.upgrade_group(TEAM_CHAT_ID, new_id, by=ADMIN_ID)
        upgraded = await irina.reply(timeout=10)
        assert "стала супергруппой" in upgraded.text
        assert f"TEAM_CHAT_ID={new_id}" in upgraded.text

        # Until the setting follows, a card refused for it names the new id as well.
        anna = person(75, "Анна")
        summary, _ = await fill(anna, ERP, "ru", await open_form(anna, "it_erp"))
        number = await submit(anna, summary)
        refused = await irina.reply(timeout=10)
        assert f"Заявку #{number} не удаётся опубликовать" in refused.text
        assert f"TEAM_CHAT_ID={new_id}" in refused.text


async def test_the_managers_hear_at_once_that_the_bot_was_removed_from_the_team_group(
    settings_for: Callable[..., Settings], person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    async with RunningBot(settings_for()) as running:
        irina = person(ADMIN_ID, "Ирина")
        await a_manager(running)
        await tg.kick(TEAM_CHAT_ID, tg.bot.id, by=ADMIN_ID)
        removed = await irina.reply(timeout=10)
        assert "Ирина удалил(а) бота из группы команды" in removed.text
        assert "/queue" in removed.text


def posting_failures(caplog: pytest.LogCaptureFixture) -> int:
    return sum("event=team.card_posting_failed" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("backend", ["postgres"])
async def test_a_look_for_cards_that_meets_no_database_waits_before_the_next(
    database_url: str,
    settings_for: Callable[..., Settings],
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = ManualClock(MONDAY_9AM)
    async with RunningBot(settings_for(database_url=database_url), clock=clock) as running:
        posting = running.app.card_posting
        await posting.settled()  # the first look, with the database still there
        await drop_postgres_database(str(make_url(database_url).database))
        clock.advance(seconds=1)  # a move of the clock makes the next look a whole one
        await posting.settled()
        assert posting_failures(caplog) == 1
        # The next whole look is the lease's retry away (half a minute), not the loop's
        # next turn.
        assert posting._whole_look_at - time.monotonic() > 20


async def test_a_request_taken_before_the_group_became_a_supergroup_moves_on_and_its_card_follows(
    settings_for: Callable[..., Settings], person: Callable[..., Person], tg: TelegramEmulator
) -> None:
    new_id = -100_2000_3001
    tg.add_user(ADMIN_ID, "Ирина")
    tg.add_user(80, "Пётр")
    tg.add_group(
        TEAM_CHAT_ID,
        "Presale team",
        basic=True,
        bot_is_admin=True,
        creator=ADMIN_ID,
        members=[80],
    )
    async with RunningBot(settings_for()) as running:
        await a_manager(running)
        async with running.app.session_factory() as session:
            repo = Repositories(session)
            await repo.users.upsert_from_telegram(
                user_id=80, first_name="Пётр", last_name=None, username=None, language_code="ru"
            )
            await repo.users.grant_role(80, Role.EXPERT)
            await repo.users.set_tags(80, ["erp"])
            await session.commit()
        anna = person(76, "Анна")
        summary, _ = await fill(anna, ERP, "ru", await open_form(anna, "it_erp"))
        number = await submit(anna, summary)
        [card] = await tg.wait_for(lambda: cards(tg, number), timeout=10, what="the card")
        await tg.press(80, card, card.callback_data_of("Беру"))
        brief = await tg.wait_for(
            lambda: [m for m in tg.bot_messages(80) if m.buttons], what="the brief"
        )
        await tg.upgrade_group(TEAM_CHAT_ID, new_id, by=ADMIN_ID)

    async with RunningBot(settings_for(team_chat_id=new_id)) as running:
        answer = await tg.press(80, brief[-1], brief[-1].callback_data_of("КП отправлено"))
        assert answer is not None
        assert "пошло не так" not in (answer.text or "")
        moved = await tg.wait_for(
            lambda: [
                m
                for m in tg.transcript(new_id)
                if m.from_user_id == tg.bot.id and f"Заявка #{number} ·" in m.text
            ],
            timeout=10,
            what="the card posted again in the supergroup",
        )
        assert "КП отправлено" in moved[-1].text
        async with running.app.session_factory() as session:
            request = await Repositories(session).requests.get(number)
        assert request is not None
        assert request.stage == Stage.PROPOSAL_SENT
