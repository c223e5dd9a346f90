"""A pressed button is answered exactly once, whichever way its handler ends."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.dispatcher.flags import get_flag
from aiogram.exceptions import TelegramAPIError
from aiogram.methods import AnswerCallbackQuery
from aiogram.types import CallbackQuery, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer, CallbackAnswerMiddleware

from bot.failures import is_transient
from bot.i18n import Translator, plain_text
from bot.services.desk import shorten

logger = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]

ANSWER_LIMIT = 200
"""The most characters Telegram lets an answer to a button press carry."""


class AnswerOnce(CallbackAnswerMiddleware):
    """aiogram's callback answer, with one answer whichever way the handler ends.

    aiogram's middleware answers in a ``finally``, so after a failed handler the press
    was already answered (with nothing) when the error handler tried to apologise, and
    Telegram refused the second answer. Here: success answers with what the handler set;
    a permanent failure answers with the apology alert; a transient failure does not
    answer at all, because the update is handled again and that run answers.
    """

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not isinstance(event, CallbackQuery):
            return await handler(event, data)
        callback_answer = data["callback_answer"] = self.construct_callback_answer(
            properties=get_flag(data, "callback_answer"),
        )
        if not callback_answer.disabled and callback_answer.answered:
            await self.answer(event, callback_answer)
        try:
            result = await handler(event, data)
        except Exception as error:
            if not is_transient(error) and not callback_answer.answered:
                await self._apologise(event, data.get("t"))
            raise
        if not callback_answer.disabled and not callback_answer.answered:
            await self.answer(event, callback_answer)
        return result

    def answer(self, event: CallbackQuery, callback_answer: CallbackAnswer) -> AnswerCallbackQuery:
        """The answer as its reader sees it: a toast or an alert shows text as it is, so the
        HTML the texts are written in (a name with ``&`` comes escaped) is turned back into
        what was typed, and cut to the 200 characters Telegram takes (a longer answer is
        refused, and the press with it)."""
        text = callback_answer.text
        if text:
            callback_answer.text = shorten(plain_text(text), ANSWER_LIMIT)
        return super().answer(event, callback_answer)

    @staticmethod
    async def _apologise(event: CallbackQuery, t: Translator | None) -> None:
        text = t("common-error") if t is not None else "Error"
        try:
            await event.answer(text, show_alert=True)
        except TelegramAPIError as error:
            logger.warning("event=callback.apology_failed error=%s", error)
