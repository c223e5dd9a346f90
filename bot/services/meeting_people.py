"""Who comes to a planned meeting and who leads it, changed after it was planned.

The meeting's owner (who planned it) always comes: the end's prompt and the recap are
theirs. The moderator is always one of the participants, as when the meeting is planned
(the owner or a colleague they invited), so the moderator cannot be taken off the list
before someone else leads. A person invited later gets the meeting in full and its
reminders still ahead; a person taken off is told they need not come and their reminders
are withdrawn (and the reminders check again as they go out).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from bot.reminders.engine import ReminderEngine
from bot.services.desk import Desk, display_name
from bot.services.followup_keyboards import cant_keyboard
from bot.services.meeting_moves import tell_people
from bot.services.meeting_reminders import meeting_details
from bot.services.meetings import forget_reminders, plan_reminders_for
from bot.services.view_buttons import with_open_button
from storage.models import Meeting, User


@dataclass(frozen=True, slots=True)
class PeopleChange:
    """Who was invited and who was taken off by one change of the list."""

    added: tuple[int, ...]
    removed: tuple[int, ...]


def _always_comes(meeting: Meeting) -> frozenset[int]:
    """The people no list change takes off: the owner and the moderator."""
    return frozenset({meeting.created_by, meeting.moderator_id})


async def change_participants(
    desk: Desk, engine: ReminderEngine, meeting: Meeting, actor: User, chosen: Collection[int]
) -> PeopleChange:
    """Make the participants ``chosen`` (plus the owner and the moderator); tell each
    person invited or taken off, in their language and zone, and move their reminders."""
    current = set(await desk.repo.followups.participants(meeting.id))
    wanted = set(chosen) | _always_comes(meeting)
    change = PeopleChange(
        added=tuple(sorted(wanted - current)), removed=tuple(sorted(current - wanted))
    )
    if not change.added and not change.removed:
        return change
    await desk.repo.followups.change_participants(
        meeting.id, add=change.added, remove=change.removed
    )
    await forget_reminders(desk.repo, engine, meeting, change.removed, ended=False)
    await plan_reminders_for(desk.repo, engine, meeting, change.added, desk.now())
    await desk.repo.events.add(
        kind="request.meeting_participants_changed",
        actor_id=actor.id,
        request_id=meeting.request_id,
        data={"meeting": meeting.id, "added": list(change.added), "removed": list(change.removed)},
    )
    request = await desk.repo.requests.get(meeting.request_id)
    client = (request.client_name if request is not None else None) or "—"
    people = await desk.repo.team.users([*change.added, *change.removed])
    for person in people.values():
        t = desk.t_for(person)
        when = t.datetime(meeting.starts_at.astimezone(engine.windows.zone_of(person)))
        if person.id in change.added:
            text = t(
                "meetings-told-invited",
                number=meeting.request_id,
                client=client,
                when=when,
                minutes=meeting.duration_minutes,
            )
            details = await meeting_details(desk.repo, t, meeting)
            await desk.notify(
                person.id,
                f"{text}\n\n{details}",
                reply_markup=with_open_button(t, meeting.request_id, cant_keyboard(t, meeting.id)),
            )
        else:
            await desk.notify(
                person.id, t("meetings-told-uninvited", number=meeting.request_id, when=when)
            )
    return change


async def change_moderator(desk: Desk, meeting: Meeting, actor: User, moderator: User) -> bool:
    """A participant leads the meeting now; ``False`` if it is no longer planned."""
    before = meeting.moderator_id  # the update refreshes ``meeting`` in the session
    if not await desk.repo.followups.change_meeting(meeting.id, moderator_id=moderator.id):
        return False
    await desk.repo.events.add(
        kind="request.meeting_moderator_changed",
        actor_id=actor.id,
        request_id=meeting.request_id,
        data={"meeting": meeting.id, "from": before, "to": moderator.id},
    )
    await tell_people(
        desk,
        meeting,
        "meetings-told-lead",
        besides={actor.id},
        person=display_name(moderator),
    )
    return True
