"""The daily digest: each expert's and manager's day at the start of their working day.

One reminder per person and working day, planned under the key ``digest:<user>:<date>``
(their local date), so a restart or a second bot process never plans a second one. Its
content is gathered when it falls due; with nothing to say the reminder is dropped and
nothing is sent.

Meetings and steps count for the person's local calendar day; limits for their working day.
A stage deadline already passed is listed apart, as past its limit, for as long as the request
stays in that stage: the owner was warned of it, and "ending today" would no longer be true.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.reminders.engine import ReminderEngine
from bot.reminders.kinds import ReminderContext, ReminderKind, Rendered
from bot.reminders.windows import WorkingWindows
from bot.services.desk import Desk
from bot.services.escalation import limits_of, schedule_of
from bot.services.pipeline import deadlines_of
from bot.services.view_buttons import OpenRequest
from domain import pipeline as rules
from domain.limits import claim_deadlines
from domain.working_hours import WorkingSchedule
from scenarios.request_rules import ClaimLimits as ScenarioLimits
from scenarios.request_rules import Priority
from storage.models import Role, Stage, User
from storage.repositories.holder import Repositories
from storage.repositories.pipeline import PipelineQueries

DIGEST = "pipeline.digest"

#: A digest is about one day: one that could not go out within this time is dropped.
DIGEST_GRACE = timedelta(hours=8)

#: Requests a digest has "open" buttons for; Telegram takes 100 buttons, a morning
#: message stays readable with far fewer. The rest are named in the text.
DIGEST_BUTTONS = 20

#: Characters of request lines one digest holds. Telegram takes 4,096 in a message; the
#: headings, the team line and the note on buttons fit in the rest. Past it, a section
#: says how many more it has instead of the message being refused whole.
DIGEST_LINES_BUDGET = 3_200


def member_schedule(windows: WorkingWindows, user: User) -> WorkingSchedule:
    """The team's working hours in this person's own zone."""
    return WorkingSchedule.from_text(
        hours=windows.hours, days=windows.days, tz=windows.zone_of(user).key
    )


async def team_members(repo: Repositories) -> list[User]:
    """Experts and managers who have not blocked the bot, each once."""
    people: dict[int, User] = {}
    for role in (Role.EXPERT, Role.MANAGER):
        for user in await repo.users.with_role(role):
            if not user.is_blocked:
                people[user.id] = user
    return list(people.values())


async def plan_digests(
    repo: Repositories, reminders: ReminderEngine, windows: WorkingWindows, now: datetime
) -> int:
    """Plan each member's next digest at the start of their next working day."""
    planned = 0
    for user in await team_members(repo):
        schedule = member_schedule(windows, user)
        start = rules.digest_start(schedule, now)
        day = start.astimezone(schedule.tz).date()
        reminder = await reminders.schedule(
            repo,
            kind=DIGEST,
            due_at=start,
            recipient_id=user.id,
            payload={"day": day.isoformat()},
            dedup_key=f"digest:{user.id}:{day.isoformat()}",
        )
        planned += reminder is not None
    return planned


async def gather(
    desk: Desk, user: User, schedule: WorkingSchedule, now: datetime
) -> rules.DigestContent:
    """What this person's day holds, as of ``now``."""
    day_end = rules.working_day_end(schedule, now)
    queries = PipelineQueries(desk.repo.session, desk.repo.clock)
    local_day = day_end.astimezone(schedule.tz).date()
    midnight = datetime.combine(local_day, time(0), tzinfo=schedule.tz)
    tomorrow = (midnight + timedelta(days=1)).astimezone(UTC)
    meetings = [
        rules.DigestItem(meeting.request_id, meeting.starts_at)
        for meeting in await queries.meetings_of(user.id, midnight.astimezone(UTC), tomorrow)
    ]
    steps = await queries.open_steps_of(user.id, due_before=tomorrow)
    steps_today = [rules.DigestItem(s.request_id, s.due_at) for s in steps if s.due_at >= now]
    steps_overdue = [rules.DigestItem(s.request_id, s.due_at) for s in steps if s.due_at < now]
    near: list[rules.DigestItem] = []
    past: list[rules.DigestItem] = []
    returning: list[rules.DigestItem] = []
    for request in await desk.repo.team.owned(user.id):
        deadlines = deadlines_of(desk, request)
        if deadlines is not None and deadlines.due_at <= day_end:
            # A deadline gone by (yesterday's, or this night's) is overdue, not ending today.
            ahead = deadlines.due_at > now
            (near if ahead else past).append(rules.DigestItem(request.id, deadlines.due_at))
        back = request.postponed_until
        if request.stage == Stage.POSTPONED.value and back is not None and back < tomorrow:
            returning.append(rules.DigestItem(request.id, back))
    own = rules.DigestContent(
        meetings=meetings,
        steps_today=steps_today,
        steps_overdue=steps_overdue,
        past_limit=past,
        near_limit=near,
        returning=returning,
    )
    if not user.has_role(Role.MANAGER):
        return own
    team_schedule = schedule_of(desk.settings)
    unclaimed: list[rules.DigestItem] = []
    overdue = 0
    for request, tracking in await desk.repo.team.waiting():
        if tracking.waiting_since is None:
            continue
        scenario = desk.scenario(request.scenario_id)
        per_priority = scenario.claim_limits if scenario is not None else ScenarioLimits()
        limit = limits_of(per_priority.for_priority(Priority(request.priority)))
        first, _ = claim_deadlines(team_schedule, tracking.waiting_since, limit)
        unclaimed.append(rules.DigestItem(request.id, first))
        overdue += first <= now
    for request in await queries.in_work():
        deadlines = deadlines_of(desk, request)
        overdue += deadlines is not None and deadlines.due_at <= now
    overdue += await queries.overdue_steps(now)
    return replace(own, unclaimed=unclaimed, team_overdue=overdue)


