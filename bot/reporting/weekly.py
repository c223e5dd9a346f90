"""The weekly report: posted by the bot on its own to the team group and to each manager.

One reminder per recipient and week, planned under ``weekly:<recipient>:<day>``, so the
pipeline's periodic check may plan it as often as it likes and a second bot process never
plans a second one; the reminder engine's claim hands each to one process. When it falls
due it covers the week before (against the week before that, and the forms' targets); a
week in which nothing was submitted, taken or won drops it and nothing is sent.

It counts two different things and says which is which. What happened during the week:
the requests submitted in it (the cohort's size), and requests taken for the first time and
moves to won by when they happened (the weekly trend of the Metrics), so a request
submitted earlier and won this week counts here. How far the week's own requests (the
cohort) have come by now: taken, won, the conversion, the time to claim; a request of this
week won next week counts there too, once it happens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.reminders.engine import ReminderEngine
from bot.reminders.kinds import ReminderContext, ReminderKind, Rendered
from bot.reporting.compose import charts
from bot.reporting.deliver import draw_all
from bot.reporting.formats import duration, percent
from bot.reporting.gather import Gathered, Scope, gather
from bot.reporting.weekly_album import album_due, send_album
from bot.services.desk import Desk
from bot.services.topics import forget_thread, keyed_thread
from bot.settings import Settings, parse_work_days
from domain.metrics.periods import Period, PeriodKind, period_of, previous_week
from domain.metrics.report import Report
from domain.metrics.trend import TrendWeek
from storage.models import Role
from storage.repositories.holder import Repositories
from storage.repositories.report_filters import Filters
from storage.repositories.reports import ReportQueries
from storage.repositories.trend import TrendQueries

WEEKLY = "reports.weekly"
#: A weekly report that could not go out within a day is dropped: next week brings a new one.
WEEKLY_GRACE = timedelta(days=1)
#: How many overdue steps the report names.
OVERDUE_LINES = 10
REPORTS_TOPIC = "reports"


def weekly_slot(settings: Settings, now: datetime) -> datetime:
    """This week's moment for the report (the configured day, else the first working day),
    or next week's once this week's grace has passed."""
    zone = settings.zone
    day = settings.weekly_report_day or min(parse_work_days(settings.work_days))
    hour, minute = (int(part) for part in settings.weekly_report_time.split(":"))
    today = now.astimezone(zone).date()
    monday = today - timedelta(days=today.weekday())
    local = datetime.combine(monday + timedelta(days=day - 1), time(hour, minute), tzinfo=zone)
    slot = local.astimezone(UTC)
    if slot + WEEKLY_GRACE < now:
        slot = (local + timedelta(weeks=1)).astimezone(UTC)
    return slot


async def plan_weekly(
    repo: Repositories, reminders: ReminderEngine, settings: Settings, now: datetime
) -> int:
    """Plan the week's report for the team group and each manager; returns how many are new."""
    if not settings.weekly_report:
        return 0
    slot = weekly_slot(settings, now)
    recipients = [user.id for user in await repo.users.with_role(Role.MANAGER)]
    if settings.team_chat_id is not None:
        recipients.append(settings.team_chat_id)
    day = slot.astimezone(settings.zone).date().isoformat()
    planned = 0
    for recipient in recipients:
        reminder = await reminders.schedule(
            repo,
            kind=WEEKLY,
            due_at=slot,
            recipient_id=recipient,
            payload={"day": day},
            dedup_key=f"weekly:{recipient}:{day}",
        )
        planned += reminder is not None
    return planned


def change(t: Translator, now: int, before: int) -> str:
    """A count with the week before beside it, e.g. "7 (5)"."""
    return t("weekly-change", now=now, before=before)


def week_of(trend: Sequence[TrendWeek], start: datetime) -> TrendWeek:
    """The trend's week that begins at ``start``; a week it does not cover had nothing."""
    return next((week for week in trend if week.start == start), TrendWeek(start, 0, 0, 0))


async def nothing_happened(repo: Repositories, period: Period) -> bool:
    """No request submitted, and none taken or won, in the week: there is nothing to say.

    Takes and wins count by when they happened, so a week of work on older requests is
    reported even when nobody submitted a new one.
    """
    if await ReportQueries(repo.session, repo.clock).submitted_count(period.start, period.end):
        return False
    [week] = await TrendQueries(repo.session, repo.clock).trend([period.start], Filters())
    return not (week.taken or week.won)


