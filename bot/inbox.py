"""The bot's side of the update inbox: what polling and the webhook write, and what they read.

Every update Telegram hands over is written here before it is handled (and before it is
confirmed to Telegram), so a crash loses none; see ``storage/repositories/updates.py`` for
the table and ``bot/polling.py``, ``bot/web/webhook.py`` for who writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from aiogram import Bot
from aiogram.types import Update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.polling import ordering_key
from domain.clock import Clock
from storage.repositories.holder import Repositories
from storage.write_turn import WriteTurn

KEEP = timedelta(days=7)
"""How long handled update ids are kept: far longer than Telegram ever redelivers."""
PRUNE_INTERVAL = 3600.0
"""Seconds between two prunings (a leased job: one instance does it)."""


@dataclass(frozen=True)
class Inbox:
    """Records, reads back and settles updates, each in a transaction of its own."""

    bot: Bot
    session_factory: async_sessionmaker[AsyncSession]
    write_turn: WriteTurn
    clock: Clock

    async def record(self, updates: list[Update], payloads: list[str] | None = None) -> list[int]:
        """Write a fetched batch to the inbox; returns the ids not seen before.

        ``payloads`` are the updates as Telegram sent them, which the webhook has: kept as
        they came, and not serialised again. Polling gets them parsed from aiogram, so
        they are written back to JSON.
        """
        if payloads is None:
            payloads = [u.model_dump_json(exclude_none=True, by_alias=True) for u in updates]
        rows = [
            (u.update_id, payload, ordering_key(u))
            for u, payload in zip(updates, payloads, strict=True)
        ]
        async with self.write_turn.hold(urgent=True), self.session_factory() as session:
            fresh = await Repositories(session, clock=self.clock).updates.record(rows)
            await session.commit()
        return fresh

    async def pending(self) -> list[Update]:
        """Updates recorded by an earlier run that never finished handling them."""
        async with self.session_factory() as session:
            rows = await Repositories(session, clock=self.clock).updates.pending(limit=10_000)
        return [
            Update.model_validate_json(payload, context={"bot": self.bot}) for _, payload in rows
        ]

    async def mark_failed(self, update_id: int, error: str) -> None:
        """Park an update whose handler failed for good, so it is not replayed forever."""
        async with self.write_turn.hold(), self.session_factory() as session:
            await Repositories(session, clock=self.clock).updates.mark_failed(update_id, error)
            await session.commit()

    async def prune(self) -> int:
        """Forget handled updates older than a week; pending ones are never pruned."""
        async with self.write_turn.hold(), self.session_factory() as session:
            pruned = await Repositories(session, clock=self.clock).updates.prune(
                older_than=self.clock.now() - KEEP
            )
            await session.commit()
        return pruned
