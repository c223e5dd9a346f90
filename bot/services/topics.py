"""Forum topics of the team group: one per scenario for its cards, one per taken request."""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramAPIError

from bot.failures import is_transient, thread_gone
from bot.i18n import Html, Translator
from bot.services.desk import Desk, display_name, people, plain, shorten
from scenarios.schema import Scenario, localized
from storage.models import Request, User

logger = logging.getLogger(__name__)

TOPIC_NAME_LIMIT = 128


async def forget_thread(desk: Desk, thread_id: int) -> bool:
    """A topic was deleted in the group: the bot opens a new one when it next needs it.

    Telegram tells a bot nothing of a deleted topic; a post or a rename that fails is how
    it learns. Until it is forgotten, every card of the scenario (or every message about
    the request) would fail the same way. Returns whether the bot had it in mind.
    """
    chat_id = desk.settings.team_chat_id
    if chat_id is None or not await desk.repo.team.forget_thread(chat_id, thread_id):
        return False
    logger.warning("event=team.topic_gone thread_id=%s", thread_id)
    return True


async def scenario_thread(desk: Desk, scenario: Scenario | None) -> int | None:
    """The forum topic of a scenario's cards, opened on first use; ``None`` in a plain group."""
    if scenario is None:
        return None
    names = scenario.topic.name or scenario.title
    name = localized(names, desk.settings.default_locale)
    return await keyed_thread(desk, scenario.topic.key or scenario.id, name)


async def keyed_thread(desk: Desk, key: str, title: str) -> int | None:
    """The team group's forum topic remembered under ``key``, opened as ``title`` on first use.

    ``None`` in a plain group, or when the topic could not be opened.
    """
    chat_id = desk.settings.team_chat_id
    if chat_id is None or not await desk.group.is_forum(desk.bot):
        return None
    async with desk.group.topic_lock:
        await desk.repo.team.lock_topic(chat_id, key)  # across instances, to our commit
        known = await desk.repo.team.topic(chat_id, key)
        if known is not None:
            return known
        name = shorten(title, TOPIC_NAME_LIMIT)
        try:
            topic = await desk.bot.create_forum_topic(chat_id, name)
        except TelegramAPIError as error:
            logger.warning("event=team.topic_failed key=%s error=%s", key, error)
            await tell_topics_refused(desk, error)
            return None
        thread_id = await desk.repo.team.save_topic(chat_id, key, topic.message_thread_id)
        await desk.repo.events.add(
            kind="team.topic_opened", actor_id=None, data={"key": key, "thread_id": thread_id}
        )
        return thread_id


async def tell_topics_refused(desk: Desk, error: TelegramAPIError) -> None:
    """The team group has topics but the bot could not open one: the managers hear it, once
    a day while it lasts.

    Cards and news then go to "General", which works, so nothing else would ever say why
    the requests get no topics: the bot may never have been an administrator of the forum
    (a demotion is told at once, see ``handlers.claims``). Telegram having trouble is no
    refusal: the next try will do.
    """
    if is_transient(error):
        return
    await desk.notify_managers(
        lambda t: t("claims-topics-refused", error=error.message),
        dedup_key=f"topics-refused:{desk.now().date().isoformat()}",
    )


def topic_name(t: Translator, request: Request, owner: User | None) -> str:
    """ "#123 · Client · owner", with the stage's mark in front; at most 128 characters."""
    name = t(
        "claims-topic-name",
        stage=request.stage,
        number=request.id,
        client=plain(request.client_name or request.title or "—"),
        owner=plain(display_name(owner) if owner else t("claims-topic-nobody")),
    )
    return shorten(name, TOPIC_NAME_LIMIT)


async def sync_request_topic(desk: Desk, request: Request) -> None:
    """In a forum, open the request's own topic once it is taken, and rename it as it moves."""
    chat_id = request.team_chat_id
    if chat_id is None or not await desk.group.is_forum(desk.bot):
        return
    tracking = await desk.repo.team.tracking(request.id)
    if (tracking is None or tracking.thread_id is None) and request.owner_id is None:
        return  # a topic is opened when the request is first taken
    _, owner = await people(desk, request)
    name = topic_name(desk.team_t, request, owner)
    try:
        if tracking is None or tracking.thread_id is None:
            topic = await desk.bot.create_forum_topic(chat_id, name)
            await desk.repo.team.set_thread(request.id, topic.message_thread_id, name)
            link = Html(_card_link(request))
            await desk.bot.send_message(
                chat_id,
                desk.team_t("claims-topic-opened", number=request.id, link=link),
                message_thread_id=topic.message_thread_id,
            )
            await desk.repo.events.add(
                kind="request.topic_opened",
                actor_id=None,
                request_id=request.id,
                data={"thread_id": topic.message_thread_id},
            )
        elif tracking.thread_name != name:
            await desk.bot.edit_forum_topic(chat_id, tracking.thread_id, name=name)
            await desk.repo.team.set_thread(request.id, tracking.thread_id, name)
    except TelegramAPIError as error:
        thread = tracking.thread_id if tracking is not None else None
        if thread is not None and thread_gone(error) and await forget_thread(desk, thread):
            await sync_request_topic(desk, request)  # opens it anew, once: no thread now
            return
        logger.warning("event=team.request_topic_failed request_id=%s error=%s", request.id, error)
        if thread is None:  # it was opening the topic
            await tell_topics_refused(desk, error)


def _card_link(request: Request) -> str:
    """A t.me link to the card; private supergroup ids drop their -100 prefix."""
    chat = str(request.team_chat_id or 0).removeprefix("-100")
    return f"https://t.me/c/{chat}/{request.team_message_id}"
