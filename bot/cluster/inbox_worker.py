"""Handling recorded updates chat by chat, in order, on whichever instance is free.

In webhook mode every instance records what Telegram posts to it in the shared inbox
and answers at once; the update is then handled from the inbox. For each chat one
instance at a time holds the chat's turn (:mod:`bot.cluster.turns`) and handles the
chat's pending updates oldest first until none is left, so one chat's updates keep
their order whichever instance received them, and different chats go side by side.

No update is stranded: the instance that records an update offers its chat a turn
after the update is committed, and if another instance holds it, knocks; the holder
reads the chat's inbox again instead of handing back a knocked turn, so one of the two
always sees it. A sweep finds chats whose updates have waited too long (their holder
was killed; a handler could not even be marked failed) and takes them over once the
dead holder's turn has expired.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from aiogram import Bot
from aiogram.types import Update

from bot.cluster.turns import ChatTurns
from bot.jobs import every
from bot.loop_failures import LoopFailures
from bot.sending.wakeup import wait_any
from bot.stop_window import StopWindow
from domain.clock import Clock
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

BATCH = 50
"""Pending updates of one chat read at a time."""
SWEEP_AFTER = timedelta(seconds=2)
"""An update pending this long with nobody on its chat is looked after by the sweep."""

HandleUpdate = Callable[[Update], Awaitable[None]]


class InboxWorker:
    """Takes chats' turns and handles their pending updates; see the module docstring."""

    def __init__(
        self,
        *,
        bot: Bot,
        session_factory: SessionFactory,
        clock: Clock,
        turns: ChatTurns,
        handle: HandleUpdate,
        turn_seconds: float,
        stop_window: StopWindow,
    ) -> None:
        self._bot = bot
        self._session_factory = session_factory
        self._clock = clock
        self._turns = turns
        self._handle = handle
        self._renew_every = max(turn_seconds / 3, 0.05)
        self.sweep_every = max(min(turn_seconds / 2, 5.0), 0.1)
        self._draining: dict[int | None, asyncio.Task[None]] = {}
        self._again: set[int | None] = set()
        self._parsed: dict[int, Update] = {}
        self._stopping = False
        self._window = stop_window
        self._failures = LoopFailures(logger, "inbox.drain")

    def offer(self, chat_key: int | None, update: Update | None = None) -> None:
        """A chat has a new pending update (committed): handle it here if the turn is free.

        ``update`` is the update already parsed, kept so it need not be read back and
        parsed again when this instance gets the turn.
        """
        if update is not None:
            self._parsed[update.update_id] = update
        if chat_key in self._draining:
            self._again.add(chat_key)  # the running drain looks once more before it ends
            return
        task = asyncio.create_task(self._drain(chat_key), name=f"chat-{chat_key}")
        self._draining[chat_key] = task

    async def run_sweeps(self, stop: asyncio.Event) -> None:
        """Offer every chat left waiting, at start and then every few seconds."""
        await every(self.sweep_every, self.sweep, clock=self._clock, stop=stop, name="inbox")

    async def sweep(self) -> int:
        """Offer the chats whose updates have waited too long; returns how many."""
        async with self._session_factory() as session:
            chats = await Repositories(session, clock=self._clock).updates.waiting_chats(
                received_before=self._clock.now() - SWEEP_AFTER
            )
        for chat_key in chats:
            self.offer(chat_key)
        return len(chats)

    def stop(self) -> None:
        """Start no further update: those not begun stay pending for another instance,
        or for this one's next start, so that a stop does not wait for a chat's backlog
        (or for Telegram, while it is unreachable)."""
        self._window.open()
        self._stopping = True

    async def finish(self) -> None:
        """After :meth:`stop`: wait for the updates under way while the stop's window is
        open, then cut them short (they stay pending, and the chats' turns are handed
        back as the handlers unwind)."""
        while self._draining:
            await self._window.finish_or_cut(list(self._draining.values()), "chats")

    async def drain(self) -> None:
        """Wait until every chat taken here has been handled, or left after :meth:`stop`."""
        while self._draining:
            await asyncio.gather(*list(self._draining.values()), return_exceptions=True)

    async def _drain(self, chat_key: int | None) -> None:
        handled: set[int] = set()  # kept across turns: an update left pending is not rerun
        try:
            while await self._turns.take(chat_key):
                self._failures.succeeded()
                if not await self._hold_turn(chat_key, handled):
                    return  # stuck on one update: the sweep tries again later
                # Offered here while the turn was ours, after the last read: once more.
                if chat_key not in self._again:
                    return
        except Exception as error:  # Redis or the database away: the sweep offers it again
            self._failures.failed(error, f"chat_key={chat_key}")
        finally:
            self._draining.pop(chat_key, None)
            if not self._draining:
                self._parsed.clear()  # what another instance handled is not kept

    async def _hold_turn(self, chat_key: int | None, handled: set[int]) -> bool:
        """Handle the chat's pending updates until nobody knocks; False if stuck.

        Another instance that recorded an update for the chat while the turn was ours
        knocked on it; the turn is then kept and the inbox read again (see
        :mod:`bot.cluster.turns`).
        """
        knocked = True
        while knocked:
            self._again.discard(chat_key)
            progressed = False
            try:
                progressed = await self._handle_pending(chat_key, handled)
            finally:
                knocked = await self._turns.give_back(chat_key, unless_knocked=progressed)
            if not progressed:
                return False
        return True

    async def _handle_pending(self, chat_key: int | None, handled: set[int]) -> bool:
        """Handle the chat's pending updates in order; False if one would not leave.

        Reads again within the turn only after a full batch: a shorter one was all there
        was, and what arrived since left a knock on the turn (another instance) or an
        offer (this one).
        """
        done, lost = asyncio.Event(), asyncio.Event()
        keeper = asyncio.create_task(self._keep_turn(chat_key, done, lost))
        try:
            while True:
                async with self._session_factory() as session:
                    rows = await Repositories(session, clock=self._clock).updates.pending_of_chat(
                        chat_key, limit=BATCH
                    )
                for update_id, payload in rows:
                    if self._stopping:
                        return False  # left pending; the turn is given back
                    if lost.is_set():
                        return False  # the chat goes on wherever its turn is now
                    if update_id in handled:
                        return False  # still pending after its handler ran: not marked
                    handled.add(update_id)
                    update = self._parsed.pop(update_id, None) or Update.model_validate_json(
                        payload, context={"bot": self._bot}
                    )
                    await self._handle(update)
                if len(rows) < BATCH:
                    return True
        finally:
            done.set()
            await keeper

    async def _keep_turn(
        self, chat_key: int | None, done: asyncio.Event, lost: asyncio.Event
    ) -> None:
        """Renew the turn while handlers run, so a slow one does not lose it; set ``lost``
        if it ran out all the same (this instance starved for longer than a turn lasts).

        A lost turn may already be another instance's: the update under way is finished
        (the inbox lets only one handler of it commit, see ``UpdateInbox.take``) and the
        chat's later updates are left to the new holder, or to the sweep.

        Stopped by ``done``, not cancelled: a Redis call cancelled halfway may swallow
        the cancellation, and a keeper that went on renewing would hold the chat forever.
        """
        while not done.is_set():
            await wait_any(done, timeout=self._renew_every)
            if done.is_set():
                return
            if not await self._turns.renew(chat_key):
                logger.warning("event=inbox.turn_lost chat_key=%s", chat_key)
                lost.set()
                return
