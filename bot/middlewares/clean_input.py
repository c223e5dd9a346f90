"""Input that cannot be stored is cleaned at the door, before any handler reads it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject, Update

from domain.clean_text import clean_text, needs_cleaning

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]

_MESSAGE_FIELDS = ("message", "edited_message")


class CleanInputMiddleware(BaseMiddleware):
    """Removes NUL and the other characters PostgreSQL or Telegram refuse from what people
    type, send as captions, name files and contacts: once here, on either database.

    Most updates carry nothing to clean and pass for the price of a regex search.
    """

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if isinstance(event, Update):
            event = cleaned_update(event)
        return await handler(event, data)


def cleaned_update(update: Update) -> Update:
    """``update`` itself when it is clean, else a copy with its messages cleaned."""
    changes: dict[str, Message] = {}
    for name in _MESSAGE_FIELDS:
        message = getattr(update, name)
        if message is not None:
            cleaned = cleaned_message(message)
            if cleaned is not message:
                changes[name] = cleaned
    return update.model_copy(update=changes) if changes else update


def cleaned_message(message: Message) -> Message:
    """``message`` itself when it is clean, else a copy with the refused characters removed.

    Entities are dropped with a cleaned text: their offsets no longer fit it.
    """
    changes: dict[str, Any] = {}
    if needs_cleaning(message.text):
        changes.update(text=clean_text(message.text or ""), entities=None)
    if needs_cleaning(message.caption):
        changes.update(caption=clean_text(message.caption or ""), caption_entities=None)
    contact = message.contact
    if contact is not None and _dirty(contact.first_name, contact.last_name, contact.phone_number):
        changes["contact"] = contact.model_copy(
            update={
                "first_name": clean_text(contact.first_name),
                "last_name": clean_text(contact.last_name) if contact.last_name else None,
                "phone_number": clean_text(contact.phone_number),
            }
        )
    document = message.document
    if document is not None and needs_cleaning(document.file_name):
        changes["document"] = document.model_copy(
            update={"file_name": clean_text(document.file_name or "")}
        )
    return message.model_copy(update=changes) if changes else message


def _dirty(*values: str | None) -> bool:
    return any(needs_cleaning(value) for value in values)
