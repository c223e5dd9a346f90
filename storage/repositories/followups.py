"""Next steps and meetings: planned, rescheduled, finished once, and their recaps."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update

from storage.models import (
    Meeting,
    MeetingParticipant,
    MeetingStatus,
    NextStep,
    RecapStatus,
    StepStatus,
)
from storage.repositories.base import Repository, rowcount

_OPEN = StepStatus.OPEN.value


class FollowupRepository(Repository):
    """Reads and changes ``next_steps``, ``meetings`` and ``meeting_participants``."""

    async def add_step(
        self,
        *,
        request_id: int,
        text: str,
        due_at: datetime,
        assignee_id: int,
        created_by: int,
        meeting_id: int | None = None,
    ) -> NextStep:
        """An open next step."""
        step = NextStep(
            request_id=request_id,
            meeting_id=meeting_id,
            text=text,
            due_at=due_at,
            assignee_id=assignee_id,
            created_by=created_by,
            status=_OPEN,
            escalation_level=0,
            created_at=self._now(None),
        )
        self.session.add(step)
        await self.session.flush()
        return step

    async def step(self, step_id: int) -> NextStep | None:
        """One next step as committed now."""
        return await self.session.get(NextStep, step_id, populate_existing=True)

    async def open_steps(self, request_id: int) -> list[NextStep]:
        """The open steps of a request, soonest first."""
        result = await self.session.scalars(
            select(NextStep)
            .where(NextStep.request_id == request_id, NextStep.status == _OPEN)
            .order_by(NextStep.due_at, NextStep.id)
        )
        return list(result.all())

    async def finish_step(self, step_id: int, now: datetime) -> bool:
        """Mark an open step done; ``False`` if it was not open (a second press)."""
        result = await self.session.execute(
            update(NextStep)
            .where(NextStep.id == step_id, NextStep.status == _OPEN)
            .values(status=StepStatus.DONE.value, done_at=now)
        )
        return rowcount(result) == 1

    async def move_step(self, step_id: int, due_at: datetime) -> bool:
        """A new deadline for an open step; its overdue notices start over."""
        result = await self.session.execute(
            update(NextStep)
            .where(NextStep.id == step_id, NextStep.status == _OPEN)
            .values(due_at=due_at, escalation_level=0)
        )
        return rowcount(result) == 1

    async def raise_step_escalation(self, step_id: int, due_at: datetime, to_level: int) -> bool:
        """Record overdue notice ``to_level`` for this deadline; ``False`` if already sent."""
        result = await self.session.execute(
            update(NextStep)
            .where(
                NextStep.id == step_id,
                NextStep.status == _OPEN,
                NextStep.due_at == due_at,
                NextStep.escalation_level < to_level,
            )
            .values(escalation_level=to_level)
        )
        return rowcount(result) == 1

    async def add_meeting(
        self,
        *,
        request_id: int,
        starts_at: datetime,
        duration_minutes: int,
        place: str,
        our_goal: str,
        client_goal: str,
        moderator_id: int,
        created_by: int,
        participant_ids: Collection[int],
    ) -> Meeting:
        """A planned meeting with its participants."""
        meeting = Meeting(
            request_id=request_id,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            place=place,
            our_goal=our_goal,
            client_goal=client_goal,
            moderator_id=moderator_id,
            created_by=created_by,
            status=MeetingStatus.PLANNED.value,
            recap_status=RecapStatus.NONE.value,
            successful=False,
            created_at=self._now(None),
        )
        self.session.add(meeting)
        await self.session.flush()
        for user_id in sorted(set(participant_ids)):
            self.session.add(MeetingParticipant(meeting_id=meeting.id, user_id=user_id))
        await self.session.flush()
        return meeting

    async def meeting(self, meeting_id: int) -> Meeting | None:
        """One meeting as committed now."""
        return await self.session.get(Meeting, meeting_id, populate_existing=True)

    async def participants(self, meeting_id: int) -> list[int]:
        """Ids of a meeting's participants."""
        result = await self.session.scalars(
            select(MeetingParticipant.user_id)
            .where(MeetingParticipant.meeting_id == meeting_id)
            .order_by(MeetingParticipant.user_id)
        )
        return list(result.all())

    async def change_participants(
        self, meeting_id: int, *, add: Collection[int], remove: Collection[int]
    ) -> None:
        """Invite ``add`` to a meeting and take ``remove`` off it."""
        for user_id in sorted(set(add)):
            self.session.add(MeetingParticipant(meeting_id=meeting_id, user_id=user_id))
        if remove:
            await self.session.execute(
                delete(MeetingParticipant).where(
                    MeetingParticipant.meeting_id == meeting_id,
                    MeetingParticipant.user_id.in_(list(remove)),
                )
            )
        await self.session.flush()

    async def mark_held(self, meeting_id: int) -> bool:
        """A planned meeting took place; ``False`` if it was no longer planned."""
        return await self._change(
            meeting_id, {"status": MeetingStatus.HELD.value}, status=MeetingStatus.PLANNED
        )

    async def save_recap(self, meeting_id: int, text: str, now: datetime) -> bool:
        """The recap was written and handed to the client: waiting for their answer."""
        return await self._change(
            meeting_id,
            {"recap_text": text, "recap_status": RecapStatus.SENT.value, "recap_sent_at": now},
            status=MeetingStatus.HELD,
        )

    async def record_answer(
        self,
        meeting_id: int,
        answer: RecapStatus,
        now: datetime,
        *,
        corrections: str | None = None,
    ) -> bool:
        """What the client said about the recap; confirmed makes the meeting successful."""
        values: dict[str, Any] = {"recap_status": answer.value}
        if answer is RecapStatus.CONFIRMED:
            values.update(confirmed_at=now, successful=True)
        if corrections is not None:
            values["corrections"] = corrections
        waiting = [
            RecapStatus.SENT.value,
            RecapStatus.NO_ANSWER.value,
            RecapStatus.CORRECTIONS.value,
        ]
        result = await self.session.execute(
            update(Meeting)
            .where(Meeting.id == meeting_id, Meeting.recap_status.in_(waiting))
            .values(**values)
        )
        return rowcount(result) == 1

    async def _change(
        self, meeting_id: int, values: dict[str, Any], *, status: MeetingStatus
    ) -> bool:
        result = await self.session.execute(
            update(Meeting)
            .where(Meeting.id == meeting_id, Meeting.status == status.value)
            .values(**values)
        )
        return rowcount(result) == 1

    async def reassign_step(self, step_id: int, assignee_id: int) -> bool:
        """Give an open step to someone else; its overdue notices start over."""
        result = await self.session.execute(
            update(NextStep)
            .where(NextStep.id == step_id, NextStep.status == _OPEN)
            .values(assignee_id=assignee_id, escalation_level=0)
        )
        return rowcount(result) == 1

    async def change_meeting(self, meeting_id: int, **values: Any) -> bool:
        """A new time, place or goals for a meeting still planned."""
        return await self._change(meeting_id, values, status=MeetingStatus.PLANNED)

    async def cancel_meeting(self, meeting_id: int) -> bool:
        """A planned meeting did not take place."""
        return await self._change(
            meeting_id, {"status": MeetingStatus.CANCELLED.value}, status=MeetingStatus.PLANNED
        )

    async def cancel_request_meetings(self, request_id: int) -> list[Meeting]:
        """Every meeting of a request still planned, now cancelled: the request closed."""
        planned = (
            Meeting.request_id == request_id,
            Meeting.status == MeetingStatus.PLANNED.value,
        )
        meetings = list((await self.session.scalars(select(Meeting).where(*planned))).all())
        if meetings:
            await self.session.execute(
                update(Meeting)
                .where(*planned, Meeting.id.in_([m.id for m in meetings]))
                .values(status=MeetingStatus.CANCELLED.value)
            )
        return meetings

    async def cancel_request_steps(self, request_id: int) -> int:
        """Every open step of a request cancelled, for a request that closed; how many."""
        result = await self.session.execute(
            update(NextStep)
            .where(NextStep.request_id == request_id, NextStep.status == _OPEN)
            .values(status=StepStatus.CANCELLED.value)
        )
        return rowcount(result)

    async def latest_meeting(self, request_id: int) -> Meeting | None:
        """The meeting planned last for a request."""
        return await self.session.scalar(
            select(Meeting)
            .where(Meeting.request_id == request_id)
            .order_by(Meeting.id.desc())
            .limit(1)
        )

    async def next_meeting(self, request_id: int) -> Meeting | None:
        """The earliest meeting of a request still planned, for its view."""
        return await self.session.scalar(
            select(Meeting)
            .where(Meeting.request_id == request_id, Meeting.status == MeetingStatus.PLANNED.value)
            .order_by(Meeting.starts_at, Meeting.id)
            .limit(1)
        )

    async def takes_part(self, request_id: int, user_id: int) -> bool:
        """Whether ``user_id`` is a participant of any meeting of the request."""
        found = await self.session.scalar(
            select(MeetingParticipant.user_id)
            .join(Meeting, Meeting.id == MeetingParticipant.meeting_id)
            .where(Meeting.request_id == request_id, MeetingParticipant.user_id == user_id)
            .limit(1)
        )
        return found is not None

    async def overdue_steps(self, request_ids: Collection[int], now: datetime) -> dict[int, int]:
        """How many open steps are past their deadline, per request."""
        if not request_ids:
            return {}
        rows = await self.session.execute(
            select(NextStep.request_id, func.count())
            .where(
                NextStep.request_id.in_(list(request_ids)),
                NextStep.status == _OPEN,
                NextStep.due_at < now,
            )
            .group_by(NextStep.request_id)
        )
        return {int(request_id): int(count) for request_id, count in rows.all()}
