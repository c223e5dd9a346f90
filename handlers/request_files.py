"""Adding files and notes to a request: from its view, by replying to the bot, in its topic.

Three ways in, one rule: the author, the owner, managers and meeting participants may add a
document, a photo or a text note; anything else is explained. Sending everything back is a
button on the view.
"""

from __future__ import annotations

import re
from typing import Any

from aiogram import F, Router
from aiogram.filters import Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.audience import audience_of
from bot.services.desk import Desk, InTeamChat
from bot.services.followups import typed_words
from bot.services.request_files import add_file, add_note, attachment_of, may_add, send_back
from bot.services.request_view import refresh_views
from bot.services.view_buttons import ViewAdd, ViewFiles
from storage.models import Request, User

router = Router(name=__name__)
topics = Router(name=f"{__name__}.topics")

NOTE_LIMIT = 4096
"""A note is one Telegram message, so it is never longer than this."""
_MENTIONED = re.compile(r"#(\d{1,9})\b")
ADDABLE = F.document | F.photo | (F.text & ~F.text.startswith("/"))
"""What can be added to a request: a document, a photo, or a text that is not a command."""


class AddForm(StatesGroup):
    """Waiting for the file or note someone chose to add from a view."""

    waiting = State()


@router.callback_query(ViewAdd.filter())
async def add_pressed(
    query: CallbackQuery,
    callback_data: ViewAdd,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    """Ask for the file or note; the next message is it."""
    request = await _addable(desk, callback_data.request, user, roles)
    if request is None:
        callback_answer.show_alert = True
        callback_answer.text = t("files-not-allowed", number=callback_data.request)
        return
    await state.set_state(AddForm.waiting)
    await state.set_data({"request": request.id, "for_author": callback_data.for_author})
    key = "files-ask-for-author" if callback_data.for_author else "files-ask"
    await desk.tell(user.id, t(key, number=request.id))


@router.message(AddForm.waiting, ADDABLE)
async def item_sent(
    message: Message,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    state: FSMContext,
) -> None:
    """The file or note asked for: stored, and the other side told."""
    if message.text is not None and await typed_words(message, t, NOTE_LIMIT) is None:
        return
    data = await state.get_data()
    await state.clear()
    request = await _addable(desk, int(data.get("request", 0)), user, roles)
    if request is None:
        await message.answer(t("files-not-allowed", number=data.get("request", 0)))
        return
    await message.answer(await _add(desk, t, request, user, message, bool(data["for_author"])))


@router.message(AddForm.waiting, ~F.text.startswith("/"))
async def item_unsupported(message: Message, t: Translator) -> None:
    """A sticker, a voice message, a location...: say what can be added, keep waiting."""
    await message.answer(t("files-unsupported"))


def request_replied_to(message: Message) -> int | None:
    """The request a reply is about: the one ``#N`` the bot's message it replies to names.

    None for a message that replies to nothing or to someone else, or to a message of the
    bot that names no request, or several.
    """
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or not replied.from_user.is_bot:
        return None
    about = replied.text or replied.caption or ""
    numbers = {int(found) for found in _MENTIONED.findall(about)}
    return numbers.pop() if len(numbers) == 1 else None


class RepliesAboutRequest(Filter):
    """A reply to a message of the bot about one request; its number reaches the handler
    as ``about``. Lets a dialog that waits for typed text (the form) let such a reply be
    what it is everywhere else: an addition to that request."""

    async def __call__(self, message: Message) -> bool | dict[str, Any]:
        number = request_replied_to(message)
        return False if number is None else {"about": number}


@router.message(StateFilter(None), F.reply_to_message.from_user.is_bot, ADDABLE)
async def reply_to_bot(
    message: Message, desk: Desk, user: User, roles: frozenset[str], t: Translator
) -> None:
    """A reply to a message of the bot about one request adds to that request."""
    number = request_replied_to(message)
    if number is None:
        await message.answer(t("files-which-request"))
        return
    await add_reply(message, number, desk=desk, user=user, roles=roles, t=t)


async def add_reply(
    message: Message,
    number: int,
    *,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
) -> None:
    """Add a reply to request ``number`` if ``user`` may, and say which happened."""
    request = await _addable(desk, number, user, roles)
    if request is None:
        await message.answer(t("files-not-allowed", number=number))
        return
    await message.answer(await _add(desk, t, request, user, message, for_author=False))


@router.callback_query(ViewFiles.filter())
async def files_pressed(
    query: CallbackQuery,
    callback_data: ViewFiles,
    desk: Desk,
    user: User,
    roles: frozenset[str],
    t: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """Every file and note this person may see, sent to them in full."""
    request = await desk.repo.requests.get(callback_data.request)
    audience = await audience_of(desk, request, user, roles) if request else None
    if request is None or audience is None or not may_add(audience):
        callback_answer.show_alert = True
        callback_answer.text = t("view-refused", number=callback_data.request)
        return
    if not await send_back(desk, request, audience, user):
        callback_answer.text = t("files-none", number=request.id)


@topics.message(
    InTeamChat(),
    F.is_topic_message,
    ~F.from_user.is_bot,
    ADDABLE,
)
async def written_in_topic(
    message: Message, desk: Desk, user: User | None, roles: frozenset[str], t: Translator
) -> None:
    """A message in a request's own topic, by someone who may add, joins the request.

    The topic is a conversation: what others write there stays just that, with no answer.
    """
    if user is None or message.message_thread_id is None:
        return
    request_id = await desk.repo.team.request_of_thread(message.message_thread_id)
    if request_id is None or await _addable(desk, request_id, user, roles) is None:
        return
    request = await desk.repo.requests.get(request_id)
    if request is not None:
        await _add(desk, t, request, user, message, for_author=False)


async def _addable(
    desk: Desk, request_id: int, user: User, roles: frozenset[str]
) -> Request | None:
    """The request, if ``user`` may add to it."""
    request = await desk.repo.requests.get(request_id)
    if request is None or not may_add(await audience_of(desk, request, user, roles)):
        return None
    return request


async def _add(
    desk: Desk, t: Translator, request: Request, user: User, message: Message, for_author: bool
) -> str:
    """Store the message's file (and its caption as a note) or its text; the confirmation."""
    if message.document or message.photo:
        attachment, unique_id = attachment_of(message)
        await add_file(desk, request, user, attachment, unique_id, for_author=for_author)
    text = (message.text or message.caption or "").strip()[:NOTE_LIMIT]
    if text:
        await add_note(desk, request, user, text, for_author=for_author)
    await refresh_views(desk, request.id)
    key = "files-added-for-author" if for_author else "files-added"
    return t(key, number=request.id)
