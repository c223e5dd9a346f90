"""A pressed button is answered exactly once, whichever way its handler ends."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.dispatcher.flags import get_flag
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswerMiddleware

from bot.failures import is_transient
from bot.i18n import Translator

logger = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


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

    @staticmethod
    async def _apologise(event: CallbackQuery, t: Translator | None) -> None:
        text = t("common-error") if t is not None else "Error"
        try:
            await event.answer(text, show_alert=True)
        except TelegramAPIError as error:
            logger.warning("event=callback.apology_failed error=%s", error)
