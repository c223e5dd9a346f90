"""The export's own process: reads the period's requests and writes the file.

An export of 100,000 requests is ten seconds and more of CPU in Python (reading rows,
turning them into cells, writing XML). Done in the bot's process, even in a thread, it
would hold the GIL that every other update needs, and other people's answers would wait.
So the bot starts ``python -m bot.reporting.export_worker``, hands it an
:class:`ExportSpec` as JSON on standard input, and reads one line of progress per chunk
on its standard output; the exit code says whether the file was written.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from bot.i18n import I18n
from bot.reporting.answer_cells import AnswerCells
from bot.reporting.sheets import (
    CsvZipWriter,
    ExportFormat,
    SheetWriter,
    chunk_rows,
)
from bot.reporting.xlsx import MAX_ROWS, PART_NAME, XlsxWriter
from domain.clock import SystemClock
from scenarios.schema import FormField
from storage.db import create_engine, create_session_factory
from storage.repositories.exports import ExportQueries

PROGRESS = "progress"
"""The first word of a progress line: ``progress <done> <total>``."""


class ExportSpec(BaseModel):
    """Everything the worker needs: headers and stages already in the reader's language, and
    the answer columns' fields (it loads no forms). The answers it draws itself, in the
    reader's ``locale``, with texts it loads for them (a third of a second): "Yes" and a
    date and time are words of the texts, and only the worker reads the answers."""

    database_url: str
    start: datetime
    end: datetime
    form: str | None
    source_fields: dict[str, str]
    fields: dict[str, FormField]
    """Answer columns as ``form:field`` -> the field, in the order of their headers."""
    locale: str
    headers: dict[str, list[str]]
    stages: dict[str, str]
    zone: str
    fmt: ExportFormat
    path: Path
    chunk: int
    sheet_rows: int = MAX_ROWS
    """The most rows of a workbook's sheet; the rest continue on parts named ``part_name``."""
    part_name: str = PART_NAME


async def build(spec: ExportSpec) -> Path:
    """Write the export to ``spec.path``, printing progress after every chunk."""
    writer: SheetWriter
    if spec.fmt is ExportFormat.XLSX:
        writer = XlsxWriter(
            spec.path, spec.headers, max_rows=spec.sheet_rows, part_name=spec.part_name
        )
    else:  # a CSV file has no limit of rows
        writer = CsvZipWriter(spec.path, spec.headers)
    zone = ZoneInfo(spec.zone)
    answer_cells = AnswerCells(spec.fields, I18n(spec.locale).get(spec.locale), zone)
    engine = create_engine(spec.database_url)
    try:
        async with create_session_factory(engine)() as session:
            queries = ExportQueries(session, SystemClock())
            total = await queries.count(spec.start, spec.end, spec.form)
            names = await queries.names()
            done = 0
            async for chunk in queries.chunks(
                spec.start, spec.end, spec.form, spec.source_fields, spec.chunk
            ):
                rows = chunk_rows(
                    chunk,
                    stages=spec.stages,
                    zone=zone,
                    names=names,
                    answer_cells=answer_cells,
                )
                for sheet, sheet_rows in rows.items():
                    writer.append(sheet, sheet_rows)
                done += len(chunk.requests)
                print(PROGRESS, done, total, flush=True)
                # End the read transaction between chunks: one held for the whole export
                # keeps SQLite's log from being checkpointed, and the bot's every commit
                # meanwhile grows slower (PostgreSQL would hold back its vacuum instead).
                await session.commit()
    finally:
        await engine.dispose()
    return writer.close()


def main() -> None:
    # Below the bot in the scheduler's eyes: on a small machine the export takes the
    # cores the bot leaves idle, and people's answers go first.
    os.nice(19)
    # The worker makes millions of short-lived objects and hardly any cycles: collecting
    # every 700 allocations (the default) took a quarter of its time, every 100,000 none.
    gc.set_threshold(100_000)
    spec = ExportSpec.model_validate_json(sys.stdin.read())
    asyncio.run(build(spec))


if __name__ == "__main__":
    main()
