"""Simulated people and what the emulator saw of them: pacing, update times, answer times.

Latency is measured on the emulator's side only: from the moment an update becomes
available to the bot (``World.emit``) to the moment the bot's first message-producing
call for that chat reaches the emulator (the time of its ``CallRecord``).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from emulator import TelegramEmulator

# Calls that show a person something: the answer to what they did.
ANSWER_METHODS = frozenset(
    {
        "sendMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "sendDocument",
        "sendPhoto",
        "sendMediaGroup",
        "copyMessage",
    }
)


@dataclass(frozen=True)
class Emitted:
    """One update as the emulator queued it."""

    update_id: int
    chat_id: int
    at: float


def _chat_of(kind: str, payload: dict[str, Any]) -> int:
    if kind == "callback_query":
        message = payload.get("message") or {}
        chat = message.get("chat") or {"id": payload["from"]["id"]}
        return int(chat["id"])
    chat = payload.get("chat")
    if chat is not None:
        return int(chat["id"])
    return int(payload.get("from", {}).get("id", 0))


class Recorder:
    """Wraps the emulator's ``emit`` to note when each update became available."""

    def __init__(self, tg: TelegramEmulator) -> None:
        self.tg = tg
        self.emitted: list[Emitted] = []
        world = tg.world
        original = world.emit

        def emit(bot: Any, kind: str, payload: dict[str, Any]) -> int:
            update_id = original(bot, kind, payload)
            self.emitted.append(Emitted(update_id, _chat_of(kind, payload), world.clock()))
            return update_id

        world.emit = emit  # type: ignore[method-assign]

    def mark(self) -> tuple[int, int]:
        """Where a phase starts: positions in the update list and the call log."""
        return len(self.emitted), len(self.tg.calls)


@dataclass
class PhaseResult:
    """What one phase of load produced, measured on the emulator's side."""

    updates: int
    answered: int
    seconds: float
    latencies: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds if self.seconds > 0 else 0.0


def measure(recorder: Recorder, start: tuple[int, int], chats: set[int]) -> PhaseResult:
    """Pair every update in ``chats`` with the first answer in its chat before the next one."""
    emitted = recorder.emitted[start[0] :]
    calls = recorder.tg.calls[start[1] :]
    if not emitted:
        return PhaseResult(0, 0, 0.0)
    answers: dict[int, list[float]] = {}
    last_answer = emitted[-1].at
    for call in calls:
        if call.method not in ANSWER_METHODS or not call.ok:
            continue
        last_answer = max(last_answer, call.time)
        try:
            chat_id = int(call.params.get("chat_id", 0))
        except (TypeError, ValueError):
            continue
        if chat_id in chats:
            answers.setdefault(chat_id, []).append(call.time)
    per_chat: dict[int, list[Emitted]] = {}
    for update in emitted:
        if update.chat_id in chats:
            per_chat.setdefault(update.chat_id, []).append(update)
    latencies: list[float] = []
    for chat_id, updates in per_chat.items():
        times = answers.get(chat_id, [])
        position = 0
        for index, update in enumerate(updates):
            upper = updates[index + 1].at if index + 1 < len(updates) else float("inf")
            while position < len(times) and times[position] < update.at:
                position += 1
            if position < len(times) and times[position] < upper:
                latencies.append(times[position] - update.at)
    seconds = last_answer - emitted[0].at
    return PhaseResult(len(emitted), len(latencies), seconds, latencies)


class Pacer:
    """Hands out permits at ``rate`` per second (``None``: as fast as people can go)."""

    def __init__(self, rate: float | None) -> None:
        self.rate = rate
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def permit(self) -> None:
        if self.rate is None:
            return
        async with self._lock:
            now = time.monotonic()
            slot = max(self._next, now)
            self._next = slot + 1.0 / self.rate
        if slot > now:
            await asyncio.sleep(slot - now)


# A saturated bot answers slowly by design; the waits of the test helpers are too short.
PATIENCE = 60.0


class PacedEmulator:
    """The emulator as people use it, each action waiting for a permit of the pacer."""

    def __init__(self, tg: TelegramEmulator, pacer: Pacer) -> None:
        self._tg = tg
        self._pacer = pacer

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tg, name)

    async def send_message(self, *args: Any, **kwargs: Any) -> Any:
        await self._pacer.permit()
        return await self._tg.send_message(*args, **kwargs)

    async def press(self, *args: Any, **kwargs: Any) -> Any:
        await self._pacer.permit()
        kwargs["timeout"] = max(kwargs.get("timeout", 0.0), PATIENCE)
        return await self._tg.press(*args, **kwargs)

    async def next_bot_message(self, chat_id: int, *, timeout: float = PATIENCE) -> Any:
        return await self._tg.next_bot_message(chat_id, timeout=max(timeout, PATIENCE))

    async def send_contact(self, *args: Any, **kwargs: Any) -> Any:
        await self._pacer.permit()
        return await self._tg.send_contact(*args, **kwargs)

    async def send_document(self, *args: Any, **kwargs: Any) -> Any:
        await self._pacer.permit()
        return await self._tg.send_document(*args, **kwargs)
