"""/export: requests, events, next steps and meetings of a period as XLSX or zipped CSV.

Built in the background: the requests are read in chunks of ``CHUNK`` by id, each chunk's
rows are written by a worker thread (openpyxl in write-only mode, or ``csv``, both
streaming to temporary files), and one message in the chat is edited with the progress.
Memory stays flat whatever the size, and other updates keep being handled meanwhile.
"""

from __future__ import annotations

import asyncio
import csv
import json
import logging
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import FSInputFile

from bot.i18n import Translator
from bot.reporting.gather import Scope, source_fields
from domain.clock import Clock
from scenarios.loader import ScenarioCatalog
from scenarios.schema import localized
from storage.repositories.exports import ExportQueries, RequestChunk
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

#: Requests per chunk: small enough that reading one (on the event loop) is a short pause.
CHUNK = 500
SHEETS = ("requests", "events", "steps", "meetings")


class ExportFormat(StrEnum):
    """An Excel workbook, or one CSV file per sheet in a zip."""

    XLSX = "xlsx"
    CSV = "csv"


class SheetWriter(Protocol):
    """Rows go to named sheets in any order; ``close`` leaves the finished file."""

    def append(self, sheet: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def close(self) -> Path: ...


class XlsxWriter:
    """openpyxl's write-only workbook: each sheet streams to a temporary file of its own."""

    def __init__(self, path: Path, headers: dict[str, list[str]]) -> None:
        from openpyxl import Workbook  # deferred like matplotlib: only exports need it

        self._path = path
        self._book = Workbook(write_only=True)
        self._sheets = {}
        for name, header in headers.items():
            sheet = self._book.create_sheet(title=name)
            sheet.append(header)
            self._sheets[name] = sheet

    def append(self, sheet: str, rows: Sequence[Sequence[Any]]) -> None:
        target = self._sheets[sheet]
        for row in rows:
            target.append(list(row))

    def close(self) -> Path:
        self._book.save(self._path)
        return self._path


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


def _csv_value(value: Any) -> Any:
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value


@dataclass(frozen=True)
class ExportJob:
    """One export: for whom, what, in which language and zone."""

    chat_id: int
    scope: Scope
    fmt: ExportFormat
    t: Translator
    zone: ZoneInfo


class Exports:
    """Runs exports as background tasks; ``close`` waits for the running ones to stop."""

    def __init__(
        self,
        *,
        bot: Bot,
        session_factory: SessionFactory,
        clock: Clock,
        scenarios: ScenarioCatalog,
        chunk: int = CHUNK,
        progress_every: int = 10_000,
    ) -> None:
        self._bot = bot
        self._session_factory = session_factory
        self._clock = clock
        self._scenarios = scenarios
        self.chunk = chunk
        self.progress_every = progress_every
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, job: ExportJob) -> asyncio.Task[None]:
        """Begin an export; the caller's update finishes at once."""
        task = asyncio.create_task(self._run(job), name=f"export-{job.chat_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def close(self) -> None:
        """Cancel what is still running (on shutdown) and wait for it."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _run(self, job: ExportJob) -> None:
        t = job.t
        progress = await self._bot.send_message(job.chat_id, t("export-started"))
        folder = Path(tempfile.mkdtemp(prefix="export-"))
        try:
            path = await self.build(job, folder, progress.message_id)
            await self._edit(job, progress.message_id, t("export-done"))
            await self._bot.send_document(
                job.chat_id,
                FSInputFile(path, filename=path.name),
                caption=t("export-caption", name=path.name),
            )
        except Exception:
            logger.exception("event=reports.export_failed chat_id=%s", job.chat_id)
            await self._edit(job, progress.message_id, t("export-failed"))
        finally:
            await asyncio.to_thread(shutil.rmtree, folder, True)

    async def build(self, job: ExportJob, folder: Path, progress_id: int | None) -> Path:
        """Write the whole export into ``folder``; returns the file to send."""
        period = job.scope.period
        name = f"export-{period.first_day.isoformat()}-{period.last_day.isoformat()}"
        labels = field_labels(self._scenarios, job.scope.form, job.t.locale)
        headers = sheet_headers(job.t, list(labels.values()))
        path = folder / f"{name}.{'xlsx' if job.fmt is ExportFormat.XLSX else 'zip'}"
        writer: SheetWriter = await asyncio.to_thread(
            (XlsxWriter if job.fmt is ExportFormat.XLSX else CsvZipWriter), path, headers
        )
        async with self._session_factory() as session:
            queries = ExportQueries(session, self._clock)
            total = await queries.count(period.start, period.end, job.scope.form)
            names = await queries.names()
            done = shown = 0
            async for chunk in queries.chunks(
                period.start,
                period.end,
                job.scope.form,
                source_fields(self._scenarios),
                self.chunk,
            ):
                # Turning rows into cells and writing them is CPU work: off the event loop.
                await asyncio.to_thread(_write_chunk, writer, chunk, job, names, list(labels))
                done += len(chunk.requests)
                if progress_id is not None and done - shown >= self.progress_every:
                    shown = done
                    await self._edit(
                        job, progress_id, job.t("export-progress", done=done, total=total)
                    )
        return await asyncio.to_thread(writer.close)

    async def _edit(self, job: ExportJob, message_id: int, text: str) -> None:
        try:
            await self._bot.edit_message_text(text, chat_id=job.chat_id, message_id=message_id)
        except TelegramAPIError as error:
            logger.info("event=reports.export_progress_unsent error=%s", error)


def _write_chunk(
    writer: SheetWriter,
    chunk: RequestChunk,
    job: ExportJob,
    names: dict[int, str],
    columns: list[str],
) -> None:
    for sheet, rows in chunk_rows(chunk, job, names, columns).items():
        writer.append(sheet, rows)


def field_labels(catalog: ScenarioCatalog, form: str | None, locale: str) -> dict[str, str]:
    """The answer columns: ``form:field`` -> the field's label in the reader's language."""
    labels: dict[str, str] = {}
    for scenario in catalog.all():
        if form is not None and scenario.id != form:
            continue
        for field in scenario.fields:
            label = localized(field.label, locale)
            labels[f"{scenario.id}:{field.id}"] = label if form else f"{label} ({scenario.id})"
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


def chunk_rows(
    chunk: RequestChunk, job: ExportJob, names: dict[int, str], columns: list[str]
) -> dict[str, list[list[Any]]]:
    """The rows one chunk of requests adds to each sheet."""
    zone = job.zone

    def name(user_id: int | None) -> str:
        return "" if user_id is None else names.get(user_id, str(user_id))

    requests = []
    for request in chunk.requests:
        taken = chunk.first_taken.get(request.id)
        claim = (taken - request.created_at) / timedelta(minutes=1) if taken else None
        answers = chunk.answers.get(request.id, {})
        requests.append(
            [
                request.id,
                request.scenario_id,
                _local(request.created_at, zone),
                job.t(f"claims-stage-{request.stage.replace('_', '-')}"),
                _local(request.stage_changed_at, zone),
                name(request.owner_id),
                name(request.author_id),
                chunk.sources.get(request.id, ""),
                request.priority,
                round(claim) if claim is not None else None,
                *(answers.get(column, "") for column in columns),
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
