"""Kinds of reminders and how each is rendered; features register their own.

A renderer turns a due reminder into a message: it gets the reminder, a repository
holder in the engine's transaction, the recipient and texts in their language, and
returns what to send, or ``None`` when there is nothing to say any more (the request
was closed meanwhile), which drops the reminder. A deciding reminder (``bot.reminders.relay``)
returns whom it planned reminders for instead. A renderer that sends something itself
(the weekly report's charts) raises :class:`TryLaterError` when Telegram is having trouble.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.reminders.relay import Relayed
from storage.models import Reminder, User
from storage.repositories.holder import Repositories


@dataclass(frozen=True)
class Rendered:
    """A message ready for the outbox."""

    text: str
    reply_markup: InlineKeyboardMarkup | None = None
    thread_id: int | None = None
    reply_to: int | None = None


@dataclass(frozen=True)
class ReminderContext:
    """What a renderer may use: the reminder, the database, the recipient, their texts."""

    reminder: Reminder
    repo: Repositories
    t: Translator
    recipient: User | None
    zone: ZoneInfo
    now: datetime
    late: bool
    admins: Collection[int] = ()
    """The admins the settings name: whom an escalation falls back to with no manager."""


Renderer = Callable[[ReminderContext], Awaitable[Rendered | Relayed | None]]


@dataclass(frozen=True)
class ReminderKind:
    """One kind: its name, its renderer, and how late it may still go out.

    ``grace`` is how long after its due time a reminder is still worth sending (after
    the bot was down, say); past it the reminder is dropped. ``None``: always send.
    """

    name: str
    render: Renderer
    grace: timedelta | None = timedelta(hours=12)


class TryLaterError(Exception):
    """Raised by a renderer that cannot finish now for a reason that will pass (Telegram
    having trouble with something it sends itself).

    What it wrote so far is kept (a topic it opened, a part it noted as delivered with
    ``ReminderRepository.note``), and the reminder is held for ``after`` seconds, then
    rendered again by whichever engine claims it.
    """

    def __init__(self, after: float, reason: str) -> None:
        super().__init__(reason)
        self.after = after
        self.reason = reason


class UnknownReminderKindError(LookupError):
    """A reminder of a kind nobody registered."""


class ReminderKinds:
    """The registry the engine renders from: kind name -> ``ReminderKind``."""

    def __init__(self) -> None:
        self._kinds: dict[str, ReminderKind] = {}

    def register(self, kind: ReminderKind) -> None:
        """Add a kind; registering a name twice is a wiring mistake."""
        if kind.name in self._kinds:
            raise ValueError(f"reminder kind {kind.name!r} is registered twice")
        self._kinds[kind.name] = kind

    def get(self, name: str) -> ReminderKind | None:
        """The kind called ``name``, if registered."""
        return self._kinds.get(name)

    def require(self, name: str) -> ReminderKind:
        """The kind called ``name``; ``UnknownReminderKindError`` if nobody registered it."""
        kind = self._kinds.get(name)
        if kind is None:
            raise UnknownReminderKindError(name)
        return kind

    def __contains__(self, name: object) -> bool:
        return name in self._kinds


async def render_note(context: ReminderContext) -> Rendered:
    """A plain note: ``payload["text"]``, written by a person, under a reminder heading."""
    text = str(context.reminder.payload.get("text", ""))
    key = "reminders-note-late" if context.late else "reminders-note"
    return Rendered(text=context.t(key, text=text))


NOTE = ReminderKind(name="note", render=render_note, grace=timedelta(hours=12))
