"""Builds the sender, the outbox and the reminder engine of one app from its settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from aiogram import Bot

from bot.i18n import I18n
from bot.reminders.engine import ReminderEngine
from bot.reminders.kinds import ReminderKinds
from bot.reminders.windows import WorkingWindows
from bot.sending.outbox import Outbox
from bot.sending.sender import Sender
from bot.settings import Settings
from domain.clock import Clock
from storage.write_turn import SessionFactory


@dataclass(frozen=True)
class TimedWork:
    """The three objects behind everything the bot sends on its own."""

    sender: Sender
    outbox: Outbox
    reminders: ReminderEngine


def build_timed_work(
    *,
    bot: Bot,
    settings: Settings,
    session_factory: SessionFactory,
    clock: Clock,
    i18n: I18n,
    kinds: ReminderKinds,
    owner: str,
) -> TimedWork:
    """One sender per bot, an outbox that nudges it, an engine that writes to the outbox;
    both claim their work as ``owner``, the instance."""
    sender = Sender(
        bot=bot,
        session_factory=session_factory,
        clock=clock,
        i18n=i18n,
        admin_ids=settings.admin_ids,
        owner=owner,
    )
    outbox = Outbox(sender.notify)
    reminders = ReminderEngine(
        session_factory=session_factory,
        clock=clock,
        outbox=outbox,
        kinds=kinds,
        i18n=i18n,
        windows=WorkingWindows(
            hours=settings.work_hours, days=settings.work_days, default_zone=settings.timezone
        ),
        admin_ids=settings.admin_ids,
        lease=timedelta(seconds=settings.lease_seconds),
        owner=owner,
    )
    return TimedWork(sender=sender, outbox=outbox, reminders=reminders)
