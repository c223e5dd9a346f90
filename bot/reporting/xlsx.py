"""An XLSX workbook of plain values, written row by row with memory that stays flat.

An export of 100,000 requests is millions of cells. openpyxl's write-only mode, which the
export used first, builds a cell object per value and serializes it element by element:
about 10 µs a cell on the benchmark's machine, two thirds of the export's time. An export
holds only numbers, text, moments and empty cells, none of what openpyxl's generality is
for, so each row is written here as one string, under a microsecond a cell, into a
temporary file per sheet; ``close`` zips the sheets with the few parts a workbook needs
(content types, relationships, the workbook, the styles). The tests read every file back
with openpyxl, cell by cell.

Text is written inline (no shared-strings table, which would grow in memory with every
distinct value), stripped of the control characters XML 1.0 cannot hold and cut to
Excel's 32,767 characters a cell; empty text is an empty cell. Moments are spreadsheet
serial numbers with a date format, as Excel stores them; they must be wall-clock times
already (no time zone).

A sheet holds at most Excel's 1,048,576 rows; Excel refuses a file with more. A sheet that
would pass them continues on sheets of its own (``events (2)``, ...), each starting with
the header row again, so nothing is lost and every part opens.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

MAX_SHEET_NAME = 31
_SHEET_NAME_REFUSES = frozenset("[]:*?/\\")
"""Excel's rules for a sheet's name."""

MAX_TEXT = 32_767
"""The most characters Excel keeps in a cell."""

MAX_ROWS = 1_048_576
"""The most rows Excel opens in a sheet, the header row among them."""

PART_NAME = "{sheet} ({number})"
"""How a sheet's continuation is named: ``{sheet}`` is the first part's name, ``{number}``
the part's, from 2."""

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot carry, even escaped (tab, newline and return it can)."""

_EPOCH = datetime(1899, 12, 30)
_DAY = timedelta(days=1)

# Cell styles, by their index in styles.xml's cellXfs.
_MOMENT_STYLE = 1
_DAY_STYLE = 2
_HEADER_STYLE = 3

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/>\
<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

# The header row stays in view while scrolling.
SHEET_START = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0">\
<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
</sheetView></sheetViews><sheetData>"""
SHEET_END = "</sheetData></worksheet>"


def column_letters(count: int) -> list[str]:
    """``A``, ``B``, ... ``Z``, ``AA``, ...: the names of the first ``count`` columns."""
    letters = []
    for number in range(1, count + 1):
        name = ""
        while number:
            number, rest = divmod(number - 1, 26)
            name = chr(ord("A") + rest) + name
        letters.append(name)
    return letters


def _text(value: str) -> str:
    if not value.isprintable():  # cheap in C; only then the slower look for what XML refuses
        value = _ILLEGAL.sub("", value)
    if len(value) > MAX_TEXT:
        value = value[: MAX_TEXT - 1] + "…"
    return f' t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def _number(value: float) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return _text(str(value))  # a spreadsheet has no NaN or infinity
    return f"><v>{value!r}</v></c>"


def _moment(value: datetime) -> str:
    if value.tzinfo is not None:
        raise ValueError("a spreadsheet keeps no time zones: pass wall-clock times")
    return f' s="{_MOMENT_STYLE}"><v>{(value - _EPOCH) / _DAY!r}</v></c>'


def _day(value: date) -> str:
    return f' s="{_DAY_STYLE}"><v>{(value - _EPOCH.date()).days}</v></c>'


def _flag(value: bool) -> str:
    return f' t="b"><v>{int(value)}</v></c>'


_CELL: dict[type, Callable[[Any], str]] = {
    str: _text,
    int: _number,
    float: _number,
    datetime: _moment,
    date: _day,
    bool: _flag,
}
"""The rest of a cell after ``<c r="..."``, by the value's exact type (the fast path)."""


def _cell(value: Any) -> str:
    """A value of a type outside ``_CELL``: a subclass (a ``StrEnum``) or anything else.

    A subclass of a number or of text is written as its plain value: an ``IntEnum``'s
    ``repr`` is not a number.
    """
    for moment in (datetime, date):  # datetime first: it is a date too
        if isinstance(value, moment):
            return _CELL[moment](value)
    for plain in (int, float, str):  # bool cannot be subclassed, so it is never here
        if isinstance(value, plain):
            return _CELL[plain](plain(value))
    return _text(str(value))


