"""The export's workbook writer: every kind of value read back by openpyxl as it was written."""

from __future__ import annotations

import math
import zipfile
from datetime import UTC, date, datetime
from enum import IntEnum, StrEnum
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.reporting.xlsx import MAX_ROWS, MAX_TEXT, XlsxWriter, column_letters


class Status(StrEnum):
    OPEN = "open"


class Weight(IntEnum):
    HEAVY = 3


def write(folder: Path, rows: dict[str, list[list[object]]]) -> Path:
    headers = {name: [f"{name} {n}" for n in range(1, 4)] for name in rows}
    writer = XlsxWriter(folder / "book.xlsx", headers)
    for name, sheet_rows in rows.items():
        writer.append(name, sheet_rows)
    return writer.close()


def test_column_names_run_from_a_to_z_then_on_with_two_and_three_letters() -> None:
    letters = column_letters(703)
    assert letters[:3] == ["A", "B", "C"]
    assert letters[25:28] == ["Z", "AA", "AB"]
    assert letters[701:] == ["ZZ", "AAA"]


def test_numbers_text_moments_days_and_flags_come_back_as_written(tmp_path: Path) -> None:
    moment = datetime(2026, 3, 2, 9, 30, 15)
    path = write(
        tmp_path,
        {
            "data": [
                [1, "ООО «Ромашка» & Co <b>", moment],
                [2.5, "  two lines\nkept  ", date(2026, 3, 2)],
                [True, Status.OPEN, 10**15],
                [Weight.HEAVY, None, None],
            ]
        },
    )
    sheet = load_workbook(path)["data"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [
        ("data 1", "data 2", "data 3"),
        (1, "ООО «Ромашка» & Co <b>", moment),
        (2.5, "  two lines\nkept  ", datetime(2026, 3, 2)),
        (True, "open", 10**15),
        (3, None, None),
    ]
    assert sheet["C2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["C3"].number_format == "yyyy-mm-dd"
    assert sheet["A1"].font.b
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"


def test_no_value_or_empty_text_leaves_its_cell_empty_and_the_next_in_its_own_column(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, {"data": [[None, "b", ""], ["", None, 3]]})
    sheet = load_workbook(path)["data"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)] == [
        [None, "b", None],
        [None, None, 3],
    ]


def test_what_xml_or_excel_cannot_hold_is_cleaned_not_fatal(tmp_path: Path) -> None:
    path = write(tmp_path, {"data": [["bell\x07 and nul\x00", "x" * (MAX_TEXT + 10), math.nan]]})
    (row,) = load_workbook(path)["data"].iter_rows(min_row=2, values_only=True)
    assert row[0] == "bell and nul"
    assert isinstance(row[1], str)
    assert len(row[1]) == MAX_TEXT
    assert row[1].endswith("…")
    assert row[2] == "nan"


def test_a_moment_with_a_time_zone_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="time zones"):
        write(tmp_path, {"data": [[datetime(2026, 3, 2, tzinfo=UTC)]]})


def test_sheets_keep_their_order_and_only_the_workbook_is_left(tmp_path: Path) -> None:
    path = write(tmp_path, {"requests": [[1]], "events": [[2]], "steps": []})
    assert load_workbook(path, read_only=True).sheetnames == ["requests", "events", "steps"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert "xl/styles.xml" in archive.namelist()


@pytest.mark.parametrize("name", ["", "a" * 32, "a/b", "[x]"])
def test_a_sheet_name_excel_would_refuse_is_refused_before_anything_is_written(
    tmp_path: Path, name: str
) -> None:
    with pytest.raises(ValueError, match="cannot name a sheet"):
        XlsxWriter(tmp_path / "book.xlsx", {"requests": ["a"], name: ["a"]})
    assert list(tmp_path.iterdir()) == []


def test_a_sheet_past_its_rows_goes_on_in_parts_each_with_the_header(tmp_path: Path) -> None:
    writer = XlsxWriter(
        tmp_path / "book.xlsx", {"requests": ["n"], "events": ["id", "kind"]}, max_rows=3
    )
    writer.append("events", [[1, "a"], [2, "b"], [3, "c"]])
    writer.append("requests", [[1]])
    writer.append("events", [[4, "d"], [5, "e"]])
    book = load_workbook(writer.close())
    assert book.sheetnames == ["requests", "events", "events (2)", "events (3)"]
    parts = [list(book[name].iter_rows(values_only=True)) for name in book.sheetnames[1:]]
    assert parts == [
        [("id", "kind"), (1, "a"), (2, "b")],
        [("id", "kind"), (3, "c"), (4, "d")],
        [("id", "kind"), (5, "e")],
    ]
    assert all(book[name].freeze_panes == "A2" for name in book.sheetnames)
    assert all(book[name]["A1"].font.b for name in book.sheetnames)


def test_excel_s_own_row_limit_is_the_default_and_no_more_is_allowed(tmp_path: Path) -> None:
    assert MAX_ROWS == 1_048_576
    with pytest.raises(ValueError, match="a sheet holds"):
        XlsxWriter(tmp_path / "book.xlsx", {"events": ["id"]}, max_rows=MAX_ROWS + 1)


@pytest.mark.parametrize("part_name", ["{sheet} / {number}", "{sheet}" + "x" * 30, "EVENTS"])
def test_a_part_name_excel_would_refuse_is_refused_before_anything_is_written(
    tmp_path: Path, part_name: str
) -> None:
    with pytest.raises(ValueError, match="cannot name"):
        XlsxWriter(tmp_path / "book.xlsx", {"events": ["id"]}, part_name=part_name)
    assert list(tmp_path.iterdir()) == []
