"""How the meeting and recap reminders read when they fall due, apart from their planning
in :mod:`bot.services.meetings`: every renderer reads the meeting as it is then, so a
cancelled meeting or a recap answered meanwhile silences what was planned for it.
"""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import Html, Translator
from bot.reminders.kinds import ReminderContext, ReminderKind, Rendered
from bot.reminders.relay import Relayed, relay
from bot.services.answer_text import answer_text
from bot.services.card_text import answer_item, field_label
from bot.services.desk import display_name, shorten
from bot.services.followup_keyboards import (
    answer_keyboard,
    cant_keyboard,
    held_keyboard,
    manage_keyboard,
)
from bot.services.meetings import (
    CHASE_EVERY,
    MEETING_DAY_BEFORE,
    MEETING_ENDED,
    MEETING_HOUR_BEFORE,
    RECAP_CHASE,
    RECAP_ESCALATED,
    RECAP_ESCALATION,
    WAITING_FOR_CLIENT,
)
from bot.services.view_buttons import with_open_button
from domain.flow import hidden_answers, visible_fields
from domain.followups import missing_required
from domain.stages import is_final
from scenarios.loader import ScenarioCatalog, UnknownScenarioError
from scenarios.schema import Scenario
from storage.models import Meeting, MeetingStatus, Request, Stage
from storage.repositories.holder import Repositories

MESSAGE_ROOM = 3900
"""Telegram takes 4096 characters; the brief in a reminder stops short of that."""
ANSWER_LIMIT = 300
"""Answers are cut to this many characters in a reminder: the whole brief is one tap away."""


def missing_fields(scenario: Scenario | None, request: Request, locale: str) -> list[str]:
    """Labels of required questions with no answer, or whose answer the form now hides."""
    if scenario is None:
        return []
    values = {answer.field_id: answer.value for answer in request.answers}
    shown = [f.id for f in visible_fields(scenario, values) if f.required]
    displays = {answer.field_id: answer.display for answer in request.answers}
    missing = missing_required(shown, displays)
    hidden = [
        field_id
        for field_id in hidden_answers(scenario, values)
        if (field := scenario.field(field_id)) is not None and field.required
    ]
    return [field_label(scenario, field_id, locale) for field_id in [*missing, *hidden]]


def meeting_kinds(scenarios: ScenarioCatalog) -> tuple[ReminderKind, ...]:
    """The meeting and recap kinds; the meeting reminders read the request's form."""

    def scenario_of(request: Request) -> Scenario | None:
        try:
            return scenarios.get(request.scenario_id)
        except UnknownScenarioError:
            return None

    async def render_before(context: ReminderContext) -> Rendered | None:
        meeting = await _meeting(context)
        if meeting is None or meeting.status != MeetingStatus.PLANNED.value:
            return None
        # Recipients are checked as the reminder goes out: whoever was taken off the
        # meeting since it was planned hears nothing more of it.
        participants = await context.repo.followups.participants(meeting.id)
        if context.reminder.recipient_id not in participants:
            return None
        request = await context.repo.requests.with_answers(meeting.request_id)
        if request is None:
            return None
        t = context.t
        hour = context.reminder.kind == MEETING_HOUR_BEFORE
        scenario = scenario_of(request)
        parts = [
            t(
                "followups-meeting-hour" if hour else "followups-meeting-day",
                number=request.id,
                client=request.client_name or "—",
                when=t.datetime(meeting.starts_at.astimezone(context.zone)),
                minutes=meeting.duration_minutes,
            ),
            await meeting_details(context.repo, t, meeting),
        ]
        missing = missing_fields(scenario, request, t.locale)
        if missing:
            fields = "\n".join(f"• {label}" for label in missing)
            parts.append(t("followups-meeting-missing", fields=fields))
        parts.append(t("followups-meeting-checklist"))
        text = "\n\n".join(parts) + "\n\n" + t("followups-meeting-brief")
        for answer in request.answers:
            label = field_label(scenario, answer.field_id, t.locale)
            field = scenario.field(answer.field_id) if scenario is not None else None
            shown = answer_text(field, answer, t, context.zone)
            cut = shown if isinstance(shown, Html) else shorten(shown, ANSWER_LIMIT)
            item = answer_item(t, label, cut)
            # Whole answers only: a cut could split an HTML tag and the message would fail.
            if len(text) + len(item) > MESSAGE_ROOM:
                text += "\n" + t("followups-meeting-brief-more")
                break
            text += "\n" + item
        owner = context.reminder.recipient_id == meeting.created_by
        keyboard = (manage_keyboard if owner else cant_keyboard)(t, meeting.id)
        return Rendered(text=text, reply_markup=with_open_button(t, request.id, keyboard))

    return (
        ReminderKind(name=MEETING_DAY_BEFORE, render=render_before, grace=timedelta(hours=20)),
        ReminderKind(name=MEETING_HOUR_BEFORE, render=render_before, grace=timedelta(hours=1)),
        ReminderKind(name=MEETING_ENDED, render=render_ended, grace=None),
        ReminderKind(name=RECAP_CHASE, render=render_chase, grace=None),
        ReminderKind(name=RECAP_ESCALATION, render=render_recap_escalation, grace=None),
        ReminderKind(name=RECAP_ESCALATED, render=render_recap_escalated, grace=None),
    )


