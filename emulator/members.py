"""ChatMember objects in each of Telegram's shapes (owner, administrator, member, ...)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from emulator.models import MemberStatus

_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_send_welcome_messages",
    "can_pin_messages",
    "can_manage_topics",
    "can_manage_tags",
)


def member_dict(
    user: dict[str, Any],
    status: MemberStatus,
    *,
    withheld: Collection[str] = (),
    tag: str | None = None,
) -> dict[str, Any]:
    """The ChatMember object for ``user`` with ``status``: an administrator has every right
    but those ``withheld``; a member or a restricted member shows their ``tag``, if any."""
    data: dict[str, Any] = {"status": status, "user": user}
    if tag and status in {"member", "restricted"}:
        data["tag"] = tag
    if status == "creator":
        data["is_anonymous"] = False
    elif status == "administrator":
        data.update({"can_be_edited": False, "is_anonymous": False})
        data.update({right: right not in withheld for right in _ADMIN_RIGHTS})
    elif status == "kicked":
        data["until_date"] = 0
    elif status == "restricted":
        status_fields = {
            "is_member": True,
            "until_date": 0,
            **dict.fromkeys(
                (
                    "can_send_messages",
                    "can_send_audios",
                    "can_send_documents",
                    "can_send_photos",
                    "can_send_videos",
                    "can_send_video_notes",
                    "can_send_voice_notes",
                    "can_send_polls",
                    "can_send_other_messages",
                    "can_add_web_page_previews",
                    "can_react_to_messages",
                    "can_edit_tag",
                    "can_change_info",
                    "can_invite_users",
                    "can_pin_messages",
                    "can_manage_topics",
                ),
                False,
            ),
        }
        data.update(status_fields)
    return data


def member_update(
    *,
    chat: dict[str, Any],
    actor: dict[str, Any],
    subject: dict[str, Any],
    old: MemberStatus,
    new: MemberStatus,
    date: int,
) -> dict[str, Any]:
    """A ChatMemberUpdated payload (for chat_member and my_chat_member updates)."""
    return {
        "chat": chat,
        "from": actor,
        "date": date,
        "old_chat_member": member_dict(subject, old),
        "new_chat_member": member_dict(subject, new),
    }
