"""When an update fails for good: logged once, and the person told in their language.

Only permanent failures get here as failures: a transient one (Telegram having trouble)
is not an error of the update, which the poller handles again once the wait is over.
The person is told through paths that are themselves retried: a pressed button is
answered with an alert, once (:class:`bot.middlewares.callbacks.AnswerOnce`); a message
gets the apology through the outbox, queued with the update marked failed.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Router
from aiogram.types import ErrorEvent, Update

from bot.failures import is_transient
from bot.i18n import Translator
from bot.sending.outbox import Outbox
from storage.repositories.holder import Repositories

router = Router(name=__name__)
logger = logging.getLogger(__name__)


def _permanent(event: ErrorEvent) -> bool:
    return not is_transient(event.exception)


@router.error(_permanent)
async def unexpected_error(event: ErrorEvent) -> None:
    """Log the failure once; the update is already marked failed and the apology queued."""
    logger.error(
        "event=handler.error error=%s", type(event.exception).__name__, exc_info=event.exception
    )


async def queue_apology(repo: Repositories, update: Update, data: dict[str, Any]) -> None:
    """Queue "something went wrong" for a private message whose handling failed.

    Runs in the transaction that marks the update failed. A pressed button is not
    apologised for here: its answer already carries the apology.
    """
    message = update.message
    outbox = data.get("outbox")
    if message is None or message.chat.type != "private" or not isinstance(outbox, Outbox):
        return
    t: Translator | None = data.get("t")
    if t is None:
        return
    await outbox.enqueue(repo, chat_id=message.chat.id, text=t("common-error"))