def render_text(t: Translator, content: rules.DigestContent, zone: ZoneInfo) -> str:
    """The digest as one message: a heading, then each section that has lines.

    A day of hundreds of requests (a manager's, after a holiday) is cut where the lines
    would no longer fit one message; each section cut says how many it left out. The
    sections take their lines in turns, so the last (unclaimed requests) is not crowded
    out by the first.
    """

    def line(item: rules.DigestItem) -> str:
        if item.at is None:
            return t("digest-item", number=item.request_id)
        return t("digest-item-at", number=item.request_id, at=t.datetime(item.at.astimezone(zone)))

    sections = [
        (key, [line(item) for item in items])
        for key, items in (
            ("digest-meetings", content.meetings),
            ("digest-steps-today", content.steps_today),
            ("digest-steps-overdue", content.steps_overdue),
            ("digest-past-limit", content.past_limit),
            ("digest-near-limit", content.near_limit),
            ("digest-returning", content.returning),
            ("digest-unclaimed", content.unclaimed),
        )
        if items
    ]
    shown = _shared_out([[len(text) + 1 for text in lines] for _, lines in sections])
    parts = [t("digest-head")]
    for (key, lines), count in zip(sections, shown, strict=True):
        section = [t(key, count=len(lines)), *lines[:count]]
        if count < len(lines):
            section.append(t("digest-and-more", count=len(lines) - count))
        parts.append("\n".join(section))
    if content.team_overdue:
        parts.append(t("digest-team-overdue", count=content.team_overdue))
    return "\n\n".join(parts)


def _shared_out(costs: list[list[int]], budget: int = DIGEST_LINES_BUDGET) -> list[int]:
    """How many of each section's lines fit ``budget``, one line per section in turn."""
    shown = [0] * len(costs)
    placed = True
    while placed:
        placed = False
        for index, lines in enumerate(costs):
            if shown[index] < len(lines) and lines[shown[index]] <= budget:
                budget -= lines[shown[index]]
                shown[index] += 1
                placed = True
    return shown


def render_keyboard(t: Translator, request_ids: Sequence[int]) -> InlineKeyboardMarkup | None:
    """An "open" button for each of the first ``DIGEST_BUTTONS`` requests, four to a row."""
    if not request_ids:
        return None
    builder = InlineKeyboard()
    for request_id in request_ids[:DIGEST_BUTTONS]:
        builder.button(
            text=t("digest-open", number=request_id), callback_data=OpenRequest(request=request_id)
        )
    builder.adjust(4)
    return builder.as_markup()


def render_digest(
    t: Translator, content: rules.DigestContent, user: User, zone: ZoneInfo
) -> Rendered:
    """The digest's text and its buttons; past the buttons, where to find the rest."""
    text = render_text(t, content, zone)
    listed = rules.digest_requests(content)
    if len(listed) > DIGEST_BUTTONS:
        key = "digest-more-work" if user.has_role(Role.MANAGER) else "digest-more-mine"
        text += "\n\n" + t(key, shown=DIGEST_BUTTONS, count=len(listed) - DIGEST_BUTTONS)
    return Rendered(text=text, reply_markup=render_keyboard(t, listed))


def digest_kind(
    desk_for: Callable[[ReminderContext], Desk], windows: WorkingWindows
) -> ReminderKind:
    """The digest's reminder kind: gathered when due, dropped when there is nothing to say."""

    async def render(context: ReminderContext) -> Rendered | None:
        user = context.recipient
        if user is None:
            return None
        content = await gather(
            desk_for(context), user, member_schedule(windows, user), context.now
        )
        if rules.digest_is_empty(content):
            return None
        return render_digest(context.t, content, user, context.zone)

    return ReminderKind(name=DIGEST, render=render, grace=DIGEST_GRACE)
