"""What the team-group services work with, bundled for one update or one job run."""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Filter
from aiogram.types import InlineKeyboardMarkup, Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Html, I18n, Translator
from bot.sending.managers import managers_to_tell
from bot.sending.outbox import Outbox, after_commit
from bot.services.team_group import TeamGroup
from bot.settings import Settings
from domain.stages import is_final
from scenarios.loader import ScenarioCatalog, UnknownScenarioError
from scenarios.schema import Scenario
from storage.models import Request, Stage, User
from storage.repositories.holder import Repositories

logger = logging.getLogger(__name__)


def work_refusal(request: Request | None, user: User) -> str | None:
    """Why ``user`` may not work on ``request`` now (the text's key), or ``None``.

    Asked when a button is pressed and again when the form it opened is saved: the
    request may have been reassigned or closed in between. A closed request is said to
    be closed whoever owns it: "not yours" would send the person looking for an owner.
    """
    if request is not None and is_final(Stage(request.stage)):
        return "claims-closed"
    if request is None or request.owner_id != user.id:
        return "claims-not-yours"
    return None


@dataclass(frozen=True, slots=True)
class Desk:
    """The bot, the database session and the settings a team-group service needs."""

    bot: Bot
    repo: Repositories
    i18n: I18n
    settings: Settings
    scenarios: ScenarioCatalog
    group: TeamGroup
    outbox: Outbox | None = None
    post_cards: Callable[[int], None] | None = None
    """Nudges the job that posts cards to the group with a request (after the commit)."""

    @property
    def team_t(self) -> Translator:
        """Texts for the team group, which speaks the default language."""
        return self.i18n.get(self.settings.default_locale)

    def t_for(self, user: User) -> Translator:
        """Texts in one user's language, for a private message the bot sends on its own."""
        return self.i18n.get(self.i18n.pick_locale(user.language, user.telegram_language))

    def now(self) -> datetime:
        return self.repo.clock.now()

    def scenario(self, scenario_id: str) -> Scenario | None:
        """The request's form, or ``None`` if that file is no longer shipped."""
        try:
            return self.scenarios.get(scenario_id)
        except UnknownScenarioError:
            return None

    async def owned(
        self, request_id: int, user: User, t: Translator, callback_answer: CallbackAnswer
    ) -> Request | None:
        """The request if ``user`` owns it and it is still open; otherwise an alert says
        it is not theirs, or already closed.

        Buttons of the brief travel with forwarded messages and outlive a reassignment or
        the request's outcome, so every press checks both again.
        """
        request = await self.repo.requests.get(request_id)
        refusal = work_refusal(request, user)
        if refusal is None:
            return request
        callback_answer.show_alert = True
        callback_answer.text = t(refusal, number=request_id)
        return None

    async def closed(self, request_id: int) -> bool:
        """Whether the request is gone or has an outcome (won, lost, junk): buttons and
        answers that outlive it must change nothing then."""
        request = await self.repo.requests.get(request_id)
        return request is None or is_final(Stage(request.stage))

    def zone_of(self, user: User) -> ZoneInfo:
        """The zone a person chose with /tz, else the team's: where their dates are read."""
        if user.time_zone:
            try:
                return ZoneInfo(user.time_zone)
            except (ZoneInfoNotFoundError, ValueError):
                pass
        return self.settings.zone

    def local(self, moment: datetime) -> datetime:
        """A moment in the team's time zone, for showing it."""
        return moment.astimezone(self.settings.zone)

    async def tell(
        self,
        user_id: int,
        text: str,
        *,
        reply_markup: InlineKeyboardMarkup | None = None,
    ) -> Message | None:
        """A private message; ``None`` if the person never started the bot or blocked it."""
        try:
            return await self.bot.send_message(user_id, text, reply_markup=reply_markup)
        except (TelegramForbiddenError, TelegramBadRequest) as error:
            logger.info("event=team.private_undelivered user_id=%s error=%s", user_id, error)
            return None

    async def notify(
        self,
        user_id: int,
        text: str,
        *,
        reply_markup: InlineKeyboardMarkup | None = None,
        dedup_key: str | None = None,
    ) -> None:
        """A message to someone other than the person acting: through the one sender.

        It is queued in this transaction and goes out after the commit, paced under
        Telegram's limits and retried; without an outbox (a bare service call) it is sent
        at once. A ``dedup_key`` queued before queues nothing.
        """
        if self.outbox is None:
            await self.tell(user_id, text, reply_markup=reply_markup)
            return
        await self.outbox.enqueue(
            self.repo,
            chat_id=user_id,
            text=text,
            reply_markup=reply_markup,
            dedup_key=dedup_key,
        )

    async def notify_managers(
        self, text_for: Callable[[Translator], str], *, dedup_key: str | None = None
    ) -> None:
        """Something on the bot's side went wrong: each manager (else admin) is told, in
        their language, through :meth:`notify`; with ``dedup_key``, once per key."""
        recipients = await managers_to_tell(
            self.repo, i18n=self.i18n, admin_ids=self.settings.admin_ids
        )
        for chat_id, t in recipients:
            key = f"{dedup_key}:{chat_id}" if dedup_key else None
            await self.notify(chat_id, text_for(t), dedup_key=key)

    def nudge_card(self, request_id: int) -> bool:
        """Have the card poster post the request's card once this transaction commits.

        ``False`` for a bare desk with no poster behind it (a service call, a test).
        """
        if self.post_cards is None:
            return False
        after_commit(self.repo.session, functools.partial(self.post_cards, request_id))
        return True


def display_name(user: User | None) -> str:
    """How a person is called in texts: their name, or their id if we never saw them."""
    if user is None:
        return "?"
    return " ".join(part for part in (user.first_name, user.last_name) if part) or str(user.id)


def mention(user: User) -> Html:
    """A link to a person that notifies them when posted in a group."""
    return Html(f'<a href="tg://user?id={user.id}">{html.escape(display_name(user))}</a>')


def plain(text: str) -> Html:
    """Mark a value for a plain-text place (a topic name, a button's label): not escaped."""
    return Html(text)


def shorten(text: str, limit: int | None) -> str:
    """Cut ``text`` to ``limit`` characters, marking the cut with an ellipsis."""
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


async def people(desk: Desk, request: Request) -> tuple[User | None, User | None]:
    """The author and the owner (if any) of a request."""
    ids = {request.author_id} | ({request.owner_id} if request.owner_id else set())
    users = await desk.repo.team.users(ids)
    owner = users.get(request.owner_id) if request.owner_id else None
    return users.get(request.author_id), owner


Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class DeskMiddleware(BaseMiddleware):
    """Gives handlers a ``desk`` built from what the dispatcher and the update already hold."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        data["desk"] = Desk(
            bot=data["bot"],
            repo=data["repo"],
            i18n=data["i18n"],
            settings=data["settings"],
            scenarios=data["scenarios"],
            group=data["team_group"],
            outbox=data.get("outbox"),
            post_cards=data.get("post_cards"),
        )
        return await handler(event, data)


class InTeamChat(Filter):
    """Passes updates from the team group only (its id is a setting, not known at import)."""

    async def __call__(self, event: TelegramObject, settings: Settings) -> bool:
        chat = getattr(event, "chat", None)
        return (
            chat is not None
            and settings.team_chat_id is not None
            and (chat.id == settings.team_chat_id)
        )
