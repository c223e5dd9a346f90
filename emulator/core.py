"""The emulator's lifecycle and setup: HTTP server, bots, users, groups, planned failures."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from aiohttp import web

from emulator.bots import EmBot
from emulator.faults import Fault, FaultKind, Faults
from emulator.limits import RateLimiter, RateLimits
from emulator.models import (
    GENERAL_TOPIC_ID,
    PRESENT_STATUSES,
    CallRecord,
    EmChat,
    EmUser,
    MemberStatus,
    Stats,
)
from emulator.server import ApiServer
from emulator.state import World, default_clock
from emulator.webhook import RetryPolicy, WebhookSender

if TYPE_CHECKING:
    from aiogram.client.telegram import TelegramAPIServer

DEFAULT_TOKEN = "123456:TEST-TOKEN"
DEFAULT_USERNAME = "presale_desk_bot"
DEFAULT_FIRST_NAME = "Presale Desk"


class EmulatorCore:
    """Owns the world and the HTTP server; the test-side API builds on it."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str = DEFAULT_TOKEN,
        bot_username: str = DEFAULT_USERNAME,
        bot_first_name: str = DEFAULT_FIRST_NAME,
        rate_limits: bool | RateLimits = True,
        clock: Callable[[], float] = default_clock,
        timeout_hold: float = 10.0,
        webhook_retry: RetryPolicy | None = None,
    ) -> None:
        limiter: RateLimiter | None = None
        if rate_limits:
            limiter = RateLimiter(rate_limits if isinstance(rate_limits, RateLimits) else None)
        self.world = World(clock=clock, limiter=limiter)
        self.faults = Faults()
        self.server = ApiServer(self.world, self.faults, hold=timeout_hold)
        self.webhooks = WebhookSender(self.server, webhook_retry or RetryPolicy())
        self.world.on_webhook_change = self.webhooks.sync
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None
        self._pages: list[Callable[[web.Application], None]] = []
        self._cursors: dict[int, int] = {}
        self._consumed_calls: set[int] = set()
        self.bot = self.add_bot(token=token, username=bot_username, first_name=bot_first_name)

    # -- lifecycle ----------------------------------------------------------------------

    def mount(self, setup: Callable[[web.Application], None]) -> None:
        """Serve more routes beside the Bot API (the playground's page); call before start."""
        if self._runner is not None:
            raise RuntimeError("mount routes before the emulator starts")
        self._pages.append(setup)

    async def start(self) -> None:
        """Listen on host:port (port 0 lets the OS choose)."""
        await self.webhooks.start()
        app = self.server.build_app()
        for setup in self._pages:
            setup(app)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._port)
        await site.start()
        self._runner = runner
        host, port = runner.addresses[0][:2]
        self._base_url = f"http://{host}:{port}"

    async def stop(self) -> None:
        """Release waiting requests, stop webhook delivery and close the server."""
        self.server.closing.set()
        for bot in self.world.bots.values():
            bot.queue.close()
        await self.webhooks.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``, for ``TelegramAPIServer.from_base``."""
        if self._base_url is None:
            raise RuntimeError("the emulator is not started")
        return self._base_url

    @property
    def api_server(self) -> TelegramAPIServer:
        """aiogram's server description pointing at this emulator."""
        # Imported here: the emulator itself does not need aiogram, which is slow to import.
        from aiogram.client.telegram import TelegramAPIServer

        return TelegramAPIServer.from_base(self.base_url)

    @property
    def bot_token(self) -> str:
        """Token of the default bot."""
        return self.bot.token

    @property
    def calls(self) -> list[CallRecord]:
        """Every Bot API call so far, in order."""
        return self.world.calls

    @property
    def stats(self) -> Stats:
        """Counters: updates, calls per method, errors, 429s, webhook deliveries."""
        return self.world.stats

    # -- setup --------------------------------------------------------------------------

    def add_bot(
        self,
        token: str = DEFAULT_TOKEN,
        username: str = DEFAULT_USERNAME,
        first_name: str = DEFAULT_FIRST_NAME,
    ) -> EmBot:
        """Register a bot account (the first one is the default, ``tg.bot``)."""
        existing = self.world.bots.get(token)
        if existing is not None:
            existing.username = username
            existing.first_name = first_name
            return existing
        bot = EmBot(token=token, username=username, first_name=first_name)
        bot.queue.on_poll_waiting = self.world.changed
        self.world.bots[token] = bot
        return bot

    def add_user(
        self,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "ru",
        started: bool = True,
    ) -> EmUser:
        """A person with a private chat with the bot (chat id = user id); with
        ``started=False`` one who never opened it, so the bot cannot write to them first."""
        user = EmUser(user_id, first_name, last_name, username, language_code, started=started)
        self.world.users[user_id] = user
        existing = self.world.chats.get(user_id)
        if existing is not None and existing.user is not None:
            existing.user = user
        else:
            self.world.chats[user_id] = EmChat(id=user_id, type="private", user=user)
        return user

    def add_group(
        self,
        chat_id: int,
        title: str,
        *,
        forum: bool = False,
        members: Iterable[int] = (),
        admins: Iterable[int] = (),
        creator: int | None = None,
        bot_is_member: bool = True,
        bot_is_admin: bool = False,
        username: str | None = None,
        basic: bool = False,
    ) -> EmChat:
        """A supergroup (a forum with a General topic when ``forum``), or a ``basic`` group."""
        if basic and forum:
            raise ValueError("a basic group cannot be a forum")
        chat = EmChat(
            id=chat_id,
            type="group" if basic else "supergroup",
            title=title,
            is_forum=forum,
            username=username,
        )
        statuses: dict[int, MemberStatus] = dict.fromkeys(members, "member")
        statuses.update(dict.fromkeys(admins, "administrator"))
        if creator is not None:
            statuses[creator] = "creator"
        if bot_is_member or bot_is_admin:
            statuses[self.bot.id] = "administrator" if bot_is_admin else "member"
        chat.members.update(statuses)
        if forum:
            self.world.add_forum_topic(chat, GENERAL_TOPIC_ID, "General")
            chat.last_message_id = GENERAL_TOPIC_ID  # the General topic took message id 1
        self.world.chats[chat_id] = chat
        return chat

    # -- planned trouble ----------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        count: int = 1,
        *,
        kind: FaultKind = "5xx",
        retry_after: int = 1,
        hold: float | None = None,
        chat_id: int | None = None,
        nth: int = 1,
        description: str = Fault.description,
    ) -> None:
        """Fail ``count`` calls of ``method``, from the ``nth`` one on (to ``chat_id`` only,
        when given): a 500, a held request, a 429, a 400 saying ``description``, ``lost``
        (done, but answered 502) or ``slow`` (done at once, answered when ``hold`` passes or
        :meth:`release_held`)."""
        self.faults.add(
            method,
            count,
            Fault(kind=kind, retry_after=retry_after, hold=hold, description=description),
            chat_id=chat_id,
            nth=nth,
        )

    def release_held(self) -> None:
        """Answer every call a ``slow`` fault is holding, now and from now on."""
        self.server.released.set()

    def redeliver(self, update_id: int) -> None:
        """Deliver an already delivered update once more, same update_id (a crash replay)."""
        try:
            bot, update = self.world.updates[update_id]
        except KeyError:
            raise ValueError(f"unknown update {update_id}") from None
        bot.queue.push_redelivery(update)
        self.world.changed()

    def _emit(self, kind: str, payload: dict[str, Any]) -> int:
        return self.world.emit(self.bot, kind, payload)

    def _bot_present(self, chat: EmChat) -> bool:
        """Whether the bot sees what happens in ``chat`` (always, in a private one)."""
        return chat.is_private or chat.status_of(self.bot.id) in PRESENT_STATUSES
