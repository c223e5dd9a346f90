"""Meetings that move: rescheduled, edited, cancelled, or missed by a participant.

The owner changes a planned meeting from its own message (the saved meeting, its
reminders) or from the request's panel. Every change re-plans or withdraws the meeting's
reminders (a cancelled meeting asks for no recap) and is told to its participants, each in
their language and time zone. A participant who cannot come says so from their reminder;
the owner hears of it and that person's reminders stop.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

from bot.reminders.engine import ReminderEngine
from bot.services.desk import Desk, display_name
from bot.services.followup_keyboards import manage_keyboard
from bot.services.meetings import forget_reminders, plan_meeting
from storage.models import Meeting, User


async def tell_people(
    desk: Desk,
    meeting: Meeting,
    key: str,
    *,
    besides: Collection[int],
    **values: str,
) -> None:
    """Every participant but ``besides`` hears ``key``, the meeting's time in their zone."""
    ids = await desk.repo.followups.participants(meeting.id)
    people = await desk.repo.team.users([i for i in ids if i not in besides])
    for person in people.values():
        t = desk.t_for(person)
        when = t.datetime(meeting.starts_at.astimezone(desk.zone_of(person)))
        await desk.notify(
            person.id, t(key, number=meeting.request_id, when=when, place=meeting.place, **values)
        )


async def reschedule(
    desk: Desk, engine: ReminderEngine, meeting: Meeting, actor: User, starts_at: datetime
) -> Meeting | None:
    """A new time: the old reminders go, new ones are planned, the participants are told."""
    starts_at = starts_at.astimezone(UTC)
    participants = await desk.repo.followups.participants(meeting.id)
    before = meeting.starts_at
    await forget_reminders(desk.repo, engine, meeting, participants)
    if not await desk.repo.followups.change_meeting(meeting.id, starts_at=starts_at):
        return None
    moved = await desk.repo.followups.meeting(meeting.id)
    if moved is None:
        return None
    await plan_meeting(desk.repo, engine, moved, participants, desk.now())
    await desk.repo.events.add(
        kind="request.meeting_rescheduled",
        actor_id=actor.id,
        request_id=meeting.request_id,
        data={"meeting": meeting.id, "from": before.isoformat(), "to": starts_at.isoformat()},
    )
    await tell_people(desk, moved, "meetings-told-moved", besides={actor.id})
    return moved


async def edit(desk: Desk, meeting: Meeting, actor: User, **values: str) -> bool:
    """A new place or new goals; the participants are told what the meeting is now."""
    if not await desk.repo.followups.change_meeting(meeting.id, **values):
        return False
    await desk.repo.events.add(
        kind="request.meeting_edited",
        actor_id=actor.id,
        request_id=meeting.request_id,
        data={"meeting": meeting.id, "fields": sorted(values)},
    )
    fresh = await desk.repo.followups.meeting(meeting.id)
    if fresh is not None:
        await tell_people(
            desk,
            fresh,
            "meetings-told-edited",
            besides={actor.id},
            our=fresh.our_goal,
            client=fresh.client_goal,
        )
    return True


async def cancel(
    desk: Desk, engine: ReminderEngine, meeting: Meeting, actor: User, reason: str
) -> bool:
    """Cancelled with a reason: no more reminders, no recap asked, everyone told."""
    participants = await desk.repo.followups.participants(meeting.id)
    if not await desk.repo.followups.cancel_meeting(meeting.id):
        return False
    await forget_reminders(desk.repo, engine, meeting, participants)
    await desk.repo.events.add(
        kind="request.meeting_cancelled",
        actor_id=actor.id,
        request_id=meeting.request_id,
        data={"meeting": meeting.id, "reason": reason},
    )
    await tell_people(desk, meeting, "meetings-told-cancelled", besides={actor.id}, reason=reason)
    return True


async def cant_attend(desk: Desk, engine: ReminderEngine, meeting: Meeting, person: User) -> None:
    """A participant cannot come: their reminders stop and the owner hears who and when."""
    await forget_reminders(desk.repo, engine, meeting, [person.id], ended=False)
    await desk.repo.events.add(
        kind="request.meeting_cant_attend",
        actor_id=person.id,
        request_id=meeting.request_id,
        data={"meeting": meeting.id, "user": person.id},
    )
    owner = await desk.repo.users.get(meeting.created_by)
    if owner is not None:
        t = desk.t_for(owner)
        when = t.datetime(meeting.starts_at.astimezone(engine.windows.zone_of(owner)))
        await desk.notify(
            owner.id,
            t(
                "meetings-told-cant",
                number=meeting.request_id,
                when=when,
                person=display_name(person),
            ),
            reply_markup=manage_keyboard(t, meeting.id),
        )
