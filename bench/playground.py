"""The playground as a visitor meets it: the command's start-up, then a message or a press
through the page's own endpoints until the bot's answer arrives on the page's live feed.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

from bench.report import Report

SECTION = "playground"
QUICK = 10
FULL = 50
START_TARGET = 3.0
ANSWER_TARGET_MS = 300.0
VISITOR = 1007
"""Ольга, a lead generator of the playground's ready team."""
TYPING_PAUSE = 0.1
"""Seconds between two typed messages. Faster than anyone types, and under the 30 messages
a second Telegram allows a bot (the playground keeps that limit): sent back to back, the
31st answer waited a second for the flood limit, and the row measured Telegram, not the
page."""


async def _start(workdir: Path) -> tuple[asyncio.subprocess.Process, str, float]:
    """Spawn `presale-bot playground`; the address it prints and the seconds it took."""
    env = {**os.environ, "TMPDIR": str(workdir)}
    started = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "playground",
        cwd=workdir,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), 120)).decode().strip()
    return process, line.rsplit(" ", 1)[-1], time.monotonic() - started


async def _events(response: aiohttp.ClientResponse) -> AsyncIterator[tuple[str, Any]]:
    """Server-sent events as (kind, data)."""
    kind = ""
    async for raw in response.content:
        line = raw.decode().rstrip("\n")
        if line.startswith("event: "):
            kind = line[7:]
        elif line.startswith("data: "):
            yield kind, json.loads(line[6:])


class _Page:
    """What a page does: reads the feed and posts actions; times post → answer on the feed."""

    def __init__(self, http: aiohttp.ClientSession, url: str, feed: aiohttp.ClientResponse):
        self.http = http
        self.url = url
        self.events = _events(feed)
        self.latest: dict[str, Any] = {}

    async def _bot_answer(self, after: int) -> dict[str, Any]:
        async for kind, data in self.events:
            ours = kind == "message" and data["chat"] == VISITOR and data["from"]["bot"]
            if ours and (data["id"] > after or data["edited"]):
                self.latest = data
                return dict(data)
        raise AssertionError("the feed ended")

    async def timed(self, path: str, body: dict[str, Any]) -> float:
        """Milliseconds from posting an action to the bot's answer on the feed."""
        after = int(self.latest.get("id", 0))
        started = time.monotonic()
        async with self.http.post(self.url + path, json=body) as response:
            response.raise_for_status()
        await self._bot_answer(after)
        return (time.monotonic() - started) * 1000


async def run_playground(report: Report, tries: int) -> None:
    """Start-up once, then ``tries`` messages and ``tries`` presses, each answered."""
    with tempfile.TemporaryDirectory(prefix="bench-playground-") as folder:
        process, url, startup = await _start(Path(folder))
        try:
            typed, pressed = await _drive(url, tries)
        finally:
            process.terminate()
            await process.wait()
    report.add(
        SECTION,
        "start-up (command → address printed)",
        f"{startup:.2f} s",
        target=f"< {START_TARGET:.0f} s",
        met=startup < START_TARGET,
        raw=startup,
    )
    for name, samples in (("a message", typed), ("a button press", pressed)):
        p50 = statistics.median(samples)
        worst = max(samples)
        report.add(
            SECTION,
            f"{name} → the bot's answer on the page, p50 / max of {len(samples)}",
            f"{p50:.0f} / {worst:.0f} ms",
            target=f"< {ANSWER_TARGET_MS:.0f} ms",
            met=worst < ANSWER_TARGET_MS,
            raw=worst,
        )


async def _drive(url: str, tries: int) -> tuple[list[float], list[float]]:
    timeout = aiohttp.ClientTimeout(total=None, sock_read=30)
    async with (
        aiohttp.ClientSession(timeout=timeout) as http,
        http.get(url + "playground/events") as feed,
    ):
        page = _Page(http, url, feed)
        message = {"user": VISITOR, "chat": VISITOR}
        await page.timed("playground/send", {**message, "text": "/start"})  # first contact
        typed = []
        for _ in range(tries):
            typed.append(await page.timed("playground/send", {**message, "text": "/help"}))
            await asyncio.sleep(TYPING_PAUSE)
        pressed: list[float] = []
        await page.timed("playground/send", {**message, "text": "/lang"})
        for _ in range(tries):
            menu = page.latest
            button = menu["buttons"][0][0] if menu["buttons"] else None
            if button is None:  # the language changed: open the menu again
                await page.timed("playground/send", {**message, "text": "/lang"})
                menu = page.latest
                button = menu["buttons"][0][0]
            press = {**message, "message": menu["id"], "data": button["callback_data"]}
            pressed.append(await page.timed("playground/press", press))
        return typed, pressed
