"""The brief: the whole request, in private, for the expert who has it (or asked to read it)."""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError

from bot.i18n import Translator
from bot.services.answer_text import answer_text
from bot.services.attachments import send_attachments
from bot.services.card_text import (
    answer_item,
    closing_reason,
    field_label,
    postponed_day,
    public_answers,
    request_head,
    status_line,
)
from bot.services.desk import Desk
from bot.services.message_size import MESSAGE_LIMIT, in_messages
from bot.services.process_view import process_lines
from storage.models import Request, User

logger = logging.getLogger(__name__)

_ROOM = MESSAGE_LIMIT - 96
"""A brief message is filled up to this many characters, leaving room for the frame."""


def render_brief(
    desk: Desk,
    t: Translator,
    request: Request,
    author: User | None,
    owner: User | None,
    *,
    status: bool = True,
    private: bool = True,
) -> list[str]:
    """The brief as one or more messages: every answer in full, nothing cut.

    Without ``status`` the owner and stage are left out: the request's view shows them
    on its live panel instead, which is edited after every change. Without ``private``
    the answers the form keeps off the card are left out too.
    """
    scenario = desk.scenario(request.scenario_id)
    parts = [request_head(desk, t, request, author)]
    if status:
        parts.append(status_line(desk, t, request, owner))
    for answer in request.answers if private else public_answers(desk, request):
        field = scenario.field(answer.field_id) if scenario is not None else None
        label = field_label(scenario, answer.field_id, t.locale)
        # Drawn in the reader's language; a moment, already HTML, is too short to be cut.
        text = answer_text(field, answer, t, desk.settings.zone)
        while len(text) > _ROOM - len(label):
            cut = _ROOM - len(label)
            parts.append(answer_item(t, label, text[:cut]))
            text = text[cut:]
        parts.append(answer_item(t, label, text))
    reason = closing_reason(t, request)
    if reason:
        parts.append(t("claims-brief-lost-reason", reason=reason))
    day = postponed_day(request, desk.zone_of(owner) if owner else desk.settings.zone)
    if day is not None:
        parts.append(t("claims-brief-postponed", day=t.date(day)))
    return in_messages(parts, separator="\n\n", limit=_ROOM)


async def send_brief(desk: Desk, request_id: int, reader: User) -> bool:
    """Send the brief and its files to ``reader``; ``False`` if they cannot be written to.

    A read-only copy for a member of the team group (the card's "Full text"), so the
    private answers stay out; the request's view is where people act.
    """
    request = await desk.repo.requests.with_answers(request_id)
    if request is None:
        return False
    ids = {request.author_id} | ({request.owner_id} if request.owner_id else set())
    users = await desk.repo.team.users(ids)
    owner = users.get(request.owner_id) if request.owner_id else None
    t = desk.t_for(reader)
    messages = render_brief(desk, t, request, users.get(request.author_id), owner, private=False)
    work = await process_lines(desk, t, request.id, desk.zone_of(reader))
    if work:
        messages.append("\n".join(work))
    try:
        for text in messages:
            await desk.bot.send_message(reader.id, text)
    except (TelegramForbiddenError, TelegramBadRequest) as error:
        logger.info("event=team.brief_undelivered user_id=%s error=%s", reader.id, error)
        return False
    await send_attachments(desk, reader.id, request.attachments)
    return True
