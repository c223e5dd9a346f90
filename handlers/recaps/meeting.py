"""What the recap's steps share: the meeting a button or a saved dialog names, while it is
still the user's to answer for, and how its answers move the request's stage."""

from __future__ import annotations

from bot.services.desk import Desk
from bot.services.progress import Move
from domain.stages import Via
from storage.models import Meeting, Request, User

RECORD = Move(via=Via.RECORD)
"""The meeting's answers and the client's confirmation are the records the stages need."""


async def meeting_of(desk: Desk, meeting_id: int, user: User) -> tuple[Meeting, Request] | None:
    """The meeting and its request, if ``user`` planned it or owns the request."""
    meeting = await desk.repo.followups.meeting(meeting_id)
    request = await desk.repo.requests.get(meeting.request_id) if meeting else None
    if meeting is None or request is None:
        return None
    if user.id not in {meeting.created_by, request.owner_id}:
        return None
    return meeting, request
