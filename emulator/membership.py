"""Acting as people towards the bot and groups: block, join, leave, kick, promote.

Each change stores the chat's new members and queues what Telegram sends about it:
``my_chat_member`` for the bot, ``chat_member`` for others while the bot is present, and
the service message a group shows.
"""

from __future__ import annotations

from typing import Any

from emulator.core import EmulatorCore
from emulator.members import member_update
from emulator.models import PRESENT_STATUSES, EmChat, EmUser, MemberStatus


class MembershipMixin(EmulatorCore):
    """Who is in which chat: a user blocking the bot, people and the bot joining groups."""

    # -- relationship with the bot ------------------------------------------------------

    def _bot_status_change(self, user: EmUser, old: MemberStatus, new: MemberStatus) -> None:
        chat = self.world.chat(user.id)
        self._emit(
            "my_chat_member",
            member_update(
                chat=chat.as_dict(),
                actor=user.as_dict(),
                subject=self.bot.as_dict(),
                old=old,
                new=new,
                date=self.world.now(),
            ),
        )

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sends fail with 403 and a my_chat_member update comes."""
        user = self.world.user(user_id)
        if self.bot.id not in user.blocked_bots:
            user.blocked_bots.add(self.bot.id)
            self._bot_status_change(user, "member", "kicked")

    def unblock(self, user_id: int) -> None:
        """The user restarts the bot."""
        user = self.world.user(user_id)
        if self.bot.id in user.blocked_bots:
            user.blocked_bots.discard(self.bot.id)
            self._bot_status_change(user, "kicked", "member")

    # -- group membership ---------------------------------------------------------------

    def _identity(self, user_id: int) -> dict[str, Any]:
        if user_id == self.bot.id:
            return self.bot.as_dict()
        return self.world.user(user_id).as_dict()

    def _membership(self, chat_id: int, user_id: int, new: MemberStatus, by: int | None) -> None:
        chat = self.world.chat(chat_id)
        if chat.is_private:
            raise ValueError("membership changes happen in groups")
        old = chat.status_of(user_id)
        if old == new:
            return
        subject = self._identity(user_id)
        actor = self._identity(by) if by is not None else subject
        present_before = self._bot_present(chat)
        chat.members[user_id] = new
        change = member_update(
            chat=chat.as_dict(),
            actor=actor,
            subject=subject,
            old=old,
            new=new,
            date=self.world.now(),
        )
        joined = new in PRESENT_STATUSES
        if user_id == self.bot.id:
            self._emit("my_chat_member", change)
        presence_changed = joined != (old in PRESENT_STATUSES)
        if presence_changed and not (user_id == self.bot.id and not joined):
            fields: dict[str, Any] = (
                {"new_chat_members": [subject]} if joined else {"left_chat_member": subject}
            )
            message = self.world.new_message(chat, sender=actor, from_bot=False, fields=fields)
            if present_before or user_id == self.bot.id:
                self._emit("message", message.raw)
        if user_id != self.bot.id and present_before:
            self._emit("chat_member", change)
        self.world.changed()

    async def upgrade_group(self, chat_id: int, new_id: int, *, by: int) -> EmChat:
        """A basic group becomes a supergroup with a new id (an admin turned on topics, say).

        Its members come along; the bot, if in it, gets the two service messages Telegram
        sends (``migrate_to_chat_id`` in the old chat, ``migrate_from_chat_id`` in the
        new), and every call naming the old id is refused with the new one in
        ``parameters.migrate_to_chat_id``.
        """
        old = self.world.chat(chat_id)
        if old.type != "group":
            raise ValueError("only a basic group is upgraded")
        new = EmChat(id=new_id, type="supergroup", title=old.title, members=dict(old.members))
        self.world.chats[new_id] = new
        present = self._bot_present(old)
        actor = self._identity(by)
        for chat, fields in (
            (old, {"migrate_to_chat_id": new_id}),
            (new, {"migrate_from_chat_id": chat_id}),
        ):
            message = self.world.new_message(chat, sender=actor, from_bot=False, fields=fields)
            if present:
                self._emit("message", message.raw)
        old.migrated_to = new_id
        self.world.changed()
        return new

    async def join(self, chat_id: int, user_id: int, *, by: int | None = None) -> None:
        """A user (or the bot, by its id) joins or is added ``by`` someone."""
        self._membership(chat_id, user_id, "member", by)

    async def leave(self, chat_id: int, user_id: int) -> None:
        """A user (or the bot) leaves the group."""
        self._membership(chat_id, user_id, "left", None)

    async def kick(self, chat_id: int, user_id: int, *, by: int | None = None) -> None:
        """A user (or the bot) is banned from the group."""
        self._membership(chat_id, user_id, "kicked", by)

    async def promote(self, chat_id: int, user_id: int, *, by: int | None = None) -> None:
        """Make a member (or the bot) an administrator."""
        self._membership(chat_id, user_id, "administrator", by)

    async def demote(self, chat_id: int, user_id: int, *, by: int | None = None) -> None:
        """Take an administrator's rights away: they (or the bot) stay a plain member."""
        self._membership(chat_id, user_id, "member", by)

    def withhold_right(self, chat_id: int, user_id: int, right: str) -> None:
        """Leave one right (``can_manage_tags``, ...) out of an administrator's rights."""
        self.world.chat(chat_id).withheld.setdefault(user_id, set()).add(right)
