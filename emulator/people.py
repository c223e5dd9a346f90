"""Acting as people: every action stores what the chat shows and queues an Update."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from emulator.membership import MembershipMixin
from emulator.messages import EmMessage
from emulator.models import ADMIN_STATUSES, GENERAL_TOPIC_ID, CallbackAnswer
from emulator.text import auto_entities


class PeopleMixin(MembershipMixin):
    """What users do: write, edit and delete, press buttons.

    Sharing files, contacts and polls is in ``sharing.py``; blocking the bot and group
    membership are in ``membership.py``.
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

    async def follow_start_link(self, user_id: int, url: str) -> EmMessage:
        """Open ``t.me/<bot>?start=<parameter>`` and press Start, as a client does."""
        parameter = parse_qs(urlsplit(url).query).get("start", [""])[0]
        return await self.send_message(user_id, f"/start {parameter}".strip())

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
