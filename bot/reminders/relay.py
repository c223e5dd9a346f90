"""Reminders that decide who is told when they fall due, not when they are planned.

An escalation planned for "the assignee's managers" would otherwise go to the managers of
the day it was planned: one who has blocked the bot since is dropped unheard, one appointed
since is never told, and with nobody to plan for, nothing is planned at all. A deciding
reminder is planned for nobody (``NOBODY``) and, when it falls due, its renderer names the
people to tell as things are then; each gets a reminder of their own, due at once and sent
in their working hours.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.reminders.kinds import ReminderContext

NOBODY = 0
"""The recipient of a deciding reminder: it sends nothing itself."""


@dataclass(frozen=True)
class Relayed:
    """What a deciding reminder renders to: the people it planned a reminder for."""

    recipients: tuple[int, ...]


async def relay(
    context: ReminderContext, *, kind: str, recipients: Collection[int], key: str
) -> Relayed:
    """Plan ``kind`` now for each of ``recipients``, with this reminder's payload.

    ``key`` and the recipient make each one's dedup key, so a person is told once however
    often the decision is made for the same moment.
    """
    for recipient in recipients:
        await context.repo.reminders.add(
            kind=kind,
            due_at=context.now,
            recipient_id=recipient,
            payload=context.reminder.payload,
            request_id=context.reminder.request_id,
            dedup_key=f"{key}:{recipient}",
            replace=True,
        )
    return Relayed(tuple(recipients))