def weekly_text(
    t: Translator,
    report: Report,
    before: Report,
    *,
    trend: Sequence[TrendWeek],
    period: Period,
    zone: ZoneInfo,
    names: dict[int, str],
    reader_zone: ZoneInfo | None = None,
) -> str:
    """Last week against the week before and the targets; what is overdue now, and whose.

    The weeks are the team's (``zone``); the deadlines are told in the reader's own zone
    (``reader_zone``, else the team's), as every other time the bot tells them.

    The first line is what happened in the week: the requests submitted in it (its cohort,
    counted as the rest of the report counts them), then takes and wins by when they
    happened (the weekly trend); the second how far the cohort has come by now. See the
    module's docstring.
    """
    won = report.funnel[-1]
    week = week_of(trend, period.start)
    week_before = week_of(trend, previous_week(period, zone).start)
    lines = [
        t("weekly-title", start=t.date(period.first_day), end=t.date(period.last_day)),
        "",
        t(
            "weekly-line-events",
            submitted=change(t, len(report.history.requests), len(before.history.requests)),
            taken=change(t, week.taken, week_before.taken),
            won=change(t, week.won, week_before.won),
        ),
        t(
            "weekly-line-cohort",
            taken=change(t, report.funnel[1].reached, before.funnel[1].reached),
            won=change(t, report.outcomes.won, before.outcomes.won),
        ),
        t(
            "weekly-line-conversion",
            conversion=percent(t, won.cumulative),
            before=percent(t, before.funnel[-1].cumulative),
            target=percent(t, won.target),
        ),
        t(
            "weekly-line-claims",
            median=duration(t, report.claiming.median_minutes),
            before=duration(t, before.claiming.median_minutes),
            in_time=percent(t, report.claiming.within_limit),
        ),
    ]
    overdue = sorted(report.history.overdue_steps, key=lambda step: step.due_at)
    if overdue:
        lines += ["", t("weekly-overdue", count=len(overdue))]
        lines += [
            t(
                "weekly-overdue-line",
                number=step.request_id,
                person=names.get(step.assignee_id, str(step.assignee_id)),
                due=t.datetime(step.due_at.astimezone(reader_zone or zone)),
            )
            for step in overdue[:OVERDUE_LINES]
        ]
    else:
        lines += ["", t("weekly-nothing-overdue")]
    return "\n".join(lines)


def weekly_kind(desk_for: Callable[[ReminderContext], Desk], settings: Settings) -> ReminderKind:
    """Rendered when due: the charts go out as one album (once, see
    :mod:`bot.reporting.weekly_album`), then the text through the outbox."""

    async def render(context: ReminderContext) -> Rendered | None:
        desk = desk_for(context)
        zone = settings.zone
        period = period_of(PeriodKind.LAST_WEEK, context.reminder.due_at, zone)
        if await nothing_happened(context.repo, period):
            return None
        gathered = await gather(context.repo, desk.scenarios, Scope(period), zone=zone)
        before = await gather(
            context.repo, desk.scenarios, Scope(previous_week(period, zone)), zone=zone
        )
        names = gathered.names | before.names
        thread_id = None
        if context.reminder.recipient_id == settings.team_chat_id:
            thread_id = await keyed_thread(desk, REPORTS_TOPIC, desk.team_t("weekly-topic"))
        if album_due(context):
            images = await draw_album(desk, context, gathered)
            deadline = context.reminder.due_at + WEEKLY_GRACE
            sent = await send_album(desk, context, images, thread_id, deadline=deadline)
            if not sent and thread_id is not None:
                await forget_thread(desk, thread_id)  # someone deleted the Reports topic
                thread_id = await keyed_thread(desk, REPORTS_TOPIC, desk.team_t("weekly-topic"))
                await send_album(desk, context, images, thread_id, deadline=deadline)
        text = weekly_text(
            context.t,
            gathered.report,
            before.report,
            trend=gathered.trend,
            period=period,
            zone=zone,
            names=names,
            reader_zone=context.zone,
        )
        return Rendered(text=text, thread_id=thread_id)

    return ReminderKind(name=WEEKLY, render=render, grace=WEEKLY_GRACE)


async def draw_album(desk: Desk, context: ReminderContext, gathered: Gathered) -> list[bytes]:
    """The week's charts as PNG, in the reader's language."""
    return await draw_all(
        charts(
            gathered.report,
            context.t,
            zone=desk.settings.zone,
            names=gathered.names,
            trend=gathered.trend,
            claim_limit=gathered.claim_limit,
        )
    )
