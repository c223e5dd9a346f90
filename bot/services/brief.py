"""The brief: the whole request, in private, for the expert who has it (or asked to read it)."""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.keyboard import InlineKeyboard
from bot.services.buttons import ReleaseButton, StageButton
from bot.services.cards import (
    MESSAGE_LIMIT,
    answer_item,
    field_label,
    request_head,
    send_attachments,
    status_line,
)
from bot.services.desk import Desk
from bot.services.followup_buttons import MeetingNew, StepNew
from bot.services.stages import LOST_OR_POSTPONED, next_stages
from storage.models import FINAL_STAGES, Request, Stage, User

logger = logging.getLogger(__name__)

_ROOM = MESSAGE_LIMIT - 96
"""A brief message is filled up to this many characters, leaving room for the frame."""


def render_brief(
    desk: Desk, t: Translator, request: Request, author: User | None, owner: User | None
) -> list[str]:
    """The brief as one or more messages: every answer in full, nothing cut."""
    scenario = desk.scenario(request.scenario_id)
    parts = [request_head(desk, t, request, author), status_line(desk, t, request, owner)]
    for answer in request.answers:
        label = field_label(scenario, answer.field_id, t.locale)
        text = answer.display
        while len(text) > _ROOM - len(label):
            cut = _ROOM - len(label)
            parts.append(answer_item(t, label, text[:cut]))
            text = text[cut:]
        parts.append(answer_item(t, label, text))
    if request.lost_reason:
        parts.append(t("claims-brief-lost-reason", reason=request.lost_reason))
    if request.postponed_until:
        parts.append(t("claims-brief-postponed", day=t.date(desk.local(request.postponed_until))))
    messages: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current}\n\n{part}" if current else part
        if current and len(candidate) > _ROOM:
            messages.append(current)
            candidate = part
        current = candidate
    messages.append(current)
    return messages


def brief_keyboard(t: Translator, request: Request) -> InlineKeyboardMarkup | None:
    """The next steps that exist from the request's stage, then release; none when it is done."""
    stage = Stage(request.stage)
    if stage in FINAL_STAGES or request.owner_id is None:
        return None
    builder = InlineKeyboard()
    builder.button(text=t("followups-button-step"), callback_data=StepNew(request=request.id))
    builder.button(
        text=t("followups-button-meeting"), callback_data=MeetingNew(request=request.id)
    )
    for target in next_stages(stage):
        key = "claims-button-to-" + target.value.replace("_", "-")
        builder.button(text=t(key), callback_data=StageButton(request=request.id, to=target))
    builder.button(
        text=t("claims-button-release"), callback_data=ReleaseButton(request=request.id)
    )
    forward = len([s for s in next_stages(stage) if s not in LOST_OR_POSTPONED])
    builder.adjust(2, *([1] * forward), 3, 1)
    return builder.as_markup()


async def send_brief(desk: Desk, request_id: int, reader: User, *, with_actions: bool) -> bool:
    """Send the brief and its files to ``reader``; ``False`` if they cannot be written to."""
    request = await desk.repo.requests.with_answers(request_id)
    if request is None:
        return False
    ids = {request.author_id} | ({request.owner_id} if request.owner_id else set())
    users = await desk.repo.team.users(ids)
    owner = users.get(request.owner_id) if request.owner_id else None
    t = desk.t_for(reader)
    messages = render_brief(desk, t, request, users.get(request.author_id), owner)
    keyboard = brief_keyboard(t, request) if with_actions else None
    try:
        for index, text in enumerate(messages):
            last = index == len(messages) - 1
            await desk.bot.send_message(reader.id, text, reply_markup=keyboard if last else None)
    except (TelegramForbiddenError, TelegramBadRequest) as error:
        logger.info("event=team.brief_undelivered user_id=%s error=%s", reader.id, error)
        return False
    await send_attachments(desk, reader.id, request.attachments)
    return True
