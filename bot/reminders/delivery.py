"""What becomes of one claimed reminder: it goes to the outbox, is relayed, waits for the
recipient's working hours, is tried again after Telegram's trouble, or is dropped.

Apart from the engine, which decides when to look and claims the due rows, because this
is the part that knows the kinds, the recipients and their words; each reminder is taken
to its end in a transaction of its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.i18n import I18n
from bot.reminders.kinds import ReminderContext, ReminderKinds, TryLaterError
from bot.reminders.relay import Relayed
from bot.reminders.windows import WorkingWindows
from bot.sending.outbox import Outbox
from domain.clock import Clock
from storage.models import Reminder, ReminderStatus
from storage.repositories.holder import Repositories
from storage.write_turn import SessionFactory

logger = logging.getLogger(__name__)


class ReminderDelivery:
    """Renders, sends, relays, postpones or drops the reminders its engine claimed."""

    def __init__(
        self,
        *,
        session_factory: SessionFactory,
        clock: Clock,
        outbox: Outbox,
        kinds: ReminderKinds,
        i18n: I18n,
        windows: WorkingWindows,
        admins: tuple[int, ...],
        late_after: timedelta,
        owner: str,
        notify: Callable[[], None],
    ) -> None:
        self._session_factory = session_factory
        self._clock = clock
        self._outbox = outbox
        self._kinds = kinds
        self._i18n = i18n
        self._windows = windows
        self._admins = admins
        self._late_after = late_after
        self._owner = owner
        self._notify = notify

    async def handle(self, reminder: Reminder, now: datetime) -> int:
        """Render one claimed reminder and hand it to the outbox, or drop or postpone it."""
        async with self._session_factory() as session:
            repo = Repositories(session, clock=self._clock)
            late = reminder.late or now - reminder.due_at > self._late_after
            kind = self._kinds.get(reminder.kind)
            if kind is None:
                return await self._drop(repo, reminder, now, late, "unknown kind")
            if kind.grace is not None and now - reminder.due_at > kind.grace:
                return await self._drop(repo, reminder, now, late, "past its grace period")
            recipient = (
                await repo.users.get(reminder.recipient_id) if reminder.recipient_id > 0 else None
            )
            if recipient is not None and recipient.is_blocked:
                return await self._drop(repo, reminder, now, late, "recipient blocked the bot")
            send_at = self._windows.send_at(recipient, now, urgent=reminder.urgent)
            if send_at > now:
                await repo.reminders.postpone(
                    reminder.id, owner=self._owner, due_at=send_at, late=late
                )
                await session.commit()
                logger.info(
                    "event=reminders.postponed reminder_id=%s until=%s",
                    reminder.id,
                    send_at.isoformat(),
                )
                return 0
            locale = (
                self._i18n.pick_locale(recipient.language, recipient.telegram_language)
                if recipient is not None
                else None
            )
            context = ReminderContext(
                reminder=reminder,
                repo=repo,
                t=self._i18n.get(locale),
                recipient=recipient,
                zone=self._windows.zone_of(recipient),
                now=now,
                late=late,
                admins=self._admins,
            )
            try:
                rendered = await kind.render(context)
            except TryLaterError as later:
                return await self._later(repo, reminder, now, later)
            except Exception as error:
                logger.exception("event=reminders.render_failed reminder_id=%s", reminder.id)
                await session.rollback()
                return await self._drop(
                    repo, reminder, now, late, f"render failed: {type(error).__name__}"
                )
            if rendered is None:
                return await self._drop(repo, reminder, now, late, "nothing to say any more")
            if isinstance(rendered, Relayed):
                return await self._relayed(repo, reminder, now, late, rendered)
            message = await self._outbox.enqueue(
                repo,
                chat_id=reminder.recipient_id,
                text=rendered.text,
                thread_id=rendered.thread_id,
                reply_markup=rendered.reply_markup,
                reply_to=rendered.reply_to,
            )
            finished = await repo.reminders.finish(
                reminder.id,
                owner=self._owner,
                status=ReminderStatus.SENT,
                now=now,
                late=late,
                outbox_id=message.id if message is not None else None,
            )
            if not finished:
                # Cancelled, or re-taken after our lease ran out: the outbox row goes too.
                await session.rollback()
                return 0
            await session.commit()
            logger.info(
                "event=reminders.sent reminder_id=%s kind=%s late=%s",
                reminder.id,
                reminder.kind,
                late,
            )
            return 1

    async def _relayed(
        self, repo: Repositories, reminder: Reminder, now: datetime, late: bool, relayed: Relayed
    ) -> int:
        """A deciding reminder planned reminders of its own; with nobody to tell, it is
        dropped with a warning, since whatever it was about reaches no one."""
        if not relayed.recipients:
            return await self._drop(repo, reminder, now, late, "nobody to tell")
        finished = await repo.reminders.finish(
            reminder.id,
            owner=self._owner,
            status=ReminderStatus.SENT,
            now=now,
            late=late,
            outcome=f"relayed to {len(relayed.recipients)}",
        )
        if not finished:
            await repo.session.rollback()
            return 0
        await repo.commit()
        self._notify()
        logger.info(
            "event=reminders.relayed reminder_id=%s kind=%s recipients=%s",
            reminder.id,
            reminder.kind,
            ",".join(map(str, relayed.recipients)),
        )
        return 0

    async def _later(
        self, repo: Repositories, reminder: Reminder, now: datetime, later: TryLaterError
    ) -> int:
        """The renderer met trouble that will pass: what it wrote stays, and the reminder
        is held until its next try, which any engine may make. Held, not postponed, so that
        its due time (which the renderer may read, and the grace counts from) stays."""
        until = now + timedelta(seconds=later.after)
        await repo.reminders.hold(reminder.id, owner=self._owner, until=until)
        await repo.commit()
        logger.warning(
            "event=reminders.try_later reminder_id=%s kind=%s until=%s reason=%s",
            reminder.id,
            reminder.kind,
            until.isoformat(),
            later.reason,
        )
        return 0

    async def _drop(
        self, repo: Repositories, reminder: Reminder, now: datetime, late: bool, why: str
    ) -> int:
        await repo.reminders.finish(
            reminder.id,
            owner=self._owner,
            status=ReminderStatus.DROPPED,
            now=now,
            late=late,
            outcome=why,
        )
        await repo.commit()
        logger.warning(
            "event=reminders.dropped reminder_id=%s kind=%s why=%s",
            reminder.id,
            reminder.kind,
            why,
        )
        return 0
