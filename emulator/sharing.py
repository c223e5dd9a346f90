"""Acting as people who share things: contacts, files, photos, stickers, voice, polls."""

from __future__ import annotations

import mimetypes
import secrets
from typing import Any

from emulator.messages import EmMessage
from emulator.people import PeopleMixin

# A tiny valid JPEG header is enough: nobody decodes it, but bots may check the bytes.
_FAKE_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


class SharingMixin(PeopleMixin):
    """What people send besides text; each lands in the chat as its Message fields say."""

    async def send_contact(
        self,
        user_id: int,
        phone_number: str,
        *,
        first_name: str | None = None,
        contact_user_id: int | None = None,
        foreign: bool = False,
        chat_id: int | None = None,
    ) -> EmMessage:
        """Share a contact; by default one's own (``user_id`` set, as the keyboard button does).

        ``foreign=True`` sends a contact card without ``user_id``, like a typed-in contact.
        """
        user = self.world.user(user_id)
        contact: dict[str, Any] = {
            "phone_number": phone_number,
            "first_name": first_name or user.first_name,
        }
        if not foreign:
            contact["user_id"] = contact_user_id if contact_user_id is not None else user_id
            if contact_user_id is None and user.last_name:
                contact["last_name"] = user.last_name
        return self._post(user_id, {"contact": contact}, chat_id=chat_id)

    async def send_document(
        self,
        user_id: int,
        filename: str,
        content: bytes,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
        chat_id: int | None = None,
        thread_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> EmMessage:
        """Send a file; the bot can fetch it with getFile and the file URL."""
        mime = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        stored = self.world.store_file(
            content, kind="document", file_name=filename, mime_type=mime
        )
        fields: dict[str, Any] = {
            "document": {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_name": filename,
                "mime_type": mime,
                "file_size": len(content),
            }
        }
        if caption:
            fields["caption"] = caption
        message = self._post(
            user_id,
            fields,
            chat_id=chat_id,
            thread_id=thread_id,
            reply_to_message_id=reply_to_message_id,
        )
        message.document_bytes = content
        return message

    async def send_photo(
        self,
        user_id: int,
        *,
        content: bytes = _FAKE_JPEG,
        caption: str | None = None,
        chat_id: int | None = None,
        thread_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> EmMessage:
        """Send a photo: Telegram gives the bot several sizes of it."""
        sizes = []
        for width, height in ((90, 67), (320, 240), (1280, 960)):
            stored = self.world.store_file(content, kind="photo", mime_type="image/jpeg")
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": len(content),
                    "width": width,
                    "height": height,
                }
            )
        fields: dict[str, Any] = {"photo": sizes}
        if caption:
            fields["caption"] = caption
        return self._post(
            user_id,
            fields,
            chat_id=chat_id,
            thread_id=thread_id,
            reply_to_message_id=reply_to_message_id,
        )

    async def send_sticker(
        self, user_id: int, *, emoji: str = "👍", chat_id: int | None = None
    ) -> EmMessage:
        """Send a sticker."""
        stored = self.world.store_file(b"RIFF", kind="sticker", mime_type="image/webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._post(user_id, {"sticker": sticker}, chat_id=chat_id)

    async def send_voice(
        self, user_id: int, *, duration: int = 3, chat_id: int | None = None
    ) -> EmMessage:
        """Send a voice note."""
        stored = self.world.store_file(b"OggS", kind="voice", mime_type="audio/ogg")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": 4,
        }
        return self._post(user_id, {"voice": voice}, chat_id=chat_id)

    async def send_location(
        self, user_id: int, latitude: float, longitude: float, *, chat_id: int | None = None
    ) -> EmMessage:
        """Share a location."""
        location = {"latitude": latitude, "longitude": longitude}
        return self._post(user_id, {"location": location}, chat_id=chat_id)

    async def send_poll(
        self,
        user_id: int,
        question: str,
        options: list[str],
        *,
        chat_id: int | None = None,
    ) -> EmMessage:
        """Post a poll."""
        poll = {
            "id": str(secrets.randbelow(10**18)),
            "question": question,
            "options": [
                {"persistent_id": str(index), "text": text, "voter_count": 0}
                for index, text in enumerate(options)
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": True,
            "members_only": False,
        }
        return self._post(user_id, {"poll": poll}, chat_id=chat_id)
