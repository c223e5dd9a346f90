"""/report: a manager picks a form and a period and gets the numbers, tables and charts."""

from __future__ import annotations

from datetime import timedelta

from aiogram.types import Message

from storage.models import Role, Stage
from tests.e2e.reports.conftest import png_size, settle_stage, upcoming
from tests.e2e.team.conftest import Team
from tests.e2e.team.test_lifecycle import take

MANAGER = 20


async def three_requests(team: Team) -> None:
    """#1 taken after 30 min and won, #2 taken after an hour and lost, #3 waiting."""
    await team.expert(10, "Пётр")
    await team.expert(11, "Ольга")
    first = await team.request()
    second = await team.request()
    await team.request()
    team.clock.advance(minutes=30)
    await take(team, 10, first)
    team.clock.advance(minutes=30)
    await take(team, 11, second)
    # Under two hours in all, so #3's claim limit does not run out and escalate.
    await settle_stage(team, first, 10, Stage.TAKEN, Stage.WON, after=timedelta(minutes=20))
    await settle_stage(
        team, second, 11, Stage.TAKEN, Stage.LOST, after=timedelta(minutes=20), reason="цена"
    )


async def test_a_manager_gets_text_tables_and_four_charts_for_a_form_and_a_week(
    team: Team,
) -> None:
    await three_requests(team)
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    await team.tg.send_message(MANAGER, "/report")
    menu = await team.tg.next_bot_message(MANAGER)
    assert "Отчёт" in menu.text
    await team.tg.press(MANAGER, menu, menu.callback_data_of("Внедрение ИТ / ERP"))
    await team.settle(menu, MANAGER)
    menu = team.tg.world.chats[MANAGER].messages[menu.message_id]
    assert menu.callback_data_of("✅ Внедрение ИТ / ERP")
    await team.tg.press(MANAGER, menu, menu.callback_data_of("Эта неделя"))
    text, tables, *charts = await upcoming(team.tg, MANAGER, 6)

    assert "Внедрение ИТ / ERP" in text.text
    assert "Заявок: 3 · взято: 2 · выиграно: 1 · проиграно: 1 · мусор: 0" in text.text
    assert "Доля побед: 50%" in text.text
    assert "медиана 45 мин" in text.text  # (30 + 60) / 2

    rich = Message.model_validate(tables.raw).rich_message
    assert rich is not None
    funnel = rich.blocks[1]
    rows = [[cell.text for cell in row] for row in funnel.cells]  # type: ignore[union-attr]
    assert rows[0][:2] == ["Этап", "Дошло"]
    assert rows[1][:2] == ["новая", "3"]
    assert rows[2][:4] == ["взята", "2", "67%", "67%"]
    assert rows[-1][:5] == ["выиграна", "1", "100%", "33%", "25%"]
    assert "Проиграно — цена: 1" in tables.html

    assert len(charts) == 4
    assert len({chart.raw["media_group_id"] for chart in charts}) == 1
    for chart in charts:
        assert png_size(chart.document_bytes) == (800, 450)
        assert 5_000 < len(chart.document_bytes or b"") < 500_000


async def test_dates_typed_after_the_command_give_the_report_for_those_days(team: Team) -> None:
    await three_requests(team)
    await team.person(MANAGER, "Mary", roles=[Role.MANAGER], member=False, language_code="en")
    await team.tg.send_message(MANAGER, "/report 2026-03-02 2026-03-02")
    text, _, *charts = await upcoming(team.tg, MANAGER, 6)
    assert "Requests: 3 · taken: 2 · won: 1" in text.text
    assert "Mar 2, 2026" in text.text
    assert len(charts) == 4


async def test_a_period_without_requests_still_answers_with_zeros(team: Team) -> None:
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    await team.tg.send_message(MANAGER, "/report 01.01.2026 31.01.2026")
    text, _, *charts = await upcoming(team.tg, MANAGER, 6)
    assert "Заявок: 0" in text.text
    assert all(png_size(chart.document_bytes) == (800, 450) for chart in charts)


