"""Telegram-facing features, one router each, assembled in the order they must match."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType

from bot.reminders.kinds import NOTE, ReminderKinds
from bot.services.estimate_deadlines import ESTIMATE_KINDS
from bot.services.followups import STEP_KINDS
from bot.services.meeting_reminders import meeting_kinds
from handlers import (
    access,
    brief,
    claims,
    closer,
    errors,
    estimates,
    exports,
    fallback,
    language,
    meeting_moves,
    meeting_people,
    meetings,
    membership,
    my_requests,
    next_steps,
    nurture,
    queue,
    recaps,
    reports,
    request_files,
    request_history,
    request_view,
    side_questions,
    start,
    stats,
    steering,
    team,
    timezone,
    webhooks,
    work,
)
from handlers.intake import intake_routers
from handlers.intake.context import IntakeContextMiddleware
from handlers.side_questions import PendingQuestion, SideQuestions
from handlers.tree import clone
from scenarios.loader import ScenarioCatalog, load_scenarios


def get_routers() -> list[Router]:
    """A fresh tree of routers for one dispatcher.

    Private-chat features sit under one parent router filtered to private chats. The
    fallback router comes last so that it only sees what no feature claimed.
    """
    private = Router(name="private")
    private.message.filter(F.chat.type == ChatType.PRIVATE)
    private.edited_message.filter(F.chat.type == ChatType.PRIVATE)
    private.message.outer_middleware(PendingQuestion())
    # The dialog comes before /start (which it answers while a draft is open); its guards
    # come after /help, /lang and /my, which keep working in the middle of a request.
    intake, intake_guards = intake_routers()
    private.include_routers(
        clone(access.router),
        asking(side_questions.router),
        intake,
        clone(request_view.router),
        clone(request_history.router),
        clone(work.router),
        clone(start.router),
        clone(language.router),
        clone(timezone.router),
        clone(my_requests.router),
        asking(brief.router),
        asking(steering.router),
        clone(nurture.router),
        clone(team.router),
        clone(webhooks.router),
        clone(queue.router),
        clone(reports.router),
        clone(exports.router),
        clone(stats.router),
        asking(next_steps.router),
        asking(meetings.router),
        asking(meeting_people.router),
        asking(meeting_moves.router),
        asking(recaps.router),
        asking(request_files.router),
        asking(estimates.router),
        asking(closer.router),
        clone(side_questions.leftovers),
        intake_guards,
    )
    # The team group's router stands apart: its card buttons are pressed in the group.
    return [
        clone(errors.router),
        clone(membership.router),
        clone(claims.router),
        clone(request_files.topics),
        private,
        clone(fallback.router),
    ]


def asking(router: Router) -> Router:
    """A feature that waits for typed answers outside the form: its handlers get a
    context of their own, so the form's draft survives them (see
    :mod:`handlers.side_questions`)."""
    copy = clone(router)
    for observer in (copy.message, copy.callback_query):
        observer.middleware(IntakeContextMiddleware())
        observer.middleware(SideQuestions())
    return copy


def build_reminder_kinds(scenarios: ScenarioCatalog | None = None) -> ReminderKinds:
    """How each feature's reminders are rendered; a feature that schedules one adds it here.

    Meeting reminders read the request's form (to flag missing answers), so they need the
    app's catalog of forms.
    """
    kinds = ReminderKinds()
    kinds.register(NOTE)
    for kind in (*STEP_KINDS, *ESTIMATE_KINDS, *meeting_kinds(scenarios or load_scenarios())):
        kinds.register(kind)
    return kinds
