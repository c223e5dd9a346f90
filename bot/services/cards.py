"""The request card in the team group: posting, editing, and updates under it (its text is
:mod:`bot.services.card_text`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
)
from aiogram.types import InlineKeyboardMarkup, Message, ReplyParameters

from bot.failures import thread_gone
from bot.services.attachments import send_attachments
from bot.services.card_text import Card, card_keyboard, render_card
from bot.services.desk import Desk, people
from bot.services.topics import forget_thread, scenario_thread, sync_request_topic
from domain.stages import is_final
from storage.models import Request, RequestAttachment, Stage

logger = logging.getLogger(__name__)

CARD_GONE = "message to edit not found"
"""What Telegram answers an edit of a card someone deleted in the group."""
REPLY_GONE = "message to be replied not found"
"""What it answers a reply to one."""


@dataclass(frozen=True, slots=True)
class NewCard:
    """A card ready to go to the group: where, what, and the files that follow it."""

    request_id: int
    chat_id: int
    thread_id: int | None
    card: Card
    keyboard: InlineKeyboardMarkup
    attachments: list[RequestAttachment]
    shows: tuple[str, int | None]
    """The stage and owner it was rendered with: if they change before it is recorded
    (a manager assigned the request meanwhile), the posted card is brought up to date."""


async def prepare_card(desk: Desk, request_id: int) -> NewCard | None:
    """The card of a request in work not yet in the group (opening its form's topic in a forum).

    ``None`` when there is nothing to post: the request is gone, closed or in the group.
    """
    chat_id = desk.settings.team_chat_id
    request = await desk.repo.requests.with_answers(request_id)
    if chat_id is None or request is None:
        logger.warning("event=team.card_not_posted request_id=%s", request_id)
        return None
    if request.team_message_id is not None:
        return None  # posted meanwhile (by another instance)
    if is_final(Stage(request.stage)):
        return None  # closed before its card went out: nothing left for the team to take
    author, owner = await people(desk, request)
    thread_id = await scenario_thread(desk, desk.scenario(request.scenario_id))
    card = render_card(desk, request, author, owner)
    return NewCard(
        request_id=request.id,
        chat_id=chat_id,
        thread_id=thread_id,
        card=card,
        keyboard=card_keyboard(desk.team_t, request, card.shortened),
        attachments=list(request.attachments),
        shows=(request.stage, request.owner_id),
    )


async def send_card(bot: Bot, new: NewCard) -> Message:
    """One call to Telegram; its failure is the caller's to judge (see ``bot.failures``)."""
    return await bot.send_message(
        new.chat_id, new.card.text, message_thread_id=new.thread_id, reply_markup=new.keyboard
    )


async def record_card(desk: Desk, new: NewCard, message: Message) -> int | None:
    """The group has a card of the request: remember it; the id of the request's card.

    Usually that is ``message``. A person may press a button on it before its answer
    reaches the bot (see :func:`adopt_card`), which records it first; and a copy posted
    again after a lost answer may have been pressed meanwhile: that copy is the card,
    and this one is deleted so the group shows one. A card rendered before the request
    moved on (a manager assigned it meanwhile) is brought up to date. ``None`` when the
    request is gone.
    """
    if not await _record(desk, new.request_id, message, thread_id=new.thread_id):
        card_id = await desk.repo.cards.message_of(new.request_id)
        if card_id != message.message_id:
            await _withdraw(desk, message)
            return card_id
    request = await desk.repo.requests.get(new.request_id)
    if request is None:
        return None
    if (request.stage, request.owner_id) != new.shows:
        await refresh_card(desk, request.id)
    return message.message_id


async def adopt_card(desk: Desk, request: Request, message: Message, data: str) -> bool:
    """A button pressed on a card its sender has not recorded yet: record it, so the press counts.

    The card is in the group as soon as Telegram takes it, and its id reaches the bot
    only with Telegram's answer; a quick (or another instance's) press may come between
    the two. Only a message of this bot in the team group that carries exactly the
    pressed button is adopted, and only while the request has no card: a forged button
    or an old copy stays refused.
    """
    if request.team_message_id is not None or message.chat.id != desk.settings.team_chat_id:
        return False
    if message.from_user is None or message.from_user.id != desk.bot.id:
        return False
    markup = message.reply_markup
    buttons = [] if markup is None else [b for row in markup.inline_keyboard for b in row]
    if not any(button.callback_data == data for button in buttons):
        return False
    thread_id = message.message_thread_id if message.is_topic_message else None
    if not await _record(desk, request.id, message, thread_id=thread_id):
        return False
    logger.info("event=team.card_adopted request_id=%s", request.id)
    return True


async def _record(desk: Desk, request_id: int, message: Message, *, thread_id: int | None) -> bool:
    """Store ``message`` as the card unless the request has one; the claim clock starts.

    The claim clock started at submission; a request stored some other way (an import,
    a test) starts it here.
    """
    if not await desk.repo.cards.record(
        request_id, chat_id=message.chat.id, message_id=message.message_id, thread_id=thread_id
    ):
        return False
    await desk.repo.team.start_clock(request_id, desk.now())
    await desk.repo.events.add(
        kind="request.posted",
        actor_id=None,
        request_id=request_id,
        data={
            "chat_id": message.chat.id,
            "message_id": message.message_id,
            "thread_id": thread_id,
        },
    )
    return True


async def _withdraw(desk: Desk, message: Message) -> None:
    """Delete a second copy of a card; if Telegram refuses, it stays and its buttons say so."""
    try:
        await desk.bot.delete_message(message.chat.id, message.message_id)
    except TelegramAPIError as error:
        logger.warning(
            "event=team.card_copy_kept message_id=%s error=%s", message.message_id, error
        )


async def post_card(desk: Desk, request_id: int) -> Message | None:
    """Post a request to the team group with its files, at once, in the caller's transaction.

    ``None`` when the group is not set or refused; the bot itself posts cards through
    :class:`bot.services.card_posting.CardPosting`, which retries until the group has it.
    """
    new = await prepare_card(desk, request_id)
    if new is None:
        return None
    try:
        message = await send_card(desk.bot, new)
    except TelegramAPIError as error:
        logger.error("event=team.card_failed request_id=%s error=%s", request_id, error)
        return None
    card_id = await record_card(desk, new, message)
    if card_id is None:
        return None
    await send_attachments(
        desk, new.chat_id, new.attachments, thread_id=new.thread_id, reply_to=card_id
    )
    return message if card_id == message.message_id else None


async def refresh_card(desk: Desk, request_id: int) -> Request | None:
    """Show the request as it is now on its card: owner, stage and the right button."""
    request = await desk.repo.requests.with_answers(request_id)
    if request is None or request.team_chat_id is None or request.team_message_id is None:
        return request
    author, owner = await people(desk, request)
    card = render_card(desk, request, author, owner)
    try:
        await desk.bot.edit_message_text(
            card.text,
            chat_id=request.team_chat_id,
            message_id=request.team_message_id,
            reply_markup=card_keyboard(desk.team_t, request, card.shortened),
        )
    except (TelegramMigrateToChat, TelegramForbiddenError) as error:
        # The group became a supergroup, or the bot is out of it: this card can never be
        # edited again, and the move that asked for the edit is not to fail for it. The
        # card is posted anew where the team group is (the poster tells the managers while
        # it cannot).
        logger.warning("event=team.card_unreachable request_id=%s error=%s", request.id, error)
        if await desk.repo.cards.forget(request.id, request.team_message_id):
            await _card_gone(desk, request)
    except TelegramBadRequest as error:
        if CARD_GONE not in error.message:
            logger.warning("event=team.card_edit_failed request_id=%s error=%s", request.id, error)
        elif await desk.repo.cards.forget(request.id, request.team_message_id):
            await _card_gone(desk, request)
    return request


async def _card_gone(desk: Desk, request: Request) -> None:
    """The card is gone (deleted, or in a group the bot can no longer write to): post it
    again, or nobody could take the request.

    Telegram tells a bot nothing of a deletion; the first edit that fails is how the bot
    learns of it. A request still in work gets a fresh card once this transaction commits
    (the poster's next look finds it anyway); a closed one needs none.
    """
    logger.warning("event=team.card_gone request_id=%s", request.id)
    if not is_final(Stage(request.stage)):
        desk.nudge_card(request.id)


async def post_update(
    desk: Desk, request: Request, text: str, *, reopen: bool = True
) -> Message | None:
    """Tell the group about a request: in its own topic, else as a reply to its card.

    A request topic someone deleted is opened anew (``reopen``, once) and the message
    goes there; if that fails, under the card. A card someone deleted is how a reply to it
    fails: then the card is posted again (the request may still wait for a Take nobody
    can press), and the message goes out on its own.
    """
    if request.team_chat_id is None:
        return None
    tracking = await desk.repo.team.tracking(request.id)
    own_thread = tracking.thread_id if tracking is not None else None
    try:
        if own_thread is not None:
            return await desk.bot.send_message(
                request.team_chat_id, text, message_thread_id=own_thread
            )
        card_id = request.team_message_id
        try:
            return await desk.bot.send_message(
                request.team_chat_id,
                text,
                message_thread_id=request.topic_thread_id,
                reply_parameters=ReplyParameters(message_id=card_id) if card_id else None,
            )
        except TelegramBadRequest as error:
            if card_id is None or REPLY_GONE not in error.message:
                raise
        if await desk.repo.cards.forget(request.id, card_id):
            await _card_gone(desk, request)
        return await desk.bot.send_message(
            request.team_chat_id, text, message_thread_id=request.topic_thread_id
        )
    except TelegramAPIError as error:
        lost_topic = own_thread if reopen and thread_gone(error) else None
        if lost_topic is not None and await forget_thread(desk, lost_topic):
            await sync_request_topic(desk, request)
            return await post_update(desk, request, text, reopen=False)
        logger.warning("event=team.update_failed request_id=%s error=%s", request.id, error)
        return None
