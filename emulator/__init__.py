"""A Telegram Bot API emulator that the bot talks to over real HTTP.

The bot runs unchanged: aiogram's own ``AiohttpSession`` is pointed at the emulator with
``TelegramAPIServer.from_base(tg.base_url)``. The test acts as people and watches the bot::

    async with TelegramEmulator() as tg:
        tg.add_user(42, "Ivan")
        bot = Bot(tg.bot_token, session=AiohttpSession(api=tg.api_server))
        ...  # start polling (or set a webhook) with the dispatcher under test
        await tg.send_message(42, "/start")
        greeting = await tg.next_bot_message(42)
        answer = await tg.press(42, greeting, greeting.callback_data_of("Leave a request"))
        assert answer is not None and answer.text is None
        print(tg.render_transcript(42))

Setup: ``add_bot``, ``add_user``, ``add_group(..., forum=True)``; ``TelegramEmulator(
rate_limits=False)`` turns flood limits off, ``fail_next(method, n, kind=..., chat_id=...,
nth=...)`` plans failures ("5xx", "timeout", "429", "400", "lost": the call takes
effect and the answer is a 502, or "slow": it takes effect and the answer waits for
``hold`` or ``release_held()``), ``redeliver(update_id)`` replays an update.

Acting: ``send_message``, ``edit_message``, ``delete_message``, ``delete_topic``,
``send_contact``, ``send_document``, ``send_photo``, ``send_sticker``, ``send_voice``,
``send_location``, ``send_poll``, ``send_raw_message``, ``press``, ``block``/``unblock``,
``join``/``leave``/``kick``/``promote``, ``upgrade_group`` (a basic group becomes a
supergroup with a new id).

Watching (every wait is event-driven and fails with an AssertionError that shows the
chat): ``next_bot_message`` (a per-chat cursor), ``wait_for``, ``wait_for_call``,
``transcript``/``render_transcript``, ``calls``, ``stats``, ``reply_keyboard``, ``commands``.

Messages (``EmMessage``) are live: edits and deletions show on the object already held.
Updates go to the default bot (``tg.bot``); in groups the bot sees every message, as an
admin or a bot with privacy mode off would.
"""

from emulator.bots import EmBot
from emulator.core import DEFAULT_TOKEN
from emulator.faults import FaultKind
from emulator.limits import RateLimits
from emulator.messages import EmButton, EmMessage
from emulator.models import CallbackAnswer, CallRecord, EmChat, EmTopic, EmUser, Stats
from emulator.telegram import TelegramEmulator
from emulator.webhook import RetryPolicy

__all__ = [
    "DEFAULT_TOKEN",
    "CallRecord",
    "CallbackAnswer",
    "EmBot",
    "EmButton",
    "EmChat",
    "EmMessage",
    "EmTopic",
    "EmUser",
    "FaultKind",
    "RateLimits",
    "RetryPolicy",
    "Stats",
    "TelegramEmulator",
]
