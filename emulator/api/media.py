"""Files: sendDocument, sendPhoto, sendMediaGroup and getFile.

Uploaded bytes are kept, so a test can read what the bot sent (``EmMessage.document_bytes``)
and the bot can download what users sent through ``/file/bot<token>/<path>``.
"""

from __future__ import annotations

import mimetypes
import secrets
from typing import Any
from urllib.parse import urlparse

from emulator.api.checks import (
    Handler,
    attach_markup,
    reply_markup,
    reply_target,
    spend_rate,
    thread_of,
    writable_chat,
)
from emulator.bots import EmBot
from emulator.errors import bad_request
from emulator.formatting import caption_text
from emulator.messages import EmMessage
from emulator.models import EmChat, StoredFile
from emulator.params import Params
from emulator.state import World

_PHOTO_SIZES = ((90, 67), (320, 240), (800, 600))


def _resolve_file(world: World, params: Params, field: str, value: Any) -> StoredFile:
    """A file given as an upload, a known file_id or an HTTP URL."""
    upload = params.files.get(field) if value is None else None
    if upload is None and isinstance(value, str):
        upload = params.upload(value)
    if upload is not None:
        mime = mimetypes.guess_type(upload.filename)[0] or upload.content_type
        return world.store_file(
            upload.content, kind=field, file_name=upload.filename, mime_type=mime
        )
    if not isinstance(value, str) or not value:
        raise bad_request(f"there is no {field} in the request")
    if value in world.files:
        return world.files[value]
    if value.startswith(("http://", "https://")):
        name = urlparse(value).path.rsplit("/", 1)[-1] or "file"
        return world.store_file(
            None, kind=field, file_name=name, mime_type=mimetypes.guess_type(name)[0]
        )
    raise bad_request("wrong file identifier/HTTP URL specified")


def document_dict(stored: StoredFile) -> dict[str, Any]:
    """The ``Document`` object."""
    data: dict[str, Any] = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
    }
    if stored.file_name:
        data["file_name"] = stored.file_name
    if stored.mime_type:
        data["mime_type"] = stored.mime_type
    return data


def photo_sizes(world: World, stored: StoredFile) -> list[dict[str, Any]]:
    """A photo as Telegram returns it: several sizes, the largest being the original."""
    sizes: list[dict[str, Any]] = []
    for index, (width, height) in enumerate(_PHOTO_SIZES):
        is_original = index == len(_PHOTO_SIZES) - 1
        file = stored if is_original else world.store_file(stored.content, kind="photo")
        sizes.append(
            {
                "file_id": file.file_id,
                "file_unique_id": file.file_unique_id,
                "file_size": file.size,
                "width": width,
                "height": height,
            }
        )
    return sizes


def _media_fields(
    world: World, kind: str, stored: StoredFile, caption: dict[str, Any]
) -> dict[str, Any]:
    fields = dict(caption)
    if kind == "photo":
        fields["photo"] = photo_sizes(world, stored)
    elif kind == "video":
        fields["video"] = {**document_dict(stored), "width": 640, "height": 360, "duration": 1}
    elif kind == "audio":
        fields["audio"] = {**document_dict(stored), "duration": 1}
    else:
        fields["document"] = document_dict(stored)
    return fields


def _caption_fields(source: Any, parse_mode: Any, entities: Any) -> dict[str, Any]:
    formatted = caption_text(
        str(source) if source else None, str(parse_mode) if parse_mode else None, entities
    )
    if formatted is None:
        return {}
    fields: dict[str, Any] = {"caption": formatted.text}
    if formatted.entities:
        fields["caption_entities"] = formatted.entities
    return fields


def _store_media_message(
    world: World,
    bot: EmBot,
    chat: EmChat,
    params: Params,
    fields: dict[str, Any],
    stored: StoredFile,
) -> EmMessage:
    message = world.new_message(
        chat,
        sender=bot.as_dict(),
        from_bot=True,
        fields=fields,
        thread_id=thread_of(chat, params),
        reply_to=reply_target(chat, params),
    )
    message.html = params.get_str("caption")
    message.document_bytes = stored.content
    return message


async def _send_single(world: World, bot: EmBot, params: Params, kind: str) -> Any:
    chat = writable_chat(world, bot, params)
    caption = _caption_fields(
        params.get_str("caption"),
        params.get_str("parse_mode"),
        params.get_json("caption_entities"),
    )
    markup = reply_markup(params)
    thread_of(chat, params)
    reply_target(chat, params)
    stored = _resolve_file(world, params, kind, params.values.get(kind))
    spend_rate(world, bot, chat)
    fields = _media_fields(world, kind, stored, caption)
    message = _store_media_message(world, bot, chat, params, fields, stored)
    attach_markup(chat, message, markup)
    return message.raw


async def send_document(world: World, bot: EmBot, params: Params) -> Any:
    """sendDocument."""
    return await _send_single(world, bot, params, "document")


async def send_photo(world: World, bot: EmBot, params: Params) -> Any:
    """sendPhoto."""
    return await _send_single(world, bot, params, "photo")


async def send_media_group(world: World, bot: EmBot, params: Params) -> Any:
    """sendMediaGroup: 2-10 items, documents not mixed with other media; each item counts."""
    chat = writable_chat(world, bot, params)
    media = params.get_json("media")
    if not isinstance(media, list) or not 2 <= len(media) <= 10:
        raise bad_request("wrong number of media in the media group; must be 2-10")
    kinds = {str(item.get("type")) for item in media if isinstance(item, dict)}
    if len(kinds) != 1 and "document" in kinds:
        raise bad_request("document can't be mixed with other media types")
    prepared: list[tuple[dict[str, Any], StoredFile]] = []
    for item in media:
        if not isinstance(item, dict) or item.get("type") not in {
            "photo",
            "video",
            "audio",
            "document",
        }:
            raise bad_request("unsupported media type in the media group")
        kind = str(item["type"])
        caption = _caption_fields(
            item.get("caption"), item.get("parse_mode"), item.get("caption_entities")
        )
        stored = _resolve_file(world, params, kind, item.get("media"))
        prepared.append((_media_fields(world, kind, stored, caption), stored))
    thread_of(chat, params)
    reply_target(chat, params)
    spend_rate(world, bot, chat, count=len(prepared))
    group_id = str(secrets.randbelow(10**18))
    messages = [
        _store_media_message(
            world, bot, chat, params, {**fields, "media_group_id": group_id}, stored
        )
        for fields, stored in prepared
    ]
    return [message.raw for message in messages]


async def get_file(world: World, bot: EmBot, params: Params) -> Any:
    """getFile: where to download a file from."""
    stored = world.files.get(params.get_str("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
        "file_path": stored.file_path,
    }


METHODS: dict[str, Handler] = {
    "sendDocument": send_document,
    "sendPhoto": send_photo,
    "sendMediaGroup": send_media_group,
    "getFile": get_file,
}
