"""Meetings: the reminders planned for every participant, the end that asks for the recap,
and the chase of a recap the client has not confirmed yet.

What they say when they fall due is :mod:`bot.services.meeting_reminders`. The kind names,
the recap statuses still chased and the chase's pace stay here, where the planning and the
renderers both read them.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from bot.reminders.engine import ReminderEngine
from bot.reminders.relay import NOBODY
from domain.followups import meeting_reminder_times
from storage.models import Meeting, RecapStatus
from storage.repositories.holder import Repositories

MEETING_DAY_BEFORE = "meeting_day_before"
MEETING_HOUR_BEFORE = "meeting_hour_before"
MEETING_ENDED = "meeting_ended"
RECAP_CHASE = "recap_chase"
RECAP_ESCALATION = "recap_escalation"
RECAP_ESCALATED = "recap_escalated"

WAITING_FOR_CLIENT = frozenset(
    {RecapStatus.SENT.value, RecapStatus.NO_ANSWER.value, RecapStatus.CORRECTIONS.value}
)
CHASE_EVERY = timedelta(days=1)


async def plan_meeting(
    repo: Repositories,
    engine: ReminderEngine,
    meeting: Meeting,
    participant_ids: Collection[int],
    now: datetime,
) -> None:
    """The day-before and (urgent) hour-before reminders to everyone, the end to its owner.

    Their keys name the meeting's start, so a rescheduled meeting plans afresh.
    """
    await plan_reminders_for(repo, engine, meeting, participant_ids, now)
    await engine.schedule(
        repo,
        kind=MEETING_ENDED,
        due_at=meeting.starts_at + timedelta(minutes=meeting.duration_minutes),
        recipient_id=meeting.created_by,
        payload={"meeting": meeting.id},
        request_id=meeting.request_id,
        dedup_key=_key(meeting, "ended"),
    )


async def plan_reminders_for(
    repo: Repositories,
    engine: ReminderEngine,
    meeting: Meeting,
    participant_ids: Collection[int],
    now: datetime,
) -> None:
    """The day-before and hour-before reminders still ahead, for these people.

    They replace whatever was planned under the same key: a person taken off the meeting
    and invited again, or a meeting moved back to its first time, had those keys
    cancelled, and only moments still ahead are planned, so nothing already sent repeats.
    """
    for name, moment in meeting_reminder_times(meeting.starts_at, now=now).items():
        kind = MEETING_DAY_BEFORE if name == "day" else MEETING_HOUR_BEFORE
        for user_id in participant_ids:
            await engine.schedule(
                repo,
                kind=kind,
                due_at=moment,
                recipient_id=user_id,
                payload={"meeting": meeting.id},
                urgent=kind == MEETING_HOUR_BEFORE,
                request_id=meeting.request_id,
                dedup_key=_key(meeting, f"{name}:{user_id}"),
                replace=True,
            )


async def forget_reminders(
    repo: Repositories,
    engine: ReminderEngine,
    meeting: Meeting,
    participant_ids: Collection[int],
    *,
    ended: bool = True,
) -> None:
    """Withdraw what :func:`plan_meeting` planned for these people (and the end's prompt)."""
    keys = [_key(meeting, f"{name}:{uid}") for name in ("day", "hour") for uid in participant_ids]
    if ended:
        keys.append(_key(meeting, "ended"))
    for key in keys:
        await engine.cancel(repo, dedup_key=key)


def _key(meeting: Meeting, what: str) -> str:
    return f"meeting:{meeting.id}:{int(meeting.starts_at.timestamp())}:{what}"


async def plan_recap_chase(
    repo: Repositories, engine: ReminderEngine, meeting: Meeting, now: datetime, days: int
) -> None:
    """A daily nudge to the owner until the client's answer is recorded, and after
    ``days`` days without confirmation a word to their manager."""
    payload: dict[str, Any] = {"meeting": meeting.id, "round": 1, "days": days}
    await engine.schedule(
        repo,
        kind=RECAP_CHASE,
        due_at=now + CHASE_EVERY,
        recipient_id=meeting.created_by,
        payload=payload,
        request_id=meeting.request_id,
        dedup_key=f"meeting:{meeting.id}:chase:1",
    )
    await engine.schedule(
        repo,
        kind=RECAP_ESCALATION,
        due_at=now + timedelta(days=days),
        recipient_id=NOBODY,
        payload=payload,
        urgent=True,
        request_id=meeting.request_id,
        dedup_key=f"meeting:{meeting.id}:recap-esc",
    )