async def test_an_expert_is_refused_a_report(team: Team) -> None:
    await team.expert(10, "Пётр")
    answer = await team.tg.send_message(10, "/report")
    assert answer is not None
    reply = await team.tg.next_bot_message(10)
    assert reply.text == "Отчёты доступны руководителям и администраторам."


async def test_bad_dates_are_explained(team: Team) -> None:
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    await team.tg.send_message(MANAGER, "/report вчера")
    reply = await team.tg.next_bot_message(MANAGER)
    assert "две даты" in reply.text


async def test_dates_at_the_ends_of_the_calendar_are_explained_as_bad_dates(team: Team) -> None:
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    for dates in ("01.01.0001 02.01.0001", "05.01.0001 06.01.0001", "30.12.9999 31.12.9999"):
        await team.tg.send_message(MANAGER, f"/report {dates}")
        reply = await team.tg.next_bot_message(MANAGER)
        assert "две даты" in reply.text, dates


async def test_a_source_narrows_the_report_to_the_requests_it_brought(team: Team) -> None:
    await team.request(answers={"company_name": "Сайт", "lead_source": "website"})
    await team.request(answers={"company_name": "Партнёр", "lead_source": "partner"})
    await team.request()
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    await team.tg.send_message(MANAGER, "/report")
    menu = await team.tg.next_bot_message(MANAGER)
    for choice in ("Внедрение ИТ / ERP", "Заявка с сайта"):
        await team.tg.press(MANAGER, menu, menu.callback_data_of(choice))
        await team.settle(menu, MANAGER)
        menu = team.tg.world.chats[MANAGER].messages[menu.message_id]
    assert menu.callback_data_of("✅ Заявка с сайта")
    await team.tg.press(MANAGER, menu, menu.callback_data_of("Эта неделя"))
    text, *_ = await upcoming(team.tg, MANAGER, 6)
    assert "Внедрение ИТ / ERP · Заявка с сайта" in text.text
    assert "Заявок: 1 ·" in text.text


async def test_estimators_and_closers_are_read_from_the_event_log(team: Team) -> None:
    """The events the estimator's and the closer's buttons write, as the report reads them."""
    await team.expert(10, "Пётр")
    await team.person(30, "Ева", roles=[Role.ESTIMATOR], member=False)
    await team.person(40, "Кир", roles=[Role.CLOSER], member=False)
    won = await team.request()
    await take(team, 10, won)
    async with team.repo() as repo:
        log = repo.events.add
        due = "2026-03-03T09:00:00+00:00"
        await log(
            kind="estimate.requested",
            actor_id=10,
            request_id=won,
            data={"estimate_id": 1, "estimator_id": 30, "due_at": due},
        )
        await log(
            kind="estimate.delivered",
            actor_id=30,
            request_id=won,
            data={"estimate_id": 1, "on_time": True, "summary": "3 месяца"},
        )
        await log(
            kind="estimate.rework_requested",
            actor_id=10,
            request_id=won,
            data={"estimate_id": 1, "reason": "без интеграции"},
        )
        await log(
            kind="closer.called",
            actor_id=10,
            request_id=won,
            data={"closer_id": 40, "note": "нужен директор"},
        )
        await log(kind="closer.joined", actor_id=40, request_id=won)
    await settle_stage(team, won, 10, Stage.TAKEN, Stage.WON, after=timedelta(minutes=5))
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    await team.tg.send_message(MANAGER, "/report 02.03.2026 02.03.2026")
    _, tables, *_ = await upcoming(team.tg, MANAGER, 6)
    assert "Оценщики\nКто | Оценок | В срок | Доработок\nЕва | 1 | 100% | 1" in tables.html
    assert "Закрывающие\nКто | Позвали | Подключился | Выиграно\nКир | 1 | 1 | 1" in tables.html


