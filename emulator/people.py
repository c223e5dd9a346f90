"""Acting as people: every action stores what the chat shows and queues an Update."""

from __future__ import annotations

import mimetypes
import secrets
from typing import Any

from emulator.membership import MembershipMixin
from emulator.models import (
    ADMIN_STATUSES,
    GENERAL_TOPIC_ID,
    CallbackAnswer,
    EmMessage,
)
from emulator.text import auto_entities

# A tiny valid JPEG header is enough: nobody decodes it, but bots may check the bytes.
_FAKE_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


class PeopleMixin(MembershipMixin):
    """What users do: write, edit and delete, share files and contacts, press buttons.

    Blocking the bot and group membership are in ``membership.py``.
    """

    # -- writing ------------------------------------------------------------------------

    def _post(
        self,
        user_id: int,
        fields: dict[str, Any],
        *,
        chat_id: int | None,
        thread_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> EmMessage:
        user = self.world.user(user_id)
        chat = self.world.chat(user_id if chat_id is None else chat_id)
        if chat.is_private and chat.id != user_id:
            raise ValueError(f"user {user_id} can't write into {chat.id}'s private chat")
        if chat.is_private and self.bot.id in user.blocked_bots:
            self.unblock(user_id)  # writing to a blocked bot means pressing "Restart"
        if chat.is_private:
            user.started = True  # the chat is open now: the bot may answer and write
        if thread_id not in (None, GENERAL_TOPIC_ID) and thread_id not in chat.topics:
            raise ValueError(f"no topic {thread_id} in chat {chat.id}")
        reply_to = None
        if reply_to_message_id is not None:
            reply_to = chat.messages.get(reply_to_message_id)
            if reply_to is None:
                raise ValueError(f"no message {reply_to_message_id} in chat {chat.id}")
        message = self.world.new_message(
            chat,
            sender=user.as_dict(),
            from_bot=False,
            fields=fields,
            thread_id=thread_id,
            reply_to=reply_to,
        )
        if self._bot_present(chat):
            self._emit("message", message.raw)
        else:
            self.world.changed()
        return message

    async def send_message(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        thread_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> EmMessage:
        """Type a text message; commands, mentions and links get entities like in clients."""
        fields: dict[str, Any] = {"text": text}
        entities = auto_entities(text)
        if entities:
            fields["entities"] = entities
        message = self._post(
            user_id,
            fields,
            chat_id=chat_id,
            thread_id=thread_id,
            reply_to_message_id=reply_to_message_id,
        )
        message.html = text
        return message

    async def edit_message(self, user_id: int, message: EmMessage, text: str) -> EmMessage:
        """Edit one's own text message; the bot gets an ``edited_message`` update."""
        if message.from_user_id != user_id:
            raise ValueError("people can edit only their own messages")
        message.history.append(message.raw)
        raw = {**message.raw, "text": text, "edit_date": self.world.now()}
        raw.pop("entities", None)
        if entities := auto_entities(text):
            raw["entities"] = entities
        message.raw = raw
        message.edited = True
        message.html = text
        if self._bot_present(self.world.chat(message.chat_id)):
            self._emit("edited_message", raw)
        return message

    async def delete_message(self, user_id: int, message: EmMessage) -> None:
        """Delete a message as a person may: one's own, or anyone's as a group admin.

        Telegram tells bots nothing of a deletion; the bot learns of it only when a call
        on that message fails ("message to edit not found").
        """
        chat = self.world.chat(message.chat_id)
        admin = chat.status_of(user_id) in ADMIN_STATUSES
        if message.from_user_id != user_id and not (admin or chat.is_private):
            raise ValueError("only a group admin deletes others' messages")
        message.deleted = True
        self.world.changed()

    async def delete_topic(self, user_id: int, chat_id: int, thread_id: int) -> None:
        """A group admin deletes a forum topic, and every message in it goes with it.

        As with a message, the bot is told nothing; a post to the topic then fails with
        "message thread not found", a rename with ``TOPIC_ID_INVALID``.
        """
        chat = self.world.chat(chat_id)
        if chat.status_of(user_id) not in ADMIN_STATUSES:
            raise ValueError("only a group admin deletes topics")
        if chat.topics.pop(thread_id, None) is None:
            raise ValueError(f"no topic {thread_id} in chat {chat_id}")
        for message in chat.messages.values():
            if message.thread_id == thread_id or message.message_id == thread_id:
                message.deleted = True
        self.world.changed()

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

    async def send_raw_message(
        self,
        user_id: int,
        fields: dict[str, Any],
        *,
        chat_id: int | None = None,
        thread_id: int | None = None,
    ) -> EmMessage:
        """Send a message with any Message fields (venue, dice, forward_origin, ...)."""
        return self._post(user_id, dict(fields), chat_id=chat_id, thread_id=thread_id)

    # -- buttons ------------------------------------------------------------------------

    async def press(
        self,
        user_id: int,
        message: EmMessage,
        callback_data: str,
        *,
        wait: bool = True,
        timeout: float = 5.0,
    ) -> CallbackAnswer | None:
        """Press an inline button; any callback_data goes, so tests can forge buttons.

        With ``wait`` the call returns the bot's answerCallbackQuery (text, show_alert).
        """
        user = self.world.user(user_id)
        chat = self.world.chat(message.chat_id)
        query_id = self.world.new_callback_id()
        shown: dict[str, Any] = message.raw
        if message.deleted:
            shown = {"chat": chat.as_dict(), "message_id": message.message_id, "date": 0}
        query = {
            "id": query_id,
            "from": user.as_dict(),
            "message": shown,
            "chat_instance": str(chat.id * 31 + self.bot.id),
            "data": callback_data,
        }
        self.world.open_callbacks[query_id] = self.bot.id
        self._emit("callback_query", query)
        if not wait:
            return None
        return await self.world.wait_until(
            lambda: self.world.callback_answers.get(query_id),
            timeout,
            lambda: (
                f"the bot did not answer the callback query {callback_data!r} "
                f"(message {message.message_id} in chat {chat.id}) within {timeout}s"
            ),
        )
