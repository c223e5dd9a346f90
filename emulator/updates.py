"""One bot's update queue: getUpdates semantics (offset, limit, long poll) and redelivery."""

from __future__ import annotations

import asyncio
import functools
import itertools
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from emulator.errors import ApiError

# Telegram's default when a bot never asked: everything but these three.
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
CONFLICT_OTHER_POLL = ApiError(
    409,
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
)


@dataclass(frozen=True)
class QueuedUpdate:
    """An update waiting to be confirmed; ``kind`` is its one payload field."""

    update_id: int
    kind: str
    data: dict[str, Any]

    @functools.cached_property
    def chat_id(self) -> int | None:
        """The chat the update belongs to (the sender's for chatless ones), for ordering.

        Read once: the webhook's sender looks at every waiting update's chat each time a
        delivery ends."""
        payload = self.data.get(self.kind)
        if not isinstance(payload, dict):
            return None
        chat = payload.get("chat") or (payload.get("message") or {}).get("chat")
        owner = chat or payload.get("from") or payload.get("user") or {}
        chat_id = owner.get("id")
        return chat_id if isinstance(chat_id, int) else None


class UpdateQueue:
    """Pending updates in update_id order, removed only when the bot confirms them.

    Confirmation pops from the left, so a poll costs O(confirmed + returned), not O(queue).
    """

    def __init__(self) -> None:
        self.pending: deque[QueuedUpdate] = deque()
        self.redeliveries: deque[QueuedUpdate] = deque()
        self.allowed: frozenset[str] | None = None
        self.closed = False
        self.waiting_polls = 0
        self.on_poll_waiting: Callable[[], None] = lambda: None
        self._arrived = asyncio.Event()
        self._poll_generation = 0

    def __len__(self) -> int:
        return len(self.pending) + len(self.redeliveries)

    def push(self, update: QueuedUpdate) -> None:
        """Queue a new update and wake a waiting long poll."""
        self.pending.append(update)
        self.wake()

    def push_redelivery(self, update: QueuedUpdate) -> None:
        """Queue an already confirmed update once more, ahead of the rest."""
        self.redeliveries.append(update)
        self.wake()

    def wake(self) -> None:
        """Release whoever waits for updates (pollers, the webhook sender)."""
        arrived, self._arrived = self._arrived, asyncio.Event()
        arrived.set()

    def close(self) -> None:
        """Make every waiting poll return now; used on shutdown."""
        self.closed = True
        self.wake()

    def drop_all(self) -> None:
        """Forget pending updates (deleteWebhook/setWebhook with drop_pending_updates)."""
        self.pending.clear()
        self.redeliveries.clear()

    def is_allowed(self, kind: str) -> bool:
        """Whether the bot asked for this update type."""
        if self.allowed is None:
            return kind not in NOT_BY_DEFAULT
        return kind in self.allowed

    def set_allowed(self, allowed: Any) -> None:
        """Remember allowed_updates; an empty list means Telegram's default."""
        if isinstance(allowed, list):
            self.allowed = frozenset(str(kind) for kind in allowed) or None

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps the last ``-offset``."""
        if offset < 0:
            while len(self.pending) > -offset:
                self.pending.popleft()
            return
        while self.pending and self.pending[0].update_id < offset:
            self.pending.popleft()

    def take(self, limit: int) -> list[dict[str, Any]]:
        """Up to ``limit`` deliverable updates, without removing unconfirmed ones."""
        result: list[dict[str, Any]] = []
        while self.redeliveries and len(result) < limit:
            result.append(self.redeliveries.popleft().data)
        if len(result) < limit:
            for update in itertools.islice(self.pending, 0, None):
                if self.is_allowed(update.kind):
                    result.append(update.data)
                    if len(result) >= limit:
                        break
        return result

    def ready(self, busy: set[int | None], room: int) -> list[QueuedUpdate]:
        """Up to ``room`` updates a webhook may get now, oldest first, none of a busy chat.

        A chat is busy while one of its updates is on the way; its later updates wait, so
        each chat's updates arrive in order while other chats' go alongside. Disallowed
        updates met on the way are dropped.
        """
        found: list[QueuedUpdate] = []
        held = set(busy)
        disallowed: list[QueuedUpdate] = []
        for update in itertools.chain(self.redeliveries, self.pending):
            if len(found) >= room:
                break
            if not self.is_allowed(update.kind):
                disallowed.append(update)
                continue
            chat = update.chat_id
            if chat not in held:
                found.append(update)
            held.add(chat)
        for update in disallowed:
            self.acknowledge(update)
        return found

    def acknowledge(self, update: QueuedUpdate) -> None:
        """Remove an update the webhook accepted (or gave up on), wherever it stands."""
        for queue in (self.redeliveries, self.pending):
            for index, queued in enumerate(queue):
                if queued is update:
                    del queue[index]
                    return

    async def wait(self, timeout: float) -> bool:
        """Wait until something is pushed; False on timeout."""
        # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation that
        # races with the event being set, leaving the waiter alive forever.
        try:
            async with asyncio.timeout(timeout):
                await self._arrived.wait()
        except TimeoutError:
            return False
        return True

    async def get_updates(self, offset: int | None, limit: int, timeout: float) -> list[Any]:
        """getUpdates: confirm, then return at once or as soon as an update arrives.

        A newer getUpdates call terminates an older waiting one with 409, as Telegram does,
        so a poller left behind by a stopped bot never steals updates from its successor.
        """
        if offset is not None:
            self.confirm(offset)
        self._poll_generation += 1
        generation = self._poll_generation
        self.wake()  # an older poll still waiting must notice it has been superseded
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = self.take(limit)
            remaining = deadline - loop.time()
            if found or remaining <= 0 or self.closed:
                return found
            self.waiting_polls += 1
            self.on_poll_waiting()
            try:
                await self.wait(remaining)
            finally:
                self.waiting_polls -= 1
            if generation != self._poll_generation:
                raise CONFLICT_OTHER_POLL
