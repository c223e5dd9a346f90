"""Export sheets: their headers, the rows of a chunk of requests, and the files they go to.

Pure writing, no Telegram and no database: used by the export's worker process
(:mod:`bot.reporting.export_worker`). The workbook's own format is in
:mod:`bot.reporting.xlsx`; both writers stream each sheet to a temporary file, so memory
stays flat whatever the size.
"""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.reporting.answer_cells import AnswerCells
from domain.stages import Stage
from scenarios.loader import ScenarioCatalog
from scenarios.schema import FormField, localized
from storage.repositories.exports import RequestChunk

SHEETS = ("requests", "events", "steps", "meetings")


class ExportFormat(StrEnum):
    """An Excel workbook, or one CSV file per sheet in a zip."""

    XLSX = "xlsx"
    CSV = "csv"


class SheetWriter(Protocol):
    """Rows go to named sheets in any order; ``close`` leaves the finished file."""

    def append(self, sheet: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def close(self) -> Path: ...


class CsvZipWriter:
    """One CSV file per sheet (UTF-8 with a BOM, so Excel reads Cyrillic), zipped at the end."""

    def __init__(self, path: Path, headers: dict[str, list[str]]) -> None:
        self._path = path
        self._files = {name: path.with_name(f"{name}.csv") for name in headers}
        self._handles = {
            name: file.open("w", encoding="utf-8-sig", newline="")
            for name, file in self._files.items()
        }
        self._writers = {name: csv.writer(handle) for name, handle in self._handles.items()}
        for name, header in headers.items():
            self._writers[name].writerow(header)

    def append(self, sheet: str, rows: Sequence[Sequence[Any]]) -> None:
        self._writers[sheet].writerows([[_csv_value(value) for value in row] for row in rows])

    def close(self) -> Path:
        for handle in self._handles.values():
            handle.close()
        with zipfile.ZipFile(self._path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, file in self._files.items():
                archive.write(file, arcname=f"{name}.csv")
        return self._path


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet opening a CSV file read a cell as a formula to run."""


def _csv_value(value: Any) -> Any:
    """A moment as text; a text that a spreadsheet would run as a formula, behind an ``'``.

    Answers and names are typed by anyone who can submit a request, and a CSV cell has no
    type: ``=HYPERLINK(...)`` in a company's name would be a live link in the manager's
    Excel. The apostrophe is how a spreadsheet itself marks a cell as text. (The workbook
    needs none: its text cells are typed as text.)
    """
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def column_fields(catalog: ScenarioCatalog, form: str | None) -> dict[str, FormField]:
    """The answer columns, ``form:field`` -> the field, of one form or of all."""
    return {
        f"{scenario.id}:{field.id}": field
        for scenario in catalog.all()
        if form is None or scenario.id == form
        for field in scenario.fields
    }


def field_labels(fields: dict[str, FormField], *, one_form: bool, locale: str) -> dict[str, str]:
    """The answer columns' headers in the reader's language; of all forms, each names its form."""
    labels: dict[str, str] = {}
    for column, field in fields.items():
        label = localized(field.label, locale)
        labels[column] = label if one_form else f"{label} ({column.split(':')[0]})"
    return labels


def sheet_headers(t: Translator, answer_labels: list[str]) -> dict[str, list[str]]:
    """Column names of every sheet, in the reader's language."""

    def names(sheet: str, count: int) -> list[str]:
        return [t(f"export-{sheet}-{index}") for index in range(1, count + 1)]

    return {
        "requests": names("requests", 10) + answer_labels,
        "events": names("events", 6),
        "steps": names("steps", 6),
        "meetings": names("meetings", 12),
    }


def _local(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    """A moment as the reader's wall-clock time: spreadsheets keep no time zones."""
    return moment.astimezone(zone).replace(tzinfo=None) if moment is not None else None


def stage_labels(t: Translator) -> dict[str, str]:
    """Every stage's name in the reader's language, as the requests sheet shows it."""
    return {stage.value: t(f"claims-stage-{stage.value.replace('_', '-')}") for stage in Stage}


def chunk_rows(
    chunk: RequestChunk,
    *,
    stages: dict[str, str],
    zone: ZoneInfo,
    names: dict[int, str],
    answer_cells: AnswerCells,
) -> dict[str, list[list[Any]]]:
    """The rows one chunk of requests adds to each sheet; a missing answer is an empty cell."""

    def name(user_id: int | None) -> str | None:
        return None if user_id is None else names.get(user_id, str(user_id))

    requests = []
    for request in chunk.requests:
        taken = chunk.first_taken.get(request.id)
        claim = (taken - request.created_at) / timedelta(minutes=1) if taken else None
        requests.append(
            [
                request.id,
                request.scenario_id,
                _local(request.created_at, zone),
                stages.get(request.stage, request.stage),
                _local(request.stage_changed_at, zone),
                name(request.owner_id),
                name(request.author_id),
                chunk.sources.get(request.id, ""),
                request.priority,
                round(claim) if claim is not None else None,
                *answer_cells.row(chunk.answers.get(request.id, {})),
            ]
        )
    events = [
        [
            e.id,
            _local(e.at, zone),
            e.kind,
            e.request_id,
            name(e.actor_id),
            json.dumps(e.data, ensure_ascii=False),
        ]
        for e in chunk.events
    ]
    steps = [
        [
            s.request_id,
            s.text,
            _local(s.due_at, zone),
            name(s.assignee_id),
            s.status,
            _local(s.done_at, zone),
        ]
        for s in chunk.steps
    ]
    meetings = [
        [
            m.request_id,
            _local(m.starts_at, zone),
            m.duration_minutes,
            m.place,
            m.status,
            name(m.moderator_id),
            m.our_goal,
            m.client_goal,
            m.recap_status,
            _local(m.confirmed_at, zone),
            m.corrections or "",
            m.recap_text or "",
        ]
        for m in chunk.meetings
    ]
    return {"requests": requests, "events": events, "steps": steps, "meetings": meetings}
