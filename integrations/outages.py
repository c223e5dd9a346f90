"""What the admins hear when a receiver is down: early, once, in one summary, and when back.

A receiver (a webhook endpoint, or a CRM) that answers 503 for a day used to give one
message per delivery at the 24th hour, hundreds at real volume and nothing before. Now:

- **down**: once per outage, when deliveries to it have kept failing for ``WARN_AFTER``
  (its oldest waiting delivery has failed since then, with no landing in between), naming
  the last error and how many wait. An hour: a receiver's deploy or restart is over by
  then, and 23 hours remain to fix it before anything gives up.
- **gave up**: one summary per receiver for the deliveries whose 24 hours end in the same
  ``SUMMARY_WINDOW``, sent when the last of them gives up (how many, the first and the
  last, the error). Deliveries made together give up together, so an outage of a morning is
  one message, and a long one with steady traffic at most four a day.
- **back**: once, when a receiver the admins were warned about takes a delivery again.

An outage is everything since the receiver's last landing, named by that moment; each
notice's outbox ``dedup_key`` carries the name, so "once" holds across workers and
restarts without a table of its own. A receiver's "no" (a 400) is not an outage: it is
still told per delivery by the worker, since each such delivery needs a look.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import I18n, Translator
from bot.reminders.windows import WorkingWindows
from bot.sending.managers import admins_to_tell
from bot.sending.outbox import Outbox
from storage.models import Delivery
from storage.repositories.delivery_outages import Receiver, Trouble
from storage.repositories.holder import Repositories

logger = logging.getLogger(__name__)

WARN_AFTER = timedelta(hours=1)
"""How long a receiver fails, with deliveries waiting, before the admins are warned."""

SUMMARY_WINDOW = timedelta(hours=6)
"""Deliveries whose 24 hours end in one such window (UTC, from midnight) share a summary."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

Render = Callable[[Translator, ZoneInfo], str]
"""A notice's text in one admin's language, with moments in their time zone."""


def receiver_of(delivery: Delivery) -> Receiver:
    return Receiver(target=delivery.target, endpoint=delivery.endpoint)


def failing_since(trouble: Trouble, delivery: Delivery, landed: datetime | None) -> datetime:
    """Since when the receiver has failed: its oldest failing delivery's making, or its
    last landing if that came later (an endpoint that lands now and then is not down)."""
    since = delivery.created_at
    if trouble.oldest is not None:
        since = min(since, trouble.oldest)
    return since if landed is None else max(since, landed)


def summary_window(give_up_at: datetime) -> tuple[datetime, datetime]:
    """The ``SUMMARY_WINDOW`` that a delivery's end of retries falls in."""
    index = (give_up_at - _EPOCH) // SUMMARY_WINDOW
    start = _EPOCH + index * SUMMARY_WINDOW
    return start, start + SUMMARY_WINDOW


def outage_key(kind: str, receiver: Receiver, landed: datetime | None) -> str:
    """The outbox key of one notice about one outage, before the recipient's id.

    Hashed: an endpoint's name may be 64 characters, the key may hold 128.
    """
    digest = hashlib.sha256(f"{receiver.target}\n{receiver.endpoint}".encode()).hexdigest()
    moment = 0 if landed is None else (landed - _EPOCH) // timedelta(microseconds=1)
    return f"deliveries-{kind}:{digest[:16]}:{moment}"


