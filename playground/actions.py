"""What a visitor (or a tour) does on the page: write, press, share, attach, move the clock."""

from __future__ import annotations

import asyncio
import contextlib
import mimetypes
from datetime import datetime, timedelta

from domain.clock import ManualClock
from domain.working_hours import WorkingSchedule, next_working_start
from emulator import EmMessage, TelegramEmulator
from emulator.models import EmChat
from playground.feed import Feed
from playground.team import member

PRESS_TIMEOUT = 10.0
"""A button the bot does not answer in this long spins no more; nothing is shown."""

MORNING = "morning"
MOVES: dict[str, timedelta | None] = {
    "15m": timedelta(minutes=15),
    "1h": timedelta(hours=1),
    MORNING: None,  # the start of the next working day, however far that is
    "1d": timedelta(days=1),
    "1w": timedelta(weeks=1),
}
"""The time machine's buttons, in the order the page shows them."""


ERROR_CODES = (
    "stranger",
    "no_chat",
    "not_member",
    "no_message",
    "empty",
    "no_topic",
    "bad_request",
)
"""What a visitor may be told they cannot do; the page words each (``playground-error-*``)."""


class ActionError(ValueError):
    """Something a visitor cannot do here; ``code`` (one of ``ERROR_CODES``) says what."""

    def __init__(self, code: str, detail: str) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(detail)
        self.code = code


class Actions:
    """People's actions through the emulator, and the bot's clock; results go to the feed."""

    def __init__(
        self,
        tg: TelegramEmulator,
        clock: ManualClock,
        schedule: WorkingSchedule,
        feed: Feed,
    ) -> None:
        self.tg = tg
        self.clock = clock
        self.schedule = schedule
        self.feed = feed
        self._presses: set[asyncio.Task[None]] = set()

    async def close(self) -> None:
        """Forget presses still waiting for the bot's answer."""
        for task in self._presses:
            task.cancel()
        await asyncio.gather(*self._presses, return_exceptions=True)

    # -- who and where --------------------------------------------------------------------

    def _person(self, user_id: int) -> int:
        if member(user_id) is None:
            raise ActionError("stranger", f"nobody in the team has id {user_id}")
        return user_id

    def _chat(self, user_id: int, chat_id: int) -> EmChat:
        chat = self.tg.world.chats.get(chat_id)
        if chat is None or (chat.is_private and chat.id != user_id):
            raise ActionError("no_chat", f"{user_id} cannot write into chat {chat_id}")
        if not chat.is_private and chat.status_of(user_id) in ("left", "kicked"):
            raise ActionError("not_member", f"{user_id} is not a member of chat {chat_id}")
        return chat

    def _message(self, chat_id: int, message_id: int) -> EmMessage:
        chat = self.tg.world.chats.get(chat_id)
        found = None if chat is None else chat.messages.get(message_id)
        if found is None:
            raise ActionError("no_message", f"no message {message_id} in chat {chat_id}")
        return found

    def _used_keyboard(self, chat: EmChat) -> None:
        """A one-time reply keyboard folds away once used, as in Telegram's apps."""
        markup = chat.reply_keyboard
        if chat.is_private and markup is not None and markup.get("one_time_keyboard"):
            chat.reply_keyboard = None

    # -- writing ----------------------------------------------------------------------------

    async def send_text(
        self, user_id: int, chat_id: int, text: str, *, thread_id: int | None = None
    ) -> EmMessage:
        """Type a message (or a command) into a chat."""
        if not text.strip():
            raise ActionError("empty", "an empty message is not sent")
        chat = self._chat(self._person(user_id), chat_id)
        self._used_keyboard(chat)
        return await self.tg.send_message(
            user_id, text, chat_id=chat_id, thread_id=self._thread(chat, thread_id)
        )

    async def share_contact(self, user_id: int) -> EmMessage:
        """The reply keyboard's "share contact" button: one's own phone number."""
        person = member(self._person(user_id))
        assert person is not None
        self._used_keyboard(self._chat(user_id, user_id))
        return await self.tg.send_contact(user_id, person.phone)

    async def attach(
        self,
        user_id: int,
        chat_id: int,
        filename: str,
        content: bytes,
        *,
        thread_id: int | None = None,
    ) -> EmMessage:
        """Send a file; pictures go as photos, the way a phone sends them."""
        chat = self._chat(self._person(user_id), chat_id)
        thread = self._thread(chat, thread_id)
        mime = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        if mime in ("image/jpeg", "image/png"):
            return await self.tg.send_photo(
                user_id, content=content, chat_id=chat_id, thread_id=thread
            )
        return await self.tg.send_document(
            user_id, filename, content, mime_type=mime, chat_id=chat_id, thread_id=thread
        )

    @staticmethod
    def _thread(chat: EmChat, thread_id: int | None) -> int | None:
        if thread_id is None or not chat.is_forum:
            return None
        if thread_id not in chat.topics:
            raise ActionError("no_topic", f"no topic {thread_id} in chat {chat.id}")
        return thread_id

    # -- buttons ----------------------------------------------------------------------------

    def press(self, user_id: int, chat_id: int, message_id: int, data: str) -> None:
        """Press an inline button; the bot's answer (toast or alert) arrives on the feed."""
        message = self._message(chat_id, message_id)
        self._chat(self._person(user_id), chat_id)  # a group's buttons are for its members
        task = asyncio.create_task(self._press(user_id, message, data))
        self._presses.add(task)
        task.add_done_callback(self._presses.discard)

    async def press_now(self, user_id: int, message: EmMessage, data: str) -> str | None:
        """Press and wait for the bot's answer; returns its text (for the tours)."""
        answer = await self.tg.press(user_id, message, data, timeout=PRESS_TIMEOUT)
        assert answer is not None
        self.feed.publish(
            "answer", {"user": user_id, "text": answer.text or "", "alert": answer.show_alert}
        )
        return answer.text

    async def _press(self, user_id: int, message: EmMessage, data: str) -> None:
        with contextlib.suppress(AssertionError):  # unanswered: the button just stops spinning
            await self.press_now(user_id, message, data)

    # -- time -------------------------------------------------------------------------------

    def travel(self, move: str) -> datetime:
        """Move the bot's clock forward; reminders and checks due by then fire."""
        if move not in MOVES:
            raise ActionError("bad_request", f"unknown move {move!r}")
        now = self.clock.now()
        step = MOVES[move]
        moment = self._next_morning(now) if step is None else now + step
        self.set_clock(moment)
        return moment

    def set_clock(self, moment: datetime) -> None:
        """Put the bot's clock at ``moment`` and show it on every page."""
        self.clock.set(moment)
        self.feed.publish("clock", {"now": moment.timestamp()})

    def _next_morning(self, now: datetime) -> datetime:
        """The start of the next working day (today's, when it has not begun yet)."""
        start = next_working_start(self.schedule, now)
        if start > now:
            return start
        local = now.astimezone(self.schedule.tz)
        midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time())
        return next_working_start(self.schedule, midnight.replace(tzinfo=self.schedule.tz))