class _Sheet:
    """One worksheet's XML, streamed to a file of its own until the workbook is zipped."""

    def __init__(self, path: Path, name: str, width: int) -> None:
        self.path = path
        self.name = name
        self._file: IO[str] = path.open("w", encoding="utf-8")
        self._file.write(SHEET_START)
        self._letters = column_letters(width)
        self.rows = 0

    def write(self, rows: Sequence[Sequence[Any]], style: int | None = None) -> None:
        letters, cell_of, lines = self._letters, _CELL.get, []
        styled = f' s="{style}"' if style is not None else ""
        for row in rows:
            self.rows += 1
            number = self.rows
            if len(row) > len(letters):
                letters = self._letters = column_letters(len(row))
            cells = []
            for letter, value in zip(letters, row, strict=False):
                if value is None or value == "":
                    continue  # an empty cell, as spreadsheets store nothing
                rest = (cell_of(type(value)) or _cell)(value)
                cells.append(f'<c r="{letter}{number}"{styled}{rest}')
            lines.append(f'<row r="{number}">{"".join(cells)}</row>')
        self._file.write("".join(lines))

    def close(self) -> None:
        self._file.write(SHEET_END)
        self._file.close()


def _check_name(name: str, taken: Iterable[str]) -> None:
    """Refuse a name Excel would refuse: badly formed, or another sheet's in any case."""
    if not name or len(name) > MAX_SHEET_NAME or _SHEET_NAME_REFUSES & set(name):
        raise ValueError(f"Excel cannot name a sheet {name!r}")
    if name.casefold() in {other.casefold() for other in taken}:
        raise ValueError(f"Excel cannot name two sheets {name!r}")


class XlsxWriter:
    """A workbook of named sheets, each starting with a bold header row.

    Rows go to any sheet in any order; ``close`` writes the file at ``path``. The sheets'
    XML waits in files beside it (``<sheet>.xml``), so its folder should be the caller's
    own temporary one. A sheet holds ``max_rows`` rows at most, its header among them;
    the rest go on to parts named by ``part_name`` (see :data:`PART_NAME`).
    """

    def __init__(
        self,
        path: Path,
        headers: dict[str, list[str]],
        *,
        max_rows: int = MAX_ROWS,
        part_name: str = PART_NAME,
    ) -> None:
        if not 1 < max_rows <= MAX_ROWS:
            raise ValueError(f"a sheet holds its header and 1 to {MAX_ROWS - 1:,} rows")
        self._path = path
        self._headers = headers
        self._max_rows = max_rows
        self._part_name = part_name
        names: list[str] = []
        for name in headers:
            _check_name(name, names)
            names.append(name)
        for name in headers:  # a bad part name is found before anything is written
            _check_name(self._name_of(name, 2), names)
        self._parts: dict[str, list[_Sheet]] = {name: [self._open(name, name)] for name in headers}

    def _name_of(self, sheet: str, number: int) -> str:
        return self._part_name.format(sheet=sheet, number=number)

    def _open(self, sheet: str, name: str) -> _Sheet:
        part = _Sheet(self._path.with_name(f"{name}.xml"), name, len(self._headers[sheet]))
        part.write([self._headers[sheet]], style=_HEADER_STYLE)
        return part

    def append(self, sheet: str, rows: Sequence[Sequence[Any]]) -> None:
        parts = self._parts[sheet]
        while rows:
            room = self._max_rows - parts[-1].rows
            if room == 0:
                name = self._name_of(sheet, len(parts) + 1)
                _check_name(name, (part.name for other in self._parts.values() for part in other))
                parts.append(self._open(sheet, name))
                continue
            parts[-1].write(rows[:room])
            rows = rows[room:]

    def close(self) -> Path:
        sheets = [part for parts in self._parts.values() for part in parts]
        names = [sheet.name for sheet in sheets]
        with zipfile.ZipFile(self._path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", _content_types(len(names)))
            archive.writestr("_rels/.rels", _package_relationships())
            archive.writestr("xl/workbook.xml", _workbook(names))
            archive.writestr("xl/_rels/workbook.xml.rels", _workbook_relationships(len(names)))
            archive.writestr("xl/styles.xml", STYLES)
            for number, sheet in enumerate(sheets, 1):
                sheet.close()
                archive.write(sheet.path, arcname=f"xl/worksheets/sheet{number}.xml")
                sheet.path.unlink()
        return self._path


def _content_types(sheets: int) -> str:
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{number}.xml" '
        f'ContentType="{CONTENT}.worksheet+xml"/>'
        for number in range(1, sheets + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{CONTENT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{CONTENT}.styles+xml"/>'
        f"{overrides}</Types>"
    )


def _package_relationships() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )


def _workbook(names: list[str]) -> str:
    sheets = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{number}" r:id="rId{number}"/>'
        for number, name in enumerate(names, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>{sheets}</sheets></workbook>'
    )


def _workbook_relationships(sheets: int) -> str:
    parts = [
        f'<Relationship Id="rId{number}" Type="{RELATIONSHIPS}/worksheet" '
        f'Target="worksheets/sheet{number}.xml"/>'
        for number in range(1, sheets + 1)
    ]
    parts.append(
        f'<Relationship Id="rId{sheets + 1}" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{"".join(parts)}</Relationships>'
    )