async def _meeting(context: ReminderContext) -> Meeting | None:
    return await context.repo.followups.meeting(int(context.reminder.payload.get("meeting", 0)))


async def meeting_details(repo: Repositories, t: Translator, meeting: Meeting) -> str:
    """Where, both goals, who leads and who comes, as the meeting is now."""
    people = await repo.team.users(
        [*await repo.followups.participants(meeting.id), meeting.moderator_id]
    )
    names = [display_name(person) for person in people.values()]
    return t(
        "followups-meeting-details",
        place=meeting.place,
        our=meeting.our_goal,
        client=meeting.client_goal,
        moderator=display_name(people.get(meeting.moderator_id)),
        people=", ".join(sorted(names)),
    )


async def render_ended(context: ReminderContext) -> Rendered | None:
    """The meeting's end: was it held? Held leads to the recap."""
    meeting = await _meeting(context)
    if meeting is None or meeting.status != MeetingStatus.PLANNED.value:
        return None
    return Rendered(
        text=context.t("followups-meeting-ended", number=meeting.request_id),
        reply_markup=with_open_button(
            context.t, meeting.request_id, held_keyboard(context.t, meeting.id)
        ),
    )


async def _unconfirmed(context: ReminderContext) -> Meeting | None:
    """The meeting whose recap the client has not confirmed yet, while its request is
    open: a request won, lost or closed as junk is chased no more."""
    meeting = await _meeting(context)
    if meeting is None or meeting.recap_status not in WAITING_FOR_CLIENT:
        return None
    request = await context.repo.requests.get(meeting.request_id)
    if request is None or is_final(Stage(request.stage)):
        return None
    return meeting


async def render_chase(context: ReminderContext) -> Rendered | None:
    """Still no confirmed recap: ask the owner again, and plan the next nudge."""
    meeting = await _unconfirmed(context)
    if meeting is None:
        return None
    payload = dict(context.reminder.payload)
    payload["round"] = int(payload.get("round", 1)) + 1
    await context.repo.reminders.add(
        kind=RECAP_CHASE,
        due_at=context.now + CHASE_EVERY,
        recipient_id=context.reminder.recipient_id,
        payload=payload,
        request_id=meeting.request_id,
        dedup_key=f"meeting:{meeting.id}:chase:{payload['round']}",
    )
    return Rendered(
        text=context.t(
            "followups-recap-chase",
            number=meeting.request_id,
            status=context.t(f"followups-recap-status-{meeting.recap_status.replace('_', '-')}"),
        ),
        reply_markup=with_open_button(
            context.t, meeting.request_id, answer_keyboard(context.t, meeting.id)
        ),
    )


async def render_recap_escalation(context: ReminderContext) -> Relayed | None:
    """Still unconfirmed after the limit: whoever manages the owner now is told.

    Decided when due (see :mod:`bot.reminders.relay`): with no manager, the admins.
    """
    meeting = await _unconfirmed(context)
    if meeting is None:
        return None
    owner = meeting.created_by
    managers = await context.repo.team.managers_for([owner], context.admins)
    return await relay(
        context,
        kind=RECAP_ESCALATED,
        recipients=[manager.id for manager in managers if manager.id != owner],
        key=f"meeting:{meeting.id}:recap-esc",
    )


async def render_recap_escalated(context: ReminderContext) -> Rendered | None:
    """No confirmation after the limit: the owner's manager hears of it."""
    meeting = await _unconfirmed(context)
    if meeting is None:
        return None
    owner = await context.repo.users.get(meeting.created_by)
    return Rendered(
        text=context.t(
            "followups-recap-escalated",
            number=meeting.request_id,
            days=int(context.reminder.payload.get("days", 0)),
            owner=display_name(owner),
            corrections=Html("") if not meeting.corrections else meeting.corrections,
        ),
        reply_markup=with_open_button(context.t, meeting.request_id),
    )
