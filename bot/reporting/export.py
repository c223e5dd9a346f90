"""/export: requests, events, next steps and meetings of a period as XLSX or zipped CSV.

Built in the background by a process of its own (:mod:`bot.reporting.export_worker`),
so the export's CPU work never holds up other updates; the bot edits one message in
the chat with the progress the worker reports, then sends the file.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import FSInputFile

from bot.i18n import Translator
from bot.reporting.export_worker import PROGRESS, ExportSpec
from bot.reporting.gather import Scope, source_fields
from bot.reporting.sheets import (
    ExportFormat,
    column_fields,
    field_labels,
    sheet_headers,
    stage_labels,
)
from bot.reporting.xlsx import MAX_ROWS
from scenarios.loader import ScenarioCatalog

logger = logging.getLogger(__name__)

CHUNK = 2_000
"""Requests read at a time by the worker."""


class ExportFailedError(RuntimeError):
    """The worker process exited without writing the file."""


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
        database_url: str,
        scenarios: ScenarioCatalog,
        chunk: int = CHUNK,
        progress_every: int = 10_000,
        sheet_rows: int = MAX_ROWS,
    ) -> None:
        self._bot = bot
        self._database_url = database_url
        self._scenarios = scenarios
        self.chunk = chunk
        self.progress_every = progress_every
        self.sheet_rows = sheet_rows
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, job: ExportJob) -> asyncio.Task[None] | None:
        """Begin an export; the caller's update finishes at once.

        None while this chat's previous export is still being built: a second press of the
        period would build the same file twice, at twice the cost.
        """
        name = f"export-{job.chat_id}"
        if any(task.get_name() == name for task in self._tasks):
            return None
        task = asyncio.create_task(self._run(job), name=name)
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
        except asyncio.CancelledError:
            # The bot is stopping and the export stops with it: the manager is told to ask
            # again, not left with "preparing…" for a file that will never come.
            logger.warning("event=reports.export_interrupted chat_id=%s", job.chat_id)
            await self._edit(job, progress.message_id, t("export-interrupted"))
            raise
        except Exception:
            logger.exception("event=reports.export_failed chat_id=%s", job.chat_id)
            await self._edit(job, progress.message_id, t("export-failed"))
        finally:
            await asyncio.to_thread(shutil.rmtree, folder, True)

    async def build(self, job: ExportJob, folder: Path, progress_id: int | None) -> Path:
        """Have the worker write the whole export into ``folder``; returns the file to send."""
        period = job.scope.period
        name = f"export-{period.first_day.isoformat()}-{period.last_day.isoformat()}"
        fields = column_fields(self._scenarios, job.scope.form)
        labels = field_labels(fields, one_form=job.scope.form is not None, locale=job.t.locale)
        spec = ExportSpec(
            database_url=self._database_url,
            start=period.start,
            end=period.end,
            form=job.scope.form,
            source_fields=source_fields(self._scenarios),
            fields=fields,
            locale=job.t.locale,
            headers=sheet_headers(job.t, list(labels.values())),
            stages=stage_labels(job.t),
            zone=job.zone.key,
            fmt=job.fmt,
            path=folder / f"{name}.{'xlsx' if job.fmt is ExportFormat.XLSX else 'zip'}",
            chunk=self.chunk,
            sheet_rows=self.sheet_rows,
            # Filled in by the workbook's writer as a sheet runs over: "events (2)".
            part_name=job.t("export-sheet-part", sheet="{sheet}", number="{number}"),
        )
        worker = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.reporting.export_worker",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        try:
            assert worker.stdin is not None
            assert worker.stdout is not None
            worker.stdin.write(spec.model_dump_json().encode())
            worker.stdin.close()
            shown = 0
            async for line in worker.stdout:
                word, *counts = line.decode().split()
                if word != PROGRESS or progress_id is None:
                    continue
                done, total = map(int, counts)
                if done - shown >= self.progress_every:
                    shown = done
                    await self._edit(
                        job, progress_id, job.t("export-progress", done=done, total=total)
                    )
            if await worker.wait() != 0:
                raise ExportFailedError(f"the export worker exited with {worker.returncode}")
        finally:
            if worker.returncode is None:  # cancelled: the bot is stopping
                worker.kill()
                await worker.wait()
        return spec.path

    async def _edit(self, job: ExportJob, message_id: int, text: str) -> None:
        try:
            await self._bot.edit_message_text(text, chat_id=job.chat_id, message_id=message_id)
        except TelegramAPIError as error:
            logger.info("event=reports.export_progress_unsent error=%s", error)
