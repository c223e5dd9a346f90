"""Watching the bot: what it sent, called and answered; waits are event-driven."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from emulator.core import EmulatorCore
from emulator.messages import EmMessage
from emulator.models import GENERAL_TOPIC_ID, CallRecord
from emulator.render import render

T = TypeVar("T")


class ObserverMixin(EmulatorCore):
    """Assertions-friendly views of the chats and the call log."""

    def transcript(self, chat_id: int, thread_id: int | None = None) -> list[EmMessage]:
        """Messages still visible in the chat (or one topic), edits applied, in order."""
        chat = self.world.chat(chat_id)
        visible = [m for m in chat.messages.values() if not m.deleted]
        if thread_id is None:
            return visible
        wanted = None if thread_id == GENERAL_TOPIC_ID else thread_id
        return [m for m in visible if m.thread_id == wanted]

    def render_transcript(self, chat_id: int, thread_id: int | None = None) -> str:
        """The transcript as text: ``Name: text`` lines, buttons as ``[Text]``."""
        return render(self.transcript(chat_id, thread_id))

    def member_tag(self, chat_id: int, user_id: int) -> str | None:
        """The tag shown beside a member's name in a group, if the bot set one."""
        return self.world.chat(chat_id).tags.get(user_id)

    def bot_messages(self, chat_id: int) -> list[EmMessage]:
        """Every message the bot sent into the chat, deleted ones included."""
        return list(self.world.chat(chat_id).bot_sent)

    def reply_keyboard(self, chat_id: int) -> list[list[str]] | None:
        """The reply keyboard the user currently sees under the input field."""
        markup = self.world.chat(chat_id).reply_keyboard
        if markup is None:
            return None
        return [
            [str(b["text"]) if isinstance(b, dict) else str(b) for b in row]
            for row in markup["keyboard"]
        ]

    def commands(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """The command list the bot set for a scope and language."""
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        return list(self.bot.commands.get(key, []))

    def calls_of(self, method: str) -> list[CallRecord]:
        """Logged calls of one method (case-insensitive)."""
        wanted = method.lower()
        return [call for call in self.world.calls if call.method.lower() == wanted]

    def _describe_chat(self, chat_id: int) -> str:
        recent = [
            f"  {c.method} -> {'ok' if c.ok else f'{c.error_code} {c.description}'}"
            for c in self.world.calls[-10:]
        ]
        return (
            f"chat {chat_id} shows:\n{self.render_transcript(chat_id) or '  (nothing)'}\n"
            f"last Bot API calls:\n" + ("\n".join(recent) or "  (none)")
        )

    async def next_bot_message(self, chat_id: int, *, timeout: float = 5.0) -> EmMessage:
        """The next message the bot sent in the chat that this cursor has not returned.

        Messages sent before the call but not yet returned count, so there is no race.
        """
        chat = self.world.chat(chat_id)

        def check() -> EmMessage | None:
            position = self._cursors.get(chat_id, 0)
            if position >= len(chat.bot_sent):
                return None
            self._cursors[chat_id] = position + 1
            return chat.bot_sent[position]

        return await self.world.wait_until(
            check,
            timeout,
            lambda: (
                f"no new message from the bot in chat {chat_id} within {timeout}s; "
                + self._describe_chat(chat_id)
            ),
        )

    async def wait_for(
        self, predicate: Callable[[], T], timeout: float = 5.0, *, what: str = "condition"
    ) -> T:
        """Wait until ``predicate()`` is truthy and return its value."""

        def check() -> T | None:
            value = predicate()
            return value if value else None

        recent = "\n".join(f"  {c.method} ok={c.ok}" for c in self.world.calls[-10:])
        return await self.world.wait_until(
            check,
            timeout,
            lambda: f"{what} not met within {timeout}s; last Bot API calls:\n{recent}",
        )

    async def wait_for_poll(self, timeout: float = 5.0) -> float:
        """Wait until the bot's getUpdates is waiting (long polling); the clock time then.

        A call is logged only when it is answered, which for a long poll with no updates
        is its whole timeout later; this notices the call while it waits.
        """
        queue = self.bot.queue
        return await self.wait_for(
            lambda: self.world.clock() if queue.waiting_polls else 0.0,
            timeout,
            what="a waiting getUpdates",
        )

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[CallRecord], object] | None = None,
        timeout: float = 5.0,
    ) -> CallRecord:
        """The next call of ``method`` (matching ``predicate``) not returned before."""
        wanted = method.lower()

        def check() -> CallRecord | None:
            for call in self.world.calls:
                if call.method.lower() != wanted or id(call) in self._consumed_calls:
                    continue
                if predicate is None or predicate(call):
                    self._consumed_calls.add(id(call))
                    return call
            return None

        def describe() -> str:
            seen = ", ".join(sorted({c.method for c in self.world.calls})) or "none"
            return f"no {method} call within {timeout}s; methods called so far: {seen}"

        return await self.world.wait_until(check, timeout, describe)
