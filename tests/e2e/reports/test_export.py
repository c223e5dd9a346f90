"""/export: the workbook checked cell by cell, the CSV zip, and progress for a large one."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import datetime
from typing import Any

from openpyxl import load_workbook

from emulator import EmMessage
from storage.models import Role
from storage.repositories.requests import NewAnswer
from tests.e2e.reports.test_report import MANAGER, three_requests
from tests.e2e.team.conftest import AUTHOR_ID, Team
from tests.e2e.team.test_answers import request_from_dialog


async def document(team: Team, chat_id: int) -> EmMessage:
    """The next file the bot sends to the chat, skipping its other messages.

    The file is built by a worker process at the lowest CPU priority, which a busy machine
    may starve for a while: the wait is long, and ends as soon as the file comes.
    """
    while True:
        message = await team.tg.next_bot_message(chat_id, timeout=60)
        if "document" in message.raw:
            return message


async def export(team: Team, *choices: str) -> EmMessage:
    """Open /export as the manager, press the ``choices`` and then "Этот месяц"."""
    await team.tg.send_message(MANAGER, "/export")
    menu = await team.tg.next_bot_message(MANAGER)
    for choice in choices:
        await team.tg.press(MANAGER, menu, menu.callback_data_of(choice))
        await team.settle(menu, MANAGER)
        menu = team.tg.world.chats[MANAGER].messages[menu.message_id]
    await team.tg.press(MANAGER, menu, menu.callback_data_of("Этот месяц"))
    return await document(team, MANAGER)


async def test_the_workbook_has_a_row_per_request_with_every_answer_in_its_column(
    team: Team,
) -> None:
    await three_requests(team)
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    sent = await export(team, "Внедрение ИТ / ERP")
    assert sent.raw["document"]["file_name"] == "export-2026-03-01-2026-03-31.xlsx"
    book = load_workbook(io.BytesIO(sent.document_bytes or b""), read_only=True)
    assert book.sheetnames == ["requests", "events", "steps", "meetings"]
    rows = list(book["requests"].iter_rows(values_only=True))
    assert rows[0][:10] == (
        "Номер",
        "Форма",
        "Подана",
        "Этап",
        "Этап с",
        "Ответственный",
        "Автор",
        "Источник",
        "Приоритет",
        "Минут до взятия",
    )
    assert rows[0][10:12] == ("Компания", "Отрасль")
    assert len(rows) == 4
    first = rows[1]
    assert first[:10] == (
        1,
        "it_erp",
        datetime(2026, 3, 2, 9, 0),
        "выиграна",
        datetime(2026, 3, 2, 10, 20),
        "Пётр",
        "Анна",
        None,
        "normal",
        30,
    )
    assert first[10:12] == ("ООО «Ромашка» & Co", "Строительство <b>жилья</b>")
    # #3: no owner, never claimed.
    assert rows[3][5] is None
    assert rows[3][9] is None
    events = list(book["events"].iter_rows(values_only=True))
    assert [row[2] for row in events[1:] if row[3] == 1] == [
        "request.posted",
        "request.taken",
        "request.stage_changed",
    ]
    assert events[1][4] is None or isinstance(events[1][4], str)


async def test_an_english_authors_answers_are_exported_in_the_russian_managers_language(
    team: Team,
) -> None:
    """A column reads in one language, whoever filled the form: the one who asked for it."""
    await request_from_dialog(team, 600, "John", "en")
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    sent = await export(team, "Внедрение ИТ / ERP")
    book = load_workbook(io.BytesIO(sent.document_bytes or b""), read_only=True)
    header, row = list(book["requests"].iter_rows(values_only=True))
    cells = dict(zip(header, row, strict=True))

    assert cells["Источник"] == "Заявка с сайта"
    assert cells["Размер компании"] == "до 15 человек"
    assert cells["ЛПР известен"] == "Да"
    assert cells["Пользователей"] == "1\xa0500"
    assert cells["Бюджет"] == "1\xa0500\xa0000 ₽"
    assert cells["Срок"] == "3 марта 2026\u202fг."
    assert cells["Компания"] == "Northwind LLC"  # typed text stays as typed


async def test_a_date_and_time_answer_is_exported_as_plain_text_on_the_managers_clock(
    team: Team,
) -> None:
    """Not the Telegram entity the card carries: a cell shows its text as it is."""
    async with team.repo() as repo:
        await repo.requests.create(
            scenario_id="workshop_parts",
            scenario_version=1,
            author_id=AUTHOR_ID,
            answers=[
                NewAnswer(field_id="request_kind", value="repair", display="Repair or rebuild"),
                NewAnswer(
                    field_id="service_visit",
                    value="2026-03-05T12:00:00+00:00",
                    display="Mar 5, 2026, 12:00 PM",
                ),
            ],
        )
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    async with team.repo() as repo:
        await repo.users.set_time_zone(MANAGER, "Asia/Yekaterinburg")
    sent = await export(team, "Запчасти и сервис", "CSV в zip")
    archive = zipfile.ZipFile(io.BytesIO(sent.document_bytes or b""))
    text = archive.read("requests.csv").decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    cells = dict(zip(header, row, strict=True))

    assert cells["Визит на сервис"] == "5 мар. 2026\u202fг., 17:00"
    assert cells["Что нужно"] == "Ремонт или восстановление"
    assert "tg-time" not in text
    assert "&" not in text  # no HTML escaping either


async def test_csv_files_come_zipped_one_per_sheet(team: Team) -> None:
    await three_requests(team)
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    sent = await export(team, "CSV в zip")
    assert sent.raw["document"]["file_name"].endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(sent.document_bytes or b""))
    assert sorted(archive.namelist()) == [
        "events.csv",
        "meetings.csv",
        "requests.csv",
        "steps.csv",
    ]
    text = archive.read("requests.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Номер", "Форма"]
    # All forms: each answer column names its form.
    assert "Компания (it_erp)" in rows[0]
    assert rows[1][:5] == ["1", "it_erp", "2026-03-02 09:00:00", "выиграна", "2026-03-02 10:20:00"]
    assert rows[2][9] == "60"


async def test_a_csv_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(
    team: Team,
) -> None:
    """Answers are typed by anyone who submits: in CSV, "=..." must not become a formula."""
    link = '=HYPERLINK("https://evil.example","Открыть")'
    await team.request(answers={"company_name": link, "industry": "+7 999 123-45-67"})
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    sent = await export(team, "Внедрение ИТ / ERP", "CSV в zip")
    archive = zipfile.ZipFile(io.BytesIO(sent.document_bytes or b""))
    rows = list(csv.reader(io.StringIO(archive.read("requests.csv").decode("utf-8-sig"))))
    assert rows[1][10:12] == ["'" + link, "'+7 999 123-45-67"]
    assert rows[1][1] == "it_erp"


async def test_a_large_export_edits_one_progress_message_as_it_goes(team: Team) -> None:
    team.bot.app.exports.chunk = 2
    team.bot.app.exports.progress_every = 2
    for _ in range(5):
        await team.request()
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    sent = await export(team)
    progress = next(
        message
        for message in team.tg.transcript(MANAGER)
        if message.history and "Выгрузка готова" in message.text
    )
    seen = [raw["text"] for raw in progress.history] + [progress.text]
    assert seen == [
        "📤 Готовлю выгрузку…",
        "📤 Выгружено 2 из 5 заявок…",
        "📤 Выгружено 4 из 5 заявок…",
        "✅ Выгрузка готова.",
    ]
    book = load_workbook(io.BytesIO(sent.document_bytes or b""), read_only=True)
    assert len(list(book["requests"].iter_rows(values_only=True))) == 6


async def test_a_sheet_longer_than_excel_opens_goes_on_in_parts_with_nothing_lost(
    team: Team,
) -> None:
    """Excel refuses a sheet of more rows than it has: the rest go on sheets of their own."""
    team.bot.app.exports.sheet_rows = 3  # the header and two rows, as if Excel had no more
    await three_requests(team)
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    async with team.repo() as repo:
        logged = [
            event.id for number in (1, 2, 3) for event in await repo.events.for_request(number)
        ]
    sent = await export(team)
    book = load_workbook(io.BytesIO(sent.document_bytes or b""), read_only=True)
    parts = -(-len(logged) // 2)
    assert parts >= 3
    assert book.sheetnames == [
        "requests",
        "requests (2)",
        "events",
        *(f"events ({number})" for number in range(2, parts + 1)),
        "steps",
        "meetings",
    ]
    sheets = {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}
    assert sheets["requests"][0] == sheets["requests (2)"][0]
    assert [row[0] for row in sheets["requests"][1:] + sheets["requests (2)"][1:]] == [1, 2, 3]
    events = [rows for name, rows in sheets.items() if name.startswith("events")]
    assert all(rows[0] == ("Id", "Когда", "Событие", "Заявка", "Кто", "Данные") for rows in events)
    assert [row[0] for rows in events for row in rows[1:]] == sorted(logged)


async def test_an_export_cut_short_by_a_stopping_bot_tells_the_manager_to_ask_again(
    make_team: Callable[..., Any],
) -> None:
    """The file never comes: "preparing…" must not stay on screen as if it still might."""
    async with make_team() as team:
        await team.request()
        await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
        team.tg.fail_next("sendDocument", kind="timeout")  # held until the bot gives up
        await team.tg.send_message(MANAGER, "/export")
        menu = await team.tg.next_bot_message(MANAGER)
        await team.tg.press(MANAGER, menu, menu.callback_data_of("Этот месяц"))
        progress = await team.tg.wait_for(
            lambda: next(
                (m for m in team.tg.transcript(MANAGER) if "Выгрузка готова" in m.text), None
            ),
            what="the export's file on its way",
        )
    assert progress.text == "⚠️ Выгрузка прервана: бот перезапускался. Запустите /export ещё раз."
    assert not [m for m in team.tg.transcript(MANAGER) if "document" in m.raw]


async def test_a_period_pressed_again_while_the_export_is_built_is_told_to_wait_for_it(
    team: Team,
) -> None:
    await team.request()
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    await team.tg.send_message(MANAGER, "/export")
    menu = await team.tg.next_bot_message(MANAGER)
    # The first export's "preparing…" is shown, and its answer held: it is still running.
    team.tg.fail_next("sendMessage", kind="slow", hold=60, chat_id=MANAGER)
    first = await team.tg.press(MANAGER, menu, menu.callback_data_of("Этот месяц"))
    again = await team.tg.press(MANAGER, menu, menu.callback_data_of("Этот месяц"))
    team.tg.release_held()
    await document(team, MANAGER)

    assert first is not None
    assert first.text == "Готовлю файл, прогресс — в чате."
    assert again is not None
    assert again.text == (
        "⏳ Предыдущая выгрузка ещё готовится: файл придёт в этот чат, следующую можно "
        "запустить после него."
    )


async def test_an_expert_is_refused_an_export(team: Team) -> None:
    await team.expert(10, "Пётр")
    await team.tg.send_message(10, "/export")
    reply = await team.tg.next_bot_message(10)
    assert reply.text == "Выгрузка доступна руководителям и администраторам."


async def test_dates_at_the_ends_of_the_calendar_are_explained_for_an_export(team: Team) -> None:
    await team.person(MANAGER, "Мария", roles=[Role.MANAGER], member=False)
    for dates in ("01.01.0001 02.01.0001", "30.12.9999 31.12.9999"):
        await team.tg.send_message(MANAGER, f"/export {dates}")
        reply = await team.tg.next_bot_message(MANAGER)
        assert "две даты" in reply.text, dates
