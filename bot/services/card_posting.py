"""Every submitted request reaches the team group: posting its card is durable work.

The request is committed at submission with its claim clock running; its card is posted
afterwards by this job, nudged with the request right after the submitting update commits
(on whichever instance took the update) and looking again every half minute. A transient
failure (see :mod:`bot.failures`) is retried with backoff, up to every ten minutes, for as
long as the request is in work. A refusal that will not pass by itself (the chat is not
found, the bot is not a member or may not post) is retried every ten minutes too, and the
managers are told once per request what is wrong and how to fix it (the waits and the
notice are :mod:`bot.services.card_refusals`); meanwhile ``/queue`` marks the request as
not in the group. An ambiguous failure (the group got the card, the answer was lost) can
post it twice. The copy recorded first is the card: usually the second, whose answer
arrived; the first then answers its buttons as out of date. If someone pressed the first
before the second was recorded, the press made it the card
(see :func:`bot.services.cards.adopt_card`) and the second is deleted.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.cluster.leases import JobLease
from bot.failures import is_transient, retry_delay, thread_gone
from bot.i18n import I18n
from bot.loop_failures import LoopFailures
from bot.sending.outbox import Outbox
from bot.sending.wakeup import Passes, clock_moved, wait_any
from bot.services.attachments import send_attachments
from bot.services.card_refusals import LONGEST_WAIT, Retry, tell_managers
from bot.services.cards import NewCard, prepare_card, record_card, send_card
from bot.services.desk import Desk
from bot.services.team_group import TeamGroup
from bot.services.topics import forget_thread
from bot.settings import Settings
from domain.clock import Clock
from scenarios.loader import ScenarioCatalog
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)

LOOK_INTERVAL = 30.0
"""Seconds between looks for cards still to post, when nothing nudges the job sooner."""
BATCH = 50
"""Cards a whole look reads from the database at a time."""
CLAIM_TTL = timedelta(minutes=2)
"""How long one instance may take to post a card it claimed before another may try."""


@dataclass
class CardPosting:
    """Posts the card of every request in work that the team group does not have yet."""

    bot: Bot
    session_factory: SessionFactory
    clock: Clock
    i18n: I18n
    settings: Settings
    scenarios: ScenarioCatalog
    group: TeamGroup
    outbox: Outbox
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _submitted: set[int] = field(default_factory=set)
    _passes: asyncio.Lock = field(default_factory=asyncio.Lock)
    _retries: dict[int, Retry] = field(default_factory=dict)
    _looks: Passes = field(init=False)
    _whole_look_at: float = 0.0
    """When ``run`` next looks at every card still to post (monotonic)."""

    def __post_init__(self) -> None:
        self._looks = Passes(self._wake)

    def notify(self, request_id: int) -> None:
        """A request was submitted (and committed) here, or its card is due again: post now.

        A nudge overrides a wait for a retry: it comes when what refused the card has
        changed (the bot is back in the group, the card was deleted there).
        """
        self._retries.pop(request_id, None)
        self._submitted.add(request_id)
        self._wake.set()

    async def run(self, stop: asyncio.Event, lease: JobLease | None = None) -> None:
        """Post what is waiting until ``stop``; woken by submissions and by the clock.

        Alone (no ``lease``), every wake-up looks at all the cards still to post. With
        several instances, an instance woken by a submission it took posts that card
        only, and the holder of ``lease`` looks at all of them every half minute: were
        every nudged instance to look at everything, each would try the cards the
        others were posting. Each card is claimed (``lease.claim_item``) before it is
        sent, so none goes out twice.
        """
        failures = LoopFailures(logger, "team.card_posting")
        while not stop.is_set():
            moved = clock_moved(self.clock)
            self._wake.clear()
            mine, self._submitted = self._submitted, set()
            try:  # a failure (the database away) is logged; the next look tries again
                await self._looks.run(partial(self._look, mine, lease))
                failures.succeeded()
            except Exception as error:
                failures.failed(error)
            wait = min(self._whole_look_at - time.monotonic(), self._next_look())
            await wait_any(stop, moved, self._wake, timeout=max(0.0, wait))
            if moved is not None and moved.is_set():
                self._whole_look_at = 0.0  # the clock jumped: retries may be due

    async def settled(self) -> None:
        """Wait until a whole look has run that started after this call.

        For tests: after moving the clock, ``await posting.settled()`` means every card
        whose retry was due by then has been posted, or dropped if its request closed
        meanwhile. Needs ``run()``.
        """
        await self._looks.settled()

    async def _look(self, mine: set[int], lease: JobLease | None) -> None:
        """One look of ``run``: the cards it was nudged about, and all of them when due.

        The next look at all of them is put off before this one starts, so that one
        which fails (the database away) is not tried again at once.
        """
        if lease is not None:
            # Cards submitted here, and those that failed here and are due again.
            mine |= self._due_retries()
            if mine:
                await self._post_these(mine, lease)
        if lease is None or time.monotonic() >= self._whole_look_at:
            self._whole_look_at = time.monotonic() + (lease.retry if lease else LOOK_INTERVAL)
            if lease is None or await lease():
                await self.post_waiting(lease)
                self._whole_look_at = time.monotonic() + LOOK_INTERVAL

    async def post_waiting(self, lease: JobLease | None = None) -> int:
        """Try every card that is due, a page at a time; returns how many were posted.

        One pass at a time: a caller waits for the pass under way, cards recorded.
        """
        if self.settings.team_chat_id is None:
            return 0
        posted, after = 0, 0
        async with self._passes:
            while True:
                async with self.session_factory() as session:
                    repo = Repositories(session, clock=self.clock)
                    page = await repo.cards.not_in_group(BATCH, after=after)
                posted += await self._post_due(page, lease)
                if len(page) < BATCH:
                    return posted
                after = page[-1]

    async def _post_these(self, request_ids: set[int], lease: JobLease) -> int:
        if self.settings.team_chat_id is None:
            return 0
        async with self._passes:
            return await self._post_due(sorted(request_ids), lease)

    async def _post_due(self, request_ids: list[int], lease: JobLease | None) -> int:
        now = self.clock.now()
        posted = 0
        for request_id in request_ids:
            retry = self._retries.get(request_id)
            if retry is not None and not retry.due(now):
                continue
            if await self._claimed_post(request_id, lease):
                posted += 1
        return posted

    async def _claimed_post(self, request_id: int, lease: JobLease | None) -> bool:
        if lease is None:
            return await self._post(request_id)
        if not await lease.claim_item(request_id, CLAIM_TTL):
            return False  # another instance is posting it right now
        try:
            return await self._post(request_id)
        finally:
            await lease.release_item(request_id)

    async def _post(self, request_id: int) -> bool:
        async with self.session_factory() as session:
            new = await prepare_card(
                self._desk(Repositories(session, clock=self.clock)), request_id
            )
            await session.commit()
        if new is None:
            self._retries.pop(request_id, None)  # posted elsewhere, or closed meanwhile
            return False
        try:
            message = await send_card(self.bot, new)
        except TelegramAPIError as error:
            await self._failed(new, error)
            return False
        async with self.session_factory() as session:
            desk = self._desk(Repositories(session, clock=self.clock))
            card_id = await record_card(desk, new, message)
            await session.commit()
        self._retries.pop(request_id, None)
        if card_id is None:
            return False  # the request is gone
        posted = card_id == message.message_id
        logger.info(
            "event=%s request_id=%s message_id=%s",
            "team.card_posted" if posted else "team.card_copy_withdrawn",
            request_id,
            message.message_id,
        )
        await self._attachments(new, card_id)
        return posted

    async def _attachments(self, new: NewCard, card_id: int) -> None:
        async with self.session_factory() as session:
            desk = self._desk(Repositories(session, clock=self.clock))
            await send_attachments(
                desk, new.chat_id, new.attachments, thread_id=new.thread_id, reply_to=card_id
            )

    async def _failed(self, new: NewCard, error: TelegramAPIError) -> None:
        previous = self._retries.get(new.request_id)
        attempts = previous.attempts + 1 if previous is not None else 1
        if new.thread_id is not None and thread_gone(error) and await self._forget(new.thread_id):
            wait = timedelta(0)  # the scenario's topic was deleted: the next try opens anew
        elif is_transient(error):
            wait = min(timedelta(seconds=retry_delay(error, attempts)), LONGEST_WAIT)
            logger.warning(
                "event=team.card_retry request_id=%s attempt=%s wait=%s error=%s",
                new.request_id,
                attempts,
                wait,
                error,
            )
        else:
            wait = LONGEST_WAIT
            logger.error("event=team.card_refused request_id=%s error=%s", new.request_id, error)
            await self._tell_managers(new, error)
        self._retries[new.request_id] = Retry.after(attempts, self.clock.now(), wait)

    async def _forget(self, thread_id: int) -> bool:
        async with self.session_factory() as session:
            forgotten = await forget_thread(
                self._desk(Repositories(session, clock=self.clock)), thread_id
            )
            await session.commit()
        return forgotten

    async def _tell_managers(self, new: NewCard, error: TelegramAPIError) -> None:
        """Once per request: what the group refuses and how to fix it."""
        async with self.session_factory() as session:
            await tell_managers(
                Repositories(session, clock=self.clock),
                self.outbox,
                i18n=self.i18n,
                admin_ids=self.settings.admin_ids,
                request_id=new.request_id,
                error=error,
            )
            await session.commit()

    def _due_retries(self) -> set[int]:
        now = self.clock.now()
        return {number for number, retry in self._retries.items() if retry.due(now)}

    def _next_look(self) -> float:
        now = self.clock.now()
        soonest = min((retry.seconds_left(now) for retry in self._retries.values()), default=None)
        return LOOK_INTERVAL if soonest is None else max(0.05, min(LOOK_INTERVAL, soonest))

    def _desk(self, repo: Repositories) -> Desk:
        return Desk(
            bot=self.bot,
            repo=repo,
            i18n=self.i18n,
            settings=self.settings,
            scenarios=self.scenarios,
            group=self.group,
            outbox=self.outbox,
        )