async def test_a_typed_lost_reason_reads_in_the_tables_as_it_was_typed(team: Team) -> None:
    """The tables are a rich message, plain text: no HTML escapes shown to the reader."""
    await team.expert(10, "Пётр")
    lost = await team.request()
    await take(team, 10, lost)
    await settle_stage(
        team, lost, 10, Stage.TAKEN, Stage.LOST, after=timedelta(minutes=5), reason="R&D <b>"
    )
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    await team.tg.send_message(MANAGER, "/report 02.03.2026 02.03.2026")
    _, tables, *_ = await upcoming(team.tg, MANAGER, 6)
    rich = Message.model_validate(tables.raw).rich_message
    assert rich is not None
    assert rich.blocks[-1].text == "Проиграно — R&D <b>: 1"  # type: ignore[union-attr]


async def test_a_quarter_of_long_typed_reasons_still_brings_the_tables_and_charts(
    team: Team,
) -> None:
    """Seventy reasons of 400 characters would pass a rich message's 32,768: the most
    frequent ten are listed, and how many more there are."""
    for index in range(70):
        number = await team.request(post=False)
        async with team.repo() as repo:
            reason = f"{index:02} " + "причина " * 50
            await repo.requests.set_stage(number, Stage.LOST, team.clock.now(), lost_reason=reason)
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    await team.tg.send_message(MANAGER, "/report 02.03.2026 02.03.2026")
    _, tables, *charts = await upcoming(team.tg, MANAGER, 6)
    rich = Message.model_validate(tables.raw).rich_message
    assert rich is not None
    reasons = rich.blocks[-1].text.split("\n")  # type: ignore[union-attr]
    assert len(reasons) == 11
    assert reasons[-1] == "…и ещё 60 причин"
    assert len(charts) == 4


async def test_an_expert_named_with_dollar_signs_is_drawn_as_named(team: Team) -> None:
    """A name is not mathtext: "Cash$$Maker" once made the charts, and the report, fail."""
    await team.expert(10, "Cash$$Maker")
    await take(team, 10, await team.request())
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    await team.tg.send_message(MANAGER, "/report 02.03.2026 02.03.2026")
    _, _, *charts = await upcoming(team.tg, MANAGER, 6)
    assert len(charts) == 4
    assert all(png_size(chart.document_bytes) == (800, 450) for chart in charts)


async def test_a_pressed_report_that_telegram_refuses_halfway_is_said_to_have_failed(
    team: Team,
) -> None:
    """The press was answered "building…" already: the manager must not wait for nothing."""
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    await team.tg.send_message(MANAGER, "/report")
    menu = await team.tg.next_bot_message(MANAGER)
    team.tg.fail_next("sendRichMessage", kind="400")
    answer = await team.tg.press(MANAGER, menu, menu.callback_data_of("Эта неделя"))
    assert answer is not None
    assert answer.text == "Собираю отчёт…"
    headline, failed = await upcoming(team.tg, MANAGER, 2)
    assert "Заявок: 0" in headline.text
    assert "Отчёт не удалось отправить целиком" in failed.text


async def test_a_report_telegram_fails_halfway_sends_only_its_missing_parts_when_tried_again(
    team: Team,
) -> None:
    """A request submitted while the update waits must not make the headline go out twice."""
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    await team.tg.send_message(MANAGER, "/report")
    menu = await team.tg.next_bot_message(MANAGER)
    # More 5xx than a call is retried in place: the whole update is handled again.
    team.tg.fail_next("sendRichMessage", 4, kind="5xx", chat_id=MANAGER)
    await team.tg.press(MANAGER, menu, menu.callback_data_of("Эта неделя"))
    await team.tg.wait_for(
        lambda: team.tg.calls_of("sendRichMessage") or None, what="the tables refused"
    )
    await team.request()
    headline, tables, *charts = await upcoming(team.tg, MANAGER, 6)
    await team.bot.app.poller.drain()

    assert "Заявок: 0" in headline.text
    assert "rich_message" in tables.raw
    assert len(charts) == 4
    assert len(team.tg.bot_messages(MANAGER)) == 1 + 6  # the menu, then the report once
    assert [call.ok for call in team.tg.calls_of("sendRichMessage")] == [False] * 4 + [True]
