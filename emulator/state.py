"""The emulated Telegram world: people, chats, messages, files, and change notification.

Every change calls ``changed()``, which wakes the test's waits; waits re-check their
condition on each wake-up instead of polling with sleeps.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
import time
from collections.abc import Callable
from typing import Any, TypeVar

from emulator.bots import EmBot
from emulator.errors import bad_request, migrated
from emulator.limits import RateLimiter
from emulator.messages import EmMessage
from emulator.models import (
    GENERAL_TOPIC_ID,
    CallbackAnswer,
    CallRecord,
    EmChat,
    EmTopic,
    EmUser,
    Stats,
    StoredFile,
)
from emulator.updates import QueuedUpdate

T = TypeVar("T")


class World:
    """Everything the Bot API methods and the test-side API read and change."""

    def __init__(self, *, clock: Callable[[], float], limiter: RateLimiter | None) -> None:
        self.clock = clock
        self.limiter = limiter
        self.bots: dict[str, EmBot] = {}
        self.users: dict[int, EmUser] = {}
        self.chats: dict[int, EmChat] = {}
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.calls: list[CallRecord] = []
        self.stats = Stats()
        self.updates: dict[int, tuple[EmBot, QueuedUpdate]] = {}
        self.open_callbacks: dict[str, int] = {}
        self.callback_answers: dict[str, CallbackAnswer] = {}
        self._update_ids = itertools.count(10_000)
        self._file_ids = itertools.count(1)
        self._callback_ids = itertools.count(4_000_000_000_000_000)
        self._signal = asyncio.Event()
        self.on_webhook_change: Callable[[EmBot], None] = lambda bot: None
        self.listeners: list[Callable[[], None]] = []

    # -- time and ids -------------------------------------------------------------------

    def now(self) -> int:
        """Unix time for message dates, from the injectable clock."""
        return int(self.clock())

    def new_callback_id(self) -> str:
        """A callback query id, unique in this emulator."""
        return str(next(self._callback_ids))

    # -- change notification ------------------------------------------------------------

    def changed(self) -> None:
        """Wake every wait so it re-checks its condition, and tell every listener."""
        signal, self._signal = self._signal, asyncio.Event()
        signal.set()
        for listener in self.listeners:
            listener()

    async def wait_until(
        self, check: Callable[[], T | None], timeout: float, describe: Callable[[], str]
    ) -> T:
        """Return ``check()``'s first non-None value; AssertionError with ``describe()``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = check()
            if result is not None:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(describe())
            try:
                async with asyncio.timeout(remaining):
                    await self._signal.wait()
            except TimeoutError:
                continue

    # -- people and chats ---------------------------------------------------------------

    def user(self, user_id: int) -> EmUser:
        """A known user; a test naming an unknown one is a mistake in the test."""
        try:
            return self.users[user_id]
        except KeyError:
            raise ValueError(f"unknown user {user_id}; call add_user first") from None

    def chat(self, chat_id: int) -> EmChat:
        """A known chat, for the test-side API."""
        try:
            return self.chats[chat_id]
        except KeyError:
            raise ValueError(f"unknown chat {chat_id}") from None

    def resolve_chat(self, value: str | None) -> EmChat:
        """The chat a ``chat_id`` parameter names (a number or ``@username``)."""
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        if value.startswith("@"):
            for chat in self.chats.values():
                if chat.username and chat.username.lower() == value[1:].lower():
                    return chat
            raise bad_request("chat not found")
        try:
            chat_id = int(value)
        except ValueError:
            raise bad_request("chat not found") from None
        found = self.chats.get(chat_id)
        if found is None:
            raise bad_request("chat not found")
        if found.migrated_to is not None:
            raise migrated(found.migrated_to)
        return found

    def add_forum_topic(self, chat: EmChat, thread_id: int, name: str) -> EmTopic:
        """Register a topic under the id of the message that created it."""
        topic = EmTopic(thread_id=thread_id, name=name)
        chat.topics[thread_id] = topic
        return topic

    # -- messages -----------------------------------------------------------------------

    def new_message(
        self,
        chat: EmChat,
        *,
        sender: dict[str, Any],
        from_bot: bool,
        fields: dict[str, Any],
        thread_id: int | None = None,
        reply_to: EmMessage | None = None,
    ) -> EmMessage:
        """Create and store a message with the next id of its chat."""
        chat.last_message_id += 1
        raw: dict[str, Any] = {
            "message_id": chat.last_message_id,
            "from": sender,
            "chat": chat.as_dict(),
            "date": self.now(),
        }
        if chat.is_forum and thread_id is not None and thread_id != GENERAL_TOPIC_ID:
            raw["message_thread_id"] = thread_id
            raw["is_topic_message"] = True
        if reply_to is not None:
            quoted = {k: v for k, v in reply_to.raw.items() if k != "reply_to_message"}
            raw["reply_to_message"] = quoted
        raw.update(fields)
        message = EmMessage(raw=raw, from_bot=from_bot)
        chat.messages[message.message_id] = message
        if from_bot:
            chat.bot_sent.append(message)
            self.stats.messages_sent_by_bots += 1
        return message

    # -- updates ------------------------------------------------------------------------

    def emit(self, bot: EmBot, kind: str, payload: dict[str, Any]) -> int:
        """Create an update for ``bot``; update ids grow strictly across the emulator."""
        update_id = next(self._update_ids)
        update = QueuedUpdate(update_id, kind, {"update_id": update_id, kind: payload})
        self.updates[update_id] = (bot, update)
        bot.queue.push(update)
        self.stats.updates += 1
        self.changed()
        return update_id

    # -- files --------------------------------------------------------------------------

    def store_file(
        self,
        content: bytes | None,
        *,
        kind: str,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        """Keep a file and give it Telegram-looking ids and a download path."""
        number = next(self._file_ids)
        token = secrets.token_urlsafe(12)
        stored = StoredFile(
            file_id=f"{kind[:2].upper()}ACAgIAAxkBAAI{number:06d}{token}",
            file_unique_id=f"AgAD{number:06d}",
            file_path=f"{kind}s/file_{number}{_extension(file_name)}",
            content=content,
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        return stored


def _extension(file_name: str | None) -> str:
    if file_name and "." in file_name:
        return "." + file_name.rsplit(".", 1)[1]
    return ""


def default_clock() -> float:
    """Wall-clock time, used for message dates unless a test injects its own clock."""
    return time.time()
