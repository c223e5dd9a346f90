"""Timed messages: one engine, kinds registered by features, working hours per recipient."""

from bot.reminders.engine import ReminderEngine
from bot.reminders.kinds import (
    NOTE,
    ReminderContext,
    ReminderKind,
    ReminderKinds,
    Rendered,
    UnknownReminderKindError,
)
from bot.reminders.windows import WorkingWindows

__all__ = [
    "NOTE",
    "ReminderContext",
    "ReminderEngine",
    "ReminderKind",
    "ReminderKinds",
    "Rendered",
    "UnknownReminderKindError",
    "WorkingWindows",
]
