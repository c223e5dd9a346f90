"""Hands every intake handler the `screen` it speaks on and the `dialog` it continues.

Building these from a dozen injected objects in every handler would bury what the handler
does; an inner middleware on the intake routers does it once per event.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from handlers.intake.draft import Draft, load_draft
from handlers.intake.screens import Question, Screen
from scenarios.loader import ScenarioCatalog
from scenarios.schema import FormField, Scenario

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


@dataclass(slots=True)
class Dialog:
    """An open draft with its scenario, and the question being asked (None on the summary)."""

    screen: Screen
    draft: Draft
    scenario: Scenario
    field: FormField | None


async def offer_taken(
    query: CallbackQuery,
    callback_answer: CallbackAnswer,
    screen: Screen,
    dialog: Dialog | None,
    serial: int,
) -> Dialog | None:
    """The open dialog an offer's press is for (continue or discard, cancel or go on), the
    offer's buttons taken away; ``None``, the press told it is out of date, when the offer
    was made for another draft (one discarded since)."""
    if dialog is None or dialog.draft.serial != serial:
        callback_answer.text = screen.t("intake-stale-button")
        callback_answer.show_alert = True
        return None
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    return dialog


class IntakeContextMiddleware(BaseMiddleware):
    """Adds `screen`, `dialog` (or None) and `question` (or None) to the handler data."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        state: FSMContext | None = data.get("state")
        user = data.get("user")
        if state is None or user is None:
            return await handler(event, data)
        chat_id = _chat_id(event, user.id)
        screen = Screen.build(
            bot=data["bot"],
            chat_id=chat_id,
            t=data["t"],
            state=state,
            repo=data["repo"],
            now=data["clock"].now(),
            user=user,
            settings=data["settings"],
        )
        scenarios: ScenarioCatalog = data["scenarios"]
        draft = await load_draft(state)
        dialog: Dialog | None = None
        question: Question | None = None
        if draft is not None and draft.scenario_id in scenarios:
            scenario = scenarios.get(draft.scenario_id)
            field = scenario.field(draft.field_id) if draft.field_id else None
            dialog = Dialog(screen, draft, scenario, field)
            if field is not None:
                question = Question(screen, draft, scenario, field)
        data["screen"] = screen
        data["dialog"] = dialog
        data["question"] = question
        return await handler(event, data)


def _chat_id(event: TelegramObject, user_id: int) -> int:
    if isinstance(event, Message):
        return event.chat.id
    if isinstance(event, CallbackQuery) and event.message is not None:
        return event.message.chat.id
    return user_id
