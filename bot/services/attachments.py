"""Sending a request's files to a chat, as few messages as Telegram allows.

Not only the card's: the files follow it into the team group, and go to a person too
when the brief, the request's view or an estimate's delivery sends them. Hence a module
of its own rather than a part of :mod:`bot.services.cards`.
"""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramAPIError
from aiogram.types import InputMediaDocument, InputMediaPhoto, ReplyParameters

from bot.services.desk import Desk
from storage.models import AttachmentKind, RequestAttachment

logger = logging.getLogger(__name__)

ALBUM_LIMIT = 10


async def send_attachments(
    desk: Desk,
    chat_id: int,
    attachments: list[RequestAttachment],
    *,
    thread_id: int | None = None,
    reply_to: int | None = None,
) -> None:
    """Photos as albums, documents as albums (Telegram will not mix them), one file alone."""
    reply = (
        ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
        if reply_to
        else None
    )
    photos = [a for a in attachments if a.kind == AttachmentKind.PHOTO.value]
    documents = [a for a in attachments if a.kind != AttachmentKind.PHOTO.value]
    for group in _chunks(photos) + _chunks(documents):
        try:
            if len(group) == 1 and group[0].kind == AttachmentKind.PHOTO.value:
                await desk.bot.send_photo(
                    chat_id, group[0].file_id, message_thread_id=thread_id, reply_parameters=reply
                )
            elif len(group) == 1:
                await desk.bot.send_document(
                    chat_id, group[0].file_id, message_thread_id=thread_id, reply_parameters=reply
                )
            else:
                media: list[InputMediaPhoto | InputMediaDocument] = [
                    InputMediaPhoto(media=a.file_id)
                    if a.kind == AttachmentKind.PHOTO.value
                    else InputMediaDocument(media=a.file_id)
                    for a in group
                ]
                await desk.bot.send_media_group(
                    chat_id, list(media), message_thread_id=thread_id, reply_parameters=reply
                )
        except TelegramAPIError as error:
            logger.warning("event=team.attachment_failed chat_id=%s error=%s", chat_id, error)


def _chunks(items: list[RequestAttachment]) -> list[list[RequestAttachment]]:
    return [items[i : i + ALBUM_LIMIT] for i in range(0, len(items), ALBUM_LIMIT)]