class OutageNotices:
    """Tells every admin, in their language, through the outbox (so in the caller's
    transaction: a notice exists exactly when the change it reports committed)."""

    def __init__(
        self,
        *,
        outbox: Outbox,
        i18n: I18n,
        admin_ids: frozenset[int],
        windows: WorkingWindows,
    ) -> None:
        self._outbox = outbox
        self._i18n = i18n
        self._admin_ids = admin_ids
        self._windows = windows

    async def failed(
        self, repo: Repositories, delivery: Delivery, error: str, now: datetime
    ) -> None:
        """After a retryable failure: warn once if the receiver has failed long enough."""
        receiver = receiver_of(delivery)
        outages = repo.deliveries.outages
        trouble = await outages.trouble(receiver)
        if now - failing_since(trouble, delivery, None) < WARN_AFTER:
            return  # too early to read when it last landed (a scan of the landed ones)
        landed = await outages.last_landed(receiver)
        since = failing_since(trouble, delivery, landed)
        if now - since < WARN_AFTER:
            return
        key = outage_key("down", receiver, landed)
        # The moment it began, not how long ago: a notice held for an admin's morning is
        # read hours after it was written.
        told = await self._tell(
            repo,
            key,
            lambda t, zone: t(
                "webhooks-down-notice",
                receiver=receiver.endpoint,
                since=t.datetime(since.astimezone(zone)),
                error=error,
                waiting=trouble.waiting,
            ),
        )
        if told:
            logger.warning(
                "event=deliveries.endpoint_down target=%s endpoint=%s error=%r waiting=%s",
                receiver.target,
                receiver.endpoint,
                error,
                trouble.waiting,
            )

    async def landed(self, repo: Repositories, delivery: Delivery) -> None:
        """After a landing: say the receiver is back, if the admins were told it was down."""
        receiver = receiver_of(delivery)
        outages = repo.deliveries.outages
        # The landing itself may end the outage: the one delivery that kept failing.
        if delivery.last_error is None and not await outages.failing(receiver):
            return
        before = await outages.last_landed(receiver, besides=delivery.id)
        down = outage_key("down", receiver, before)
        if not await outages.told([f"{down}:{admin_id}" for admin_id in self._admin_ids]):
            return
        failed = await outages.failed_count(receiver)
        told = await self._tell(
            repo,
            outage_key("back", receiver, before),
            lambda t, _zone: t("webhooks-back-notice", receiver=receiver.endpoint, failed=failed),
        )
        if told:
            logger.info(
                "event=deliveries.endpoint_back target=%s endpoint=%s failed=%s",
                receiver.target,
                receiver.endpoint,
                failed,
            )

    async def gave_up(self, repo: Repositories, delivery: Delivery) -> None:
        """After a give-up has committed: the window's summary, if it was the last one.

        In a transaction of its own, after the give-up's: of two workers giving up the
        last two at once, the one that looks second sees both, so one summary is always
        sent; if both see both, the outbox key keeps it to one.
        """
        receiver = receiver_of(delivery)
        since, until = summary_window(delivery.give_up_at)
        outages = repo.deliveries.outages
        if await outages.still_trying(receiver, since=since, until=until):
            return
        summary = await outages.gave_up(receiver, since=since, until=until)
        if summary is None:
            return
        moment = (since - _EPOCH) // timedelta(seconds=1)
        told = await self._tell(
            repo,
            f"{outage_key('gaveup', receiver, None)}:{moment}",
            lambda t, _zone: t(
                "webhooks-gave-up-notice",
                receiver=receiver.endpoint,
                count=summary.count,
                first=summary.first_id,
                last=summary.last_id,
                error=summary.error,
            ),
        )
        if told:
            logger.error(
                "event=deliveries.gave_up_summary target=%s endpoint=%s count=%s first=%s last=%s",
                receiver.target,
                receiver.endpoint,
                summary.count,
                summary.first_id,
                summary.last_id,
            )

    async def _tell(self, repo: Repositories, key: str, render: Render) -> bool:
        """Queue the notice for every admin once; ``False`` if it was queued before.

        In each admin's working hours: the deliveries are retried for a day, so nothing
        is gained by waking anyone, and a receiver down and back in the night is told in
        the morning as both.
        """
        queued = False
        now = repo.clock.now()
        for admin in await admins_to_tell(repo, i18n=self._i18n, admin_ids=self._admin_ids):
            message = await self._outbox.enqueue(
                repo,
                chat_id=admin.id,
                text=render(admin.t, self._windows.zone_of(admin.person)),
                dedup_key=f"{key}:{admin.id}",
                not_before=self._windows.send_at(admin.person, now, urgent=False),
            )
            queued = queued or message is not None
        return queued
