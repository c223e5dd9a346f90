"""Live updates for the page: what changed in the emulated world, as server-sent events.

The emulator tells its listeners whenever anything changes; the feed then compares each
chat and message with what it last sent and publishes only the difference. A page that
connects first gets the whole state, then every change, in order, with no gap between.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from emulator.state import World
from playground.view import chat_view, message_view

Event = tuple[str, dict[str, Any]]


class Feed:
    """Publishes chat and message changes, and the playground's own events, to every page."""

    def __init__(self, world: World, snapshot: Callable[[], dict[str, Any]]) -> None:
        self._world = world
        self._snapshot = snapshot
        self._subscribers: set[asyncio.Queue[Event | None]] = set()
        self._chats: dict[int, dict[str, Any]] = {}
        self._messages: dict[tuple[int, int], tuple[int, bool]] = {}
        self._dirty = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin watching the world; the current state counts as already sent."""
        self._collect()
        self._world.listeners.append(self._dirty.set)
        self._task = asyncio.create_task(self._watch())

    async def stop(self) -> None:
        """End every page's stream and stop watching."""
        self._world.listeners.remove(self._dirty.set)
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        for queue in self._subscribers:
            queue.put_nowait(None)

    def publish(self, kind: str, data: dict[str, Any]) -> None:
        """Send one event to every connected page."""
        for queue in self._subscribers:
            queue.put_nowait((kind, data))

    def subscribe(self) -> asyncio.Queue[Event | None]:
        """A queue that starts with the whole state; ``None`` in it means the end."""
        self._collect_and_publish()  # changes so far go to the pages already connected
        queue: asyncio.Queue[Event | None] = asyncio.Queue()
        queue.put_nowait(("snapshot", self._snapshot()))
        self._subscribers.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[Event | None]) -> None:
        """Forget a page that went away."""
        self._subscribers.discard(queue)

    async def _watch(self) -> None:
        while True:
            await self._dirty.wait()
            self._dirty.clear()
            self._collect_and_publish()

    def _collect_and_publish(self) -> None:
        for kind, data in self._collect():
            self.publish(kind, data)

    def _collect(self) -> list[Event]:
        """Chats and messages that differ from what was last sent, remembered as sent."""
        changes: list[Event] = []
        for chat in self._world.chats.values():
            view = chat_view(chat)
            if self._chats.get(chat.id) != view:
                self._chats[chat.id] = view
                changes.append(("chat", view))
            for message in chat.messages.values():
                key = (chat.id, message.message_id)
                # Edits replace the message's raw dict, so its identity marks a new version.
                seen = (id(message.raw), message.deleted)
                if self._messages.get(key) != seen:
                    self._messages[key] = seen
                    changes.append(("message", message_view(message)))
        return changes


def encode(kind: str, data: dict[str, Any]) -> bytes:
    """One server-sent event."""
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()
