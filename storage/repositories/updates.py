"""The inbox of received Telegram updates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, delete, func, select, update

from storage.models import InboxUpdate, UpdateStatus
from storage.repositories.base import Repository, rowcount

# Run once per update: built once, with only the parameters changing.
_FINISH = (
    update(InboxUpdate)
    .where(
        InboxUpdate.update_id == bindparam("finished_id"),
        InboxUpdate.status == UpdateStatus.PENDING.value,
    )
    .values(
        status=bindparam("new_status"),
        error=bindparam("failure"),
        handled_at=bindparam("finished_at"),
    )
)


class UpdateInbox(Repository):
    """Makes update handling exactly-once.

    The poller calls :meth:`record` and commits before confirming the batch to
    Telegram, so a crash never loses an update; an update Telegram delivers again is
    ignored by id. A handler marks its update done in its own transaction.
    """

    async def record(
        self,
        updates: Sequence[tuple[int, str] | tuple[int, str, int | None]],
        *,
        now: datetime | None = None,
    ) -> list[int]:
        """Store ``(update_id, raw_json[, chat_key])``; return the ids not seen before, sorted.

        ``chat_key`` names the chat whose updates are handled in order; instances that
        share the inbox take a chat's pending updates by it.
        """
        if not updates:
            return []
        received_at = self._now(now)
        rows = [
            {
                "update_id": row[0],
                "payload": row[1],
                "chat_key": row[2] if len(row) > 2 else None,
                "status": UpdateStatus.PENDING.value,
                "received_at": received_at,
            }
            for row in updates
        ]
        # A Core statement on the table with the rows as parameters: one cached statement
        # run as a multi-row insert, instead of the ORM's bulk path compiling a new
        # statement for every batch (it showed as most of an update's cost).
        table = InboxUpdate.__table__
        statement = (
            self._insert(table)
            .on_conflict_do_nothing(index_elements=[table.c.update_id])
            .returning(table.c.update_id)
        )
        result = await (await self._core()).execute(statement, rows)
        return sorted(result.scalars().all())

    async def pending(self, limit: int = 100) -> list[tuple[int, str]]:
        """The oldest updates still waiting for a handler, as ``(update_id, raw_json)``."""
        result = await self.session.execute(
            select(InboxUpdate.update_id, InboxUpdate.payload)
            .where(InboxUpdate.status == UpdateStatus.PENDING.value)
            .order_by(InboxUpdate.update_id)
            .limit(limit)
        )
        return [(update_id, payload) for update_id, payload in result]

    async def pending_of_chat(
        self, chat_key: int | None, limit: int = 100
    ) -> list[tuple[int, str]]:
        """One chat's updates still waiting for a handler, oldest first."""
        same_chat = (
            InboxUpdate.chat_key.is_(None)
            if chat_key is None
            else InboxUpdate.chat_key == chat_key
        )
        result = await self.session.execute(
            select(InboxUpdate.update_id, InboxUpdate.payload)
            .where(InboxUpdate.status == UpdateStatus.PENDING.value, same_chat)
            .order_by(InboxUpdate.update_id)
            .limit(limit)
        )
        return [(update_id, payload) for update_id, payload in result]

    async def waiting_chats(
        self, received_before: datetime, limit: int = 1000
    ) -> list[int | None]:
        """Chats with an update pending since before ``received_before``.

        An instance that stopped in the middle of a chat leaves its updates pending; the
        others find them here and take them over.
        """
        result = await self.session.scalars(
            select(InboxUpdate.chat_key)
            .distinct()
            .where(
                InboxUpdate.status == UpdateStatus.PENDING.value,
                InboxUpdate.received_at < received_before,
            )
            .limit(limit)
        )
        return list(result)

    async def waiting(self) -> tuple[int, datetime | None]:
        """How many updates wait for a handler, and when the oldest of them was received."""
        count, oldest = (
            await self.session.execute(
                select(func.count(), func.min(InboxUpdate.received_at)).where(
                    InboxUpdate.status == UpdateStatus.PENDING.value
                )
            )
        ).one()
        return int(count), oldest

    async def take(self, update_id: int, *, now: datetime | None = None) -> bool:
        """Begin a handler's transaction by marking its update done; ``False`` if another
        handler has taken it (or it failed for good), so this one must not run.

        The mark is the transaction's first statement and stands only if the handler
        commits (a rollback leaves the update pending), and on PostgreSQL its row stays
        locked until then. So a second instance that starts on the same update (the
        chat's turn ran out while its holder was still at work) waits for the first to
        finish and then finds the update taken: a handler's work is never done twice.
        An update that was never recorded (fed to the dispatcher directly) is handled.
        """
        if await self._finish(update_id, UpdateStatus.DONE, None, now):
            return True
        return await self.status(update_id) is None

    async def mark_failed(
        self, update_id: int, error: str, *, now: datetime | None = None
    ) -> bool:
        """Park an update whose handler failed, with the reason, so it is not retried."""
        return await self._finish(update_id, UpdateStatus.FAILED, error, now)

    async def status(self, update_id: int) -> UpdateStatus | None:
        """Where the update is, or ``None`` if it was never recorded (or was pruned)."""
        value = await self.session.scalar(
            select(InboxUpdate.status).where(InboxUpdate.update_id == update_id)
        )
        return None if value is None else UpdateStatus(value)

    async def prune(self, older_than: datetime) -> int:
        """Forget finished updates received before ``older_than``; return how many.

        Pending ones are kept whatever their age. Telegram stops redelivering an
        update after a day, so keeping a few days is enough to catch duplicates.
        """
        result = await self.session.execute(
            delete(InboxUpdate).where(
                InboxUpdate.received_at < older_than,
                InboxUpdate.status != UpdateStatus.PENDING.value,
            )
        )
        return rowcount(result)

    async def _finish(
        self, update_id: int, status: UpdateStatus, error: str | None, now: datetime | None
    ) -> bool:
        result = await (await self._core()).execute(
            _FINISH,
            {
                "finished_id": update_id,
                "new_status": status.value,
                "failure": error,
                "finished_at": self._now(now),
            },
        )
        return rowcount(result) == 1
