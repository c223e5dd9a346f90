"""The outbox: messages written by callers, drained by the sender worker."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, update

from storage.models.outbox import OutboxMessage, OutboxStatus
from storage.models.users import User
from storage.repositories.base import Repository, rowcount

_PENDING = OutboxStatus.PENDING.value
_SENDING = OutboxStatus.SENDING.value


class OutboxRepository(Repository):
    """Reads and changes ``outbox``; callers add rows, only the sender moves them on."""

    async def add(
        self,
        *,
        chat_id: int,
        text: str,
        thread_id: int | None = None,
        reply_markup: dict[str, Any] | None = None,
        reply_to: int | None = None,
        not_before: datetime | None = None,
        dedup_key: str | None = None,
        now: datetime | None = None,
    ) -> OutboxMessage | None:
        """Queue one message in the caller's transaction; ``None`` if ``dedup_key`` is taken."""
        moment = self._now(now)
        message_id = await self.session.scalar(
            self._insert(OutboxMessage)
            .values(
                chat_id=chat_id,
                text=text,
                thread_id=thread_id,
                reply_markup=reply_markup,
                reply_to=reply_to,
                status=_PENDING,
                attempts=0,
                not_before=not_before or moment,
                created_at=moment,
                dedup_key=dedup_key,
            )
            .on_conflict_do_nothing(index_elements=[OutboxMessage.dedup_key])
            .returning(OutboxMessage.id)
        )
        if message_id is None:
            return None
        return await self.session.get(OutboxMessage, message_id)

    async def get(self, message_id: int) -> OutboxMessage | None:
        """One message by id, as stored now."""
        return await self.session.get(OutboxMessage, message_id, populate_existing=True)

    async def find(
        self, *, chat_id: int | None = None, status: OutboxStatus | None = None
    ) -> list[OutboxMessage]:
        """Messages matching every filter given, oldest first."""
        statement = select(OutboxMessage).order_by(OutboxMessage.id)
        if chat_id is not None:
            statement = statement.where(OutboxMessage.chat_id == chat_id)
        if status is not None:
            statement = statement.where(OutboxMessage.status == status.value)
        return list((await self.session.scalars(statement)).all())

    async def heads(self, *, now: datetime, limit: int) -> list[tuple[OutboxMessage, bool]]:
        """The oldest message of each chat, when it is due, with whether that user blocked
        the bot.

        Only a chat's head may go out, so one chat's messages arrive in order: a chat
        whose oldest message is being sent (by any sender) or was tried and waits out a
        backoff has no head, and its later messages wait behind it. A message queued for
        later (a notice held for working hours) is not in the way until it is due.
        """
        first = (
            select(func.min(OutboxMessage.id).label("id"))
            .where(
                or_(
                    OutboxMessage.status == _SENDING,
                    and_(
                        OutboxMessage.status == _PENDING,
                        or_(OutboxMessage.not_before <= now, OutboxMessage.attempts > 0),
                    ),
                )
            )
            .group_by(OutboxMessage.chat_id)
            .subquery()
        )
        rows = await self.session.execute(
            select(OutboxMessage, User.is_blocked)
            .join(first, first.c.id == OutboxMessage.id)
            .where(OutboxMessage.status == _PENDING, OutboxMessage.not_before <= now)
            .outerjoin(User, User.id == OutboxMessage.chat_id)
            .order_by(OutboxMessage.id)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return [(message, bool(blocked)) for message, blocked in rows.all()]

    async def next_not_before(self) -> datetime | None:
        """The earliest moment a pending message may go out."""
        return await self.session.scalar(
            select(func.min(OutboxMessage.not_before)).where(OutboxMessage.status == _PENDING)
        )

    async def claim(
        self, message_ids: list[int], *, owner: str, now: datetime, lease: timedelta
    ) -> list[int]:
        """Take pending messages for ``owner``; returns the ids actually taken."""
        if not message_ids:
            return []
        await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(message_ids), OutboxMessage.status == _PENDING)
            .values(
                status=_SENDING,
                claimed_by=owner,
                claimed_until=now + lease,
                attempts=OutboxMessage.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
        taken = await self.session.scalars(
            select(OutboxMessage.id).where(
                OutboxMessage.id.in_(message_ids),
                OutboxMessage.status == _SENDING,
                OutboxMessage.claimed_by == owner,
            )
        )
        return list(taken.all())

    async def mark_sent(
        self, message_id: int, *, owner: str, now: datetime, telegram_message_id: int | None
    ) -> bool:
        """Telegram took the message. ``last_error`` keeps the last failure on the way
        (after an ambiguous one it says the message may have arrived twice)."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.claimed_by == owner)
            .values(
                status=OutboxStatus.SENT.value,
                sent_at=now,
                message_id=telegram_message_id,
                claimed_until=None,
            )
            .execution_options(synchronize_session=False)
        )
        return rowcount(result) == 1

    async def release(
        self, message_id: int, *, owner: str, error: str, not_before: datetime | None = None
    ) -> bool:
        """Give a message back to the queue after a failure worth retrying (not before
        ``not_before``, when given)."""
        return await self._close(message_id, owner, OutboxStatus.PENDING, error, not_before)

    async def out_of_thread(self, message_id: int, *, owner: str, error: str) -> bool:
        """Queue a message again for the group itself: the forum topic it was for is gone.

        It no longer replies to anything either: what it answered was in that topic.
        """
        return await self._close(
            message_id, owner, OutboxStatus.PENDING, error, thread_id=None, reply_to=None
        )

    async def finish(
        self, message_id: int, *, owner: str, status: OutboxStatus, error: str
    ) -> bool:
        """Give up on a message for good: ``failed`` or ``dropped``."""
        return await self._close(message_id, owner, status, error)

    async def drop_pending(self, chat_id: int, *, reason: str) -> int:
        """Drop everything still waiting for one chat (the user blocked the bot)."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.chat_id == chat_id, OutboxMessage.status == _PENDING)
            .values(status=OutboxStatus.DROPPED.value, last_error=reason[:256])
            .execution_options(synchronize_session=False)
        )
        return rowcount(result)

    async def due_now(self, chat_id: int, *, now: datetime) -> int:
        """Make what waits for one chat due at once (the bot is back in that group)."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.chat_id == chat_id,
                OutboxMessage.status == _PENDING,
                OutboxMessage.not_before > now,
            )
            .values(not_before=now)
            .execution_options(synchronize_session=False)
        )
        return rowcount(result)

    async def take_back_stale(self, *, owner: str, now: datetime) -> list[OutboxMessage]:
        """Put back in the queue what another sender left in flight past its lease.

        That sender died while Telegram had the message, so nobody knows whether it
        arrived; it is sent again (at least once), and may arrive twice.
        """
        return await self._take_back(
            OutboxMessage.claimed_until < now, OutboxMessage.claimed_by != owner
        )

    async def take_back_in_flight(
        self, owners: Collection[str] | None = None
    ) -> list[OutboxMessage]:
        """Put back in the queue every message in flight, or those of ``owners``, whatever
        its lease: the claims of processes known to be dead (see ``bot.in_flight``)."""
        if owners is None:
            return await self._take_back()
        return await self._take_back(OutboxMessage.claimed_by.in_(owners))

    async def _take_back(self, *conditions: ColumnElement[bool]) -> list[OutboxMessage]:
        stale = list(
            (
                await self.session.scalars(
                    select(OutboxMessage).where(OutboxMessage.status == _SENDING, *conditions)
                )
            ).all()
        )
        if stale:
            await self.session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id.in_([message.id for message in stale]),
                    OutboxMessage.status == _SENDING,
                )
                .values(
                    status=_PENDING,
                    claimed_by=None,
                    claimed_until=None,
                    last_error="lease expired in flight (may have arrived, sent again)",
                )
                .execution_options(synchronize_session=False)
            )
        return stale

    async def _close(
        self,
        message_id: int,
        owner: str,
        status: OutboxStatus,
        error: str,
        not_before: datetime | None = None,
        **changes: Any,
    ) -> bool:
        values: dict[str, Any] = {
            "status": status.value,
            "claimed_until": None,
            "last_error": error[:256],
            **changes,
        }
        if not_before is not None:
            values["not_before"] = not_before
        result = await self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,
                OutboxMessage.status == _SENDING,
                OutboxMessage.claimed_by == owner,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return rowcount(result) == 1
